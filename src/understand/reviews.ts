/** Annual reviews and punishments said in a message (办法第六条). */
import type { Policy } from '../policy/load.js';
import { push } from './fact-list.js';
import type { Fact, FactField } from './facts.js';
import { clauseAt, findWord, pattern } from './match.js';

type Vocab = Policy['vocabulary'];

const countRe = '([一二两三四五六七八九1-9])次';

function count(s: string): number {
  const d: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  return d[s] ?? Number(s);
}

/**
 * The years a review result is said for, before it in its clause ("22、23年考核都是基本称职",
 * "21年22年两年都是基本称职", "连续两年"): each year is one result (办法第六条（三）).
 */
function yearsCounted(before: string): number | undefined {
  const tail = /((?:(?:\d{4}|\d{2})年?(?:、|和|跟|与|及|,|，)?){2,})?(?:(?:连续|这|近)?([两二三四五六七八九])年)?的?(?:年度)?(?:考核)?(?:结果)?(?:都是?|均为?|全是|全都是?)?$/u.exec(before);
  const years = tail?.[1] ? new Set([...tail[1].matchAll(/\d{2,4}/gu)].map((m) => m[0].slice(-2))).size : 0;
  const n = Math.max(years, tail?.[2] ? count(tail[2]) : 0);
  return n >= 2 ? n : undefined;
}

/** Annual review results (基本称职, 不称职, each with its count or years) and punishments said. */
export function understandReviews(t: string, dated: string, v: Vocab, facts: Fact[]): void {
  const r = v.reviews;
  const grab = (words: string[], field: FactField) => {
    for (const w of [...words].sort((a, b) => b.length - a.length)) {
      const at = t.indexOf(w);
      if (at < 0) continue;
      const clause = clauseAt(t, at).text;
      if (/(没有|没|无|未)[^，,。]{0,4}$/u.test(t.slice(Math.max(0, at - 6), at))) return push(facts, field, 0, 'said', clause);
      // "记不清是合格还是基本称职": the result is not known; both readings are judged and it is asked.
      // Not "不知道基本称职会不会影响": the unsure words need a choice between results (还是, 是不是).
      if ((findWord(clause, r.unsure) && /(还是|或者|或是|是不是)/u.test(clause)) || /(还是|或者|或是)/u.test(t.slice(Math.max(clauseAt(t, at).start, at - 3), at))) {
        push(facts, field, null, 'assumed', clause);
        const f = facts.find((x) => x.field === field)!;
        if (f.words === clause) Object.assign(f, { otherValues: [1], unknown: true });
        return;
      }
      const m = pattern(`${w}[^，,。]{0,4}?${countRe}|${countRe}[^，,。]{0,3}?${w}`).exec(clause);
      // The text still holds its dates at the same positions (masking keeps lengths).
      const years = m ? undefined : yearsCounted(dated.slice(clauseAt(dated, at).start, at));
      return push(facts, field, m ? count(m[1] ?? m[2]!) : (years ?? 1), m || years ? 'said' : 'assumed', clause);
    }
  };
  grab(r.basic, 'annualReviews.基本称职');
  grab(r.unsatisfactory, 'annualReviews.不称职');
  const good = findWord(t, r.allGood);
  if (good) {
    push(facts, 'annualReviews.基本称职', 0, 'said', good);
    push(facts, 'annualReviews.不称职', 0, 'said', good);
  }
  const none = findWord(t, v.punishment.none);
  const word = findWord(t, v.punishment.words);
  if (none) push(facts, 'punished', false, 'said', none);
  else if (word) push(facts, 'punished', true, 'said', clauseAt(t, t.indexOf(word)).text);
}
