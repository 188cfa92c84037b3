/**
 * Dates in free text ("2023年6月", "23年7月", "前年6月", "2019年来的", "7月进的", "工作三年了"),
 * each with the earliest and latest day it may mean, relative words counted from `now`.
 */
import { addMonthsToDay, isIsoDay } from '../policy/dates.js';
import { chineseNumber } from '../text/chinese-number.js';
import { globalPattern } from './match.js';

/** One date mentioned in the text. */
export interface DateMention {
  start: number;
  end: number;
  words: string;
  /** Earliest and latest first-of-month (or exact day) the words allow. */
  earliest: string;
  latest: string;
  /** Only a year (or a duration) was given: the month is not known. */
  vague: boolean;
  /** A duration back from now: "工作三年了" is the start of work, "毕业五年了" the graduation. */
  duration?: 'workStart' | 'graduation';
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d = 1) => `${y}-${pad(m)}-${pad(d)}`;
const relative: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };
const num = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';

function year2(y: string, nowYear: number): number {
  if (y.length === 4) return Number(y);
  const n = 2000 + Number(y);
  return n <= nowYear ? n : n - 100;
}

/** Chinese numerals used in dates → digits (二〇一九年 → 2019年, 十二月 → 12月). */
export function dateDigits(s: string): string {
  const d: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
  return s
    .replace(/[零〇一二三四五六七八九]{2,4}(?=年)/gu, (m) => [...m].map((c) => d[c]).join(''))
    .replace(/([一二三四五六七八九十]{1,3})(?=月)/gu, (m) => String(chineseNumber(m) ?? m));
}

