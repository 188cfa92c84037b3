/**
 * Reading Chinese answers as people type them: dates (2019年7月, 2019.7, 19年7月1日, 去年7月),
 * numbers (三年, 两次, 3, 没有), yes/no, and choices by number, word or alias. Pure; `now` is given.
 */
import { isIsoDay } from '../policy/dates.js';
import { chineseDigits, chineseNumber } from '../text/chinese-number.js';
import { typedNumber } from '../text/choice-number.js';

/** Trim, fold full-width forms (NFKC: ２０１９, ＡＢ, the ideographic space) and drop trailing punctuation. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/[。！!~～，,、；;]+$/u, '')
    .trim();
}

/** A count such as "3", "三次", "两年", "没有" (→ 0); undefined when not a count. */
export function parseCount(text: string, zeroWords: string[]): number | undefined {
  const t = normalize(text).replace(/\s+/g, '');
  if (zeroWords.includes(t)) return 0;
  const m = /^(?:共|有|总共|一共)?([0-9]+|[零〇一二两俩三四五六七八九十百]+)(?:次|回|年|个|遍)?$/.exec(t);
  if (!m) return undefined;
  const n = chineseNumber(m[1]!);
  return n !== undefined && n >= 0 && n <= 100 ? n : undefined;
}

/** A parsed date: ISO day, and whether only year and month were given (day set to the 1st). */
export interface ParsedDate {
  date: string;
  monthOnly: boolean;
}

/** Replace Chinese numerals used in dates (二〇一九年七月一日 → 2019年7月1日). */
function dateDigits(s: string): string {
  return s
    .replace(/[零〇一二三四五六七八九]{2,4}(?=年)/g, (m) => [...m].map((c) => String(chineseDigits[c])).join(''))
    .replace(/([零〇一二两三四五六七八九十]+)(?=[月日号])/g, (m) => String(chineseNumber(m) ?? m));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function build(year: number, month: number, day: number | undefined): ParsedDate | undefined {
  const iso = `${year}-${pad(month)}-${pad(day ?? 1)}`;
  return isIsoDay(iso) ? { date: iso, monthOnly: day === undefined } : undefined;
}

function fullYear(y: string, nowYear: number): number {
  if (y.length === 4) return Number(y);
  const n = 2000 + Number(y);
  return n <= nowYear ? n : n - 100;
}

const relativeYears: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };

