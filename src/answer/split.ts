/**
 * Several questions in one message ("1.能不能认定 2.下一批什么时候报", "在哪个网站报，年限算到什么时候"):
 * the parts, each a question of its own. A message that is one question stays whole.
 */

const numbered = /(?:^|(?<=[\s，,。；;？?！!]))(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨]|第[一二三四五]个?问题?[:：]?|问题?[一二三四五][:：])/gu;
const questionWord = /[吗么呢？?]|什么|怎么|如何|哪|多少|几[时号月天年个]|是否|能否|能不能|可不可以|要不要|需不需要|有没有|是不是|多久|多长/u;

/** True when the text reads as a question. */
export function isQuestion(text: string): boolean {
  return questionWord.test(text);
}

/** The parts of a message that each ask something; one element when it is one question. */
export function splitQuestions(text: string): string[] {
  const t = text.trim();
  // Numbered parts first.
  const marks = [...t.matchAll(numbered)].map((m) => m.index!);
  if (marks.length >= 2) {
    const out: string[] = [];
    const head = t.slice(0, marks[0]).trim();
    marks.forEach((at, i) => {
      out.push(t.slice(at, marks[i + 1] ?? t.length).replace(numbered, '').replace(/^[\s，,。；;]+|[\s，,；;]+$/gu, ''));
    });
    return (head ? [head, ...out] : out).filter(Boolean);
  }
  // Lines, question marks and semicolons; then commas between two questions.
  const pieces = t.split(/(?<=[？?；;\n])|\n/u).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const p of pieces) {
    const clauses = p.split(/[，,]/u).map((c) => c.trim()).filter(Boolean);
    let cur = '';
    for (const c of clauses) {
      if (cur && isQuestion(cur) && isQuestion(c)) {
        out.push(cur);
        cur = c;
      } else cur = cur ? `${cur}，${c}` : c;
    }
    if (cur) out.push(cur);
  }
  return out.length ? out : [t];
}