/** Every date mentioned in `text` (already folded to half-width), in order. */
export function findDates(text: string, now: string): DateMention[] {
  const nowYear = Number(now.slice(0, 4));
  const nowMonth = Number(now.slice(5, 7));
  const out: DateMention[] = [];
  const taken: boolean[] = [];
  const free = (s: number, e: number) => { for (let i = s; i < e; i++) if (taken[i]) return false; return true; };
  const add = (m: RegExpMatchArray, earliest: string, latest: string, vague: boolean, duration?: 'workStart' | 'graduation') => {
    const s = m.index!, e = s + m[0].length;
    if (!free(s, e) || !isIsoDay(earliest) || !isIsoDay(latest)) return;
    for (let i = s; i < e; i++) taken[i] = true;
    out.push({ start: s, end: e, words: m[0], earliest, latest, vague, ...(duration ? { duration } : {}) });
  };
  const okYear = (y: number) => y >= 1970 && y <= nowYear;

  for (const m of text.matchAll(/(?<!\d)(\d{4}|\d{2})年(\d{1,2})月(?:(\d{1,2})[日号])?/gu)) {
    const y = year2(m[1]!, nowYear), mo = Number(m[2]);
    if (okYear(y) && mo >= 1 && mo <= 12) { const d = day(y, mo, m[3] ? Number(m[3]) : 1); add(m, d, d, false); }
  }
  for (const m of text.matchAll(/(?<![\d.])(\d{4})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?(?![\d])/gu)) {
    const y = Number(m[1]), mo = Number(m[2]);
    if (okYear(y) && mo >= 1 && mo <= 12) { const d = day(y, mo, m[3] ? Number(m[3]) : 1); add(m, d, d, false); }
  }
  for (const m of text.matchAll(/(上个月|上月|这个月|本月)/gu)) {
    const d = /上/.test(m[1]!) ? addMonthsToDay(`${now.slice(0, 7)}-01`, -1) : `${now.slice(0, 7)}-01`;
    add(m, d, d, false);
  }
  // "2022届毕业生": graduated in the summer of that year.
  for (const m of text.matchAll(/(?<!\d)(\d{4}|\d{2})届/gu)) {
    const y = year2(m[1]!, nowYear);
    if (okYear(y)) add(m, day(y, 6), day(y, 7), true, 'graduation');
  }
  for (const m of text.matchAll(/(大前年|前年|去年|今年)(\d{1,2})月(?:份)?/gu)) {
    const d = day(nowYear - relative[m[1]!]!, Number(m[2]));
    add(m, d, d, false);
  }
  // "毕业五年了", "毕业快3年": a duration back from today, the graduation.
  for (const m of text.matchAll(globalPattern(`毕业(?:了|已经|已|有)?(快|近|将近|差不多|都)?${num}年(多|半)?`))) {
    const n = chineseNumber(m[2]!);
    if (n === undefined || n > 40) continue;
    const base = addMonthsToDay(`${now.slice(0, 7)}-01`, -12 * n);
    const early = m[3] === '多' ? addMonthsToDay(base, -11) : addMonthsToDay(base, -1);
    const late = m[1] ? addMonthsToDay(base, 6) : m[3] === '半' ? addMonthsToDay(base, -6) : base;
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.max would give NaN
    add(m, early < late ? early : late, early < late ? late : early, true, 'graduation');
  }
  for (const m of text.matchAll(/(?<!\d)(\d{4}|\d{2})年(底|末|初|年底|年初|上半年|下半年)?(?![\d月前多半了度]|左右|时间|以上)/gu)) {
    const before = text.slice(Math.max(0, m.index! - 3), m.index!);
    if (/(工作|干了|满|已|近|快|有|共|了|足)$/u.test(before)) continue;
    const y = year2(m[1]!, nowYear);
    if (!okYear(y) || (m[1]!.length === 2 && Number(m[1]) > nowYear % 100)) continue;
    const part = m[2] ?? '';
    const [a, b] = /底|末/.test(part) ? [12, 12] : /初/.test(part) ? [1, 2] : part === '上半年' ? [1, 6] : part === '下半年' ? [7, 12] : [1, 12];
    add(m, day(y, a), day(y, Math.min(b, y === nowYear ? nowMonth : b)), a !== b);
  }
  for (const m of text.matchAll(/(大前年|前年|去年|今年)(底|末|初|年底|年初)?(?!度|年度|的)/gu)) {
    const y = nowYear - relative[m[1]!]!;
    const part = m[2] ?? '';
    const [a, b] = /底|末/.test(part) ? [12, 12] : /初/.test(part) ? [1, 2] : [1, y === nowYear ? nowMonth : 12];
    add(m, day(y, a), day(y, b), a !== b);
  }
  for (const m of text.matchAll(globalPattern(`${num}年前`))) {
    const n = chineseNumber(m[1]!);
    if (n === undefined || n > 40) continue;
    const d = addMonthsToDay(`${now.slice(0, 7)}-01`, -12 * n);
    add(m, addMonthsToDay(d, -6), addMonthsToDay(d, 6) > now ? d : addMonthsToDay(d, 6), true);
  }
  // "工作三年了", "干了两年多", "做现场管理2年了": a duration back from today; only the start of work.
  // "当施工员六年了": 当 and the post held, as with 做 (not 当时 / 当年 / 当地).
  for (const m of text.matchAll(globalPattern(`(?:工作|上班|教书?|(?:从事|做|搞|干|当(?![时年地月天初]))[^，,。\\d□]{0,8}?)了?(?:满|已|已经|有)?(快|近|将近|差不多)?${num}年(多|半)?了?`))) {
    const n = chineseNumber(m[2]!);
    if (n === undefined || n > 40) continue;
    const base = addMonthsToDay(`${now.slice(0, 7)}-01`, -12 * n);
    const early = m[3] === '多' ? addMonthsToDay(base, -11) : m[3] === '半' ? addMonthsToDay(base, -6) : m[1] ? addMonthsToDay(base, 1) : addMonthsToDay(base, -1);
    const late = m[3] === '半' ? addMonthsToDay(base, -6) : m[1] ? addMonthsToDay(base, 6) : m[3] === '多' ? addMonthsToDay(base, -1) : base;
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.max would give NaN
    add(m, early < late ? early : late, early < late ? late : early, true, 'workStart');
  }
  // "毕业证7月才发", "9月将入职": a month said as still to come makes the months alone of this message
  // this year's, the coming ones too ("6月份答辩 … 8月入职" asked in April), not last year's.
  const future = /(?<![\d年])\d{1,2}月(?:份)?(?:底|初)?(?:才|将|将要|就要|要|会|准备|打算|预计)(?![^，,。；;]{0,4}?(?:的|了))/u.test(text);
  // A month alone ("7月进的", "同年9月") takes the year of the date before it.
  for (const m of text.matchAll(/(?<![\d年])(同年|当年|那年)?(\d{1,2})月(?:份)?(?:(\d{1,2})[日号])?/gu)) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) continue;
    // A date still to come ("学位证10月才发", said in August) is no anchor: the narrative went forward.
    const prev = [...out].filter((d) => d.end <= m.index! && d.latest <= now).sort((a, b) => b.end - a.end)[0];
    let y: number;
    if (prev) {
      const py = Number(prev.latest.slice(0, 4)), pm = Number(prev.latest.slice(5, 7));
      y = m[1] || mo >= pm || prev.vague ? py : py + 1;
    } else {
      // "6月份博士毕业" said in May, no 了/的 after it: still to come; "7月进的" is last year's.
      const clause = /^[^，,。；;！？?]*/u.exec(text.slice(m.index! + m[0].length))![0];
      const plain = /^[\u4e00-\u9fa5]{0,6}?(毕业|入职|答辩|报到|上班|进)(?![了的过])/u.test(clause) && !/[了的过]/u.test(clause.slice(0, 8));
      y = mo <= nowMonth || future || plain ? nowYear : nowYear - 1;
    }
    const d = day(y, mo, m[3] ? Number(m[3]) : 1);
    add(m, d, d, false);
  }
  // "当月就进了": the month of the date before it.
  for (const m of text.matchAll(/(当月|同月|那个月)/gu)) {
    const prev = [...out].filter((d) => d.end <= m.index!).sort((a, b) => b.end - a.end)[0];
    if (prev && !prev.vague) add(m, prev.latest, prev.latest, false);
  }
  // A clause that is only a duration ("做护林，快十年了"): how long the work of the clause before has run.
  for (const m of text.matchAll(globalPattern(`(?<=^|[，,。；;])(快|近|将近|差不多|都)?${num}年(多|半)?了(?=[，,。；;！？?]|$)`))) {
    const n = chineseNumber(m[2]!);
    if (n === undefined || n > 40) continue;
    const base = addMonthsToDay(`${now.slice(0, 7)}-01`, -12 * n);
    const early = m[3] === '多' ? addMonthsToDay(base, -11) : addMonthsToDay(base, -1);
    const late = m[1] ? addMonthsToDay(base, 6) : base;
    add(m, early, late, true, 'workStart');
  }
  // "同年入职", "当年就进了": the year of the date before it, month unknown.
  for (const m of text.matchAll(/(同年|当年|那年)(?![\d月])/gu)) {
    const prev = [...out].filter((d) => d.end <= m.index!).sort((a, b) => b.end - a.end)[0];
    if (!prev) continue;
    const y = Number(prev.latest.slice(0, 4));
    const from = prev.vague ? day(y, 1) : prev.latest;
    add(m, from, day(y, 12) > now ? `${now.slice(0, 7)}-01` : day(y, 12), true);
  }
  return out.sort((a, b) => a.start - b.start);
}