/** A date as people type it, relative words counted from `now` (YYYY-MM-DD); undefined when unreadable. */
export function parseDate(text: string, now: string): ParsedDate | undefined {
  const nowYear = Number(now.slice(0, 4));
  const t = dateDigits(normalize(text).replace(/\s+/g, '')).replace(/号/g, '日').replace(/份/g, '');
  let m = /^(今年|去年|前年|大前年)(\d{1,2})月(?:(\d{1,2})日)?/.exec(t);
  if (m) return build(nowYear - relativeYears[m[1]!]!, Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4}|\d{2})年(\d{1,2})月(?:(\d{1,2})日)?/.exec(t);
  if (m) return build(fullYear(m[1]!, nowYear), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4}|\d{2})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?(?:日)?(?:[^\d.\-/].*)?$/.exec(t);
  if (m) return build(fullYear(m[1]!, nowYear), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (m) return build(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  return undefined;
}

/** The date as shown back to the user: 2019年7月 (month only) or 2019年7月1日. */
export function showDate(d: ParsedDate): string {
  const [y, mo, da] = [Number(d.date.slice(0, 4)), Number(d.date.slice(5, 7)), Number(d.date.slice(8, 10))];
  return d.monthOnly ? `${y}年${mo}月` : `${y}年${mo}月${da}日`;
}

/** Yes/no from the configured words; the "no" words are tried first (没有 contains 有). */
export function parseYesNo(text: string, yes: string[], no: string[]): boolean | undefined {
  const t = normalize(text).toLowerCase();
  if (no.includes(t)) return false;
  if (yes.includes(t)) return true;
  const byLength = (a: string, b: string) => b.length - a.length;
  const noHit = [...no].sort(byLength).find((w) => w.length >= 2 && t.startsWith(w));
  if (noHit) return false;
  const yesHit = [...yes].sort(byLength).find((w) => t.startsWith(w) && (w.length >= 2 || t.length <= 3));
  return yesHit ? true : undefined;
}

/** One option of a choice question, with everything a user may type for it. */
export interface ChoiceOption {
  value: string;
  label: string;
  aliases: string[];
}

/**
 * The option the user meant: by its number in the shown list, by value, label or alias, or by a
 * phrase containing exactly one of them ("我是本科毕业的" → 本科).
 */
export function matchChoice(text: string, options: ChoiceOption[]): ChoiceOption | undefined {
  const t = normalize(text).replace(/\s+/g, '').toLowerCase();
  if (!t) return undefined;
  const n = typedNumber(t);
  if (n !== undefined) return n >= 1 && n <= options.length ? options[n - 1] : undefined;
  const words = (o: ChoiceOption) => [o.value, o.label, ...o.aliases].map((w) => w.toLowerCase());
  const exact = options.find((o) => words(o).includes(t));
  if (exact) return exact;
  // Longest word contained in the text wins ("大学本科" over "大学").
  let best: { o: ChoiceOption; len: number } | undefined;
  let tie = false;
  for (const o of options) {
    for (const w of words(o)) {
      if (w.length < 2 || !t.includes(w)) continue;
      if (!best || w.length > best.len) {
        tie = false;
        best = { o, len: w.length };
      } else if (w.length === best.len && best.o !== o) tie = true;
    }
  }
  return best && !tie ? best.o : undefined;
}

/**
 * "不知道 / 不清楚 / 不记得 …": an answer of its own, never a "no". True when the message says the
 * person does not know, and is not a question about how to answer ("不知道怎么填").
 */
export function isUnknownAnswer(text: string, unknownWords: string[], notUnknown: string[] = []): boolean {
  const t = normalize(text).replace(/\s+/g, '');
  if (!t || /[?？]$/.test(t) || notUnknown.some((w) => t.includes(w))) return false;
  return unknownWords.some((w) => t.includes(w));
}

/** A year alone ("2022年", "2022", "22年毕业", "前年毕业", "去年"): the month is still to be asked. */
export function parseYearOnly(text: string, now: string): number | undefined {
  const nowYear = Number(now.slice(0, 4));
  const t = dateDigits(normalize(text).replace(/\s+/g, ''));
  let m = /^(今年|去年|前年|大前年)(?:[^\d月]*)$/.exec(t);
  if (m) return nowYear - relativeYears[m[1]!]!;
  m = /^(\d{4}|\d{2})年(?:[^\d月]*)$/.exec(t) ?? /^(\d{4})$/.exec(t);
  if (m) return fullYear(m[1]!, nowYear);
  return undefined;
}

/** The month (and day) of a year asked before: "6月", "6", "六月份", "6月15日". */
export function parseMonthOf(text: string, year: number): ParsedDate | undefined {
  const t = dateDigits(normalize(text).replace(/\s+/g, '')).replace(/号/g, '日').replace(/份/g, '');
  const m = /^(\d{1,2})(?:月(?:(\d{1,2})日)?)?(?:[^\d].*)?$/.exec(t);
  if (!m || (!t.includes('月') && !/^\d{1,2}$/.test(t))) return undefined;
  return build(year, Number(m[1]), m[2] ? Number(m[2]) : undefined);
}

/** Why a date cannot be right: 'implausible' (outside the years a career spans), 'future', or undefined. */
export function dateProblem(iso: string, now: string, notFuture: boolean, limits: { minYear: number; maxYearsAhead: number }): 'implausible' | 'future' | undefined {
  const y = Number(iso.slice(0, 4));
  if (y < limits.minYear || y > Number(now.slice(0, 4)) + limits.maxYearsAhead) return 'implausible';
  if (notFuture && iso > now) return 'future';
  return undefined;
}

/** The count said next to `word` ("基本称职一次", "一次基本称职", "基本称职2次"); undefined when none. */
export function countNextTo(text: string, word: string): number | undefined {
  const t = normalize(text).replace(/\s+/g, '');
  const num = '([0-9]+|[一二两三四五六七八九十]+)';
  // "不称职" must not be read inside "基本称职" and the other way round: the word stands alone.
  const before = new RegExp(`${num}(?:次|回)(?:是)?${word}`).exec(t);
  const after = new RegExp(`${word}(?:了|过)?${num}(?:次|回)`).exec(t);
  const m = after ?? before;
  if (!m) return undefined;
  const at = m.index + m[0].indexOf(word);
  if (word.length < 4 && t.slice(Math.max(0, at - 2), at) === '基本') return undefined;
  const n = chineseNumber(m[1]!);
  return n !== undefined && n <= 100 ? n : undefined;
}
