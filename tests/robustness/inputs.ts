/** Hostile and odd inputs for the robustness tests, generated deterministically (seeded). */

/** A small deterministic PRNG (LCG), so a failure reproduces. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** 100 KB of mixed text (Chinese, digits, a date, a question) — one message. */
export function huge(r: () => number): string {
  const parts = ['工程技术', '2022年6月', '现在能申报吗', '<b>', "' OR 1=1 --", '😀', 'مرحبا', '本科', '\u0000', ' '];
  let s = '';
  while (s.length < 100_000) s += pick(r, parts);
  return s;
}

/** Fixed families of bad input; each entry is one message. */
export const FAMILIES: Record<string, string[]> = {
  empty: ['', ' ', '\n', '\t\t', '\u3000', '\u200b', '\ufeff'],
  control: ['\u0000', '\u0001\u0002\u0003', 'abc\u0007def', '\u001b[31m红色\u001b[0m', '\r\n\r\n', '\u007f', '工程\u0000技术', '\u2028\u2029', '\ud800', '\udfff孤立代理'],
  emoji: ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇨🇳', '🙏🙏🙏🙏🙏', '本科😀', '✅确认', '1️⃣', '#️⃣'],
  rtl: ['مرحبا بك', 'שלום', '\u202e技术程工\u202c', 'الهندسة 2022', '\u200f本科\u200e'],
  sql: ["'; DROP TABLE sessions; --", "1' OR '1'='1", 'SELECT * FROM users WHERE id=1;', '" UNION SELECT password FROM admin --', "Robert'); DELETE FROM students;--"],
  html: ['<script>alert(1)</script>', '<b>本科</b>', '<img src=x onerror=alert(1)>', '&lt;&amp;&gt;', '[链接](javascript:alert(1))', '*加粗* _斜体_ `代码`', '{{constructor.constructor("return 1")()}}', '$' + '{process.exit(1)}', '__proto__', '{"__proto__":{"x":1}}'],
  dates: ['2022年13月', '2022年0月', '2022-02-30', '2022.6.31', '0000年0月', '9999年12月', '２０２２年６月', '二〇二二年六月', '前年夏天', '昨天', '2022/6/', '6/2022', '22年6月', '1e9', '-2022年6月', '2022年6月2022年7月', '2030年1月', '1900年1月'],
  numbers: ['0', '00', '-1', '1.5', '99', '999999999999999999999', 'NaN', 'Infinity', '1', '2', '3', '4', '5', '12', '１', '①'],
  odd: ['/start@SomeBot', '/subscribe 教育', '/unknown', '/', '@助手', '@助手 现在能申报吗', '？？？', '。。。', '…', '哈哈', 'ok', 'YES', 'no', '是的吧', '不知道', '?', '🤔?'],
};

/** Every family's messages, flattened with their family name. */
export function allFixed(): Array<{ family: string; text: string }> {
  return Object.entries(FAMILIES).flatMap(([family, xs]) => xs.map((text) => ({ family, text })));
}

/** A random message: mostly hostile, sometimes a real answer or command so that users progress. */
export function randomMessage(r: () => number, real: readonly string[], commands: readonly string[]): string {
  const x = r();
  if (x < 0.35) return pick(r, real);
  if (x < 0.55) return pick(r, commands);
  if (x < 0.56) return huge(r);
  const fixed = allFixed();
  const base = pick(r, fixed).text;
  // Sometimes glue two together, or pad a real answer with junk.
  if (x < 0.7) return base + pick(r, real);
  return base;
}
