/**
 * Text normalization for Chinese questions: traditional → simplified (opencc-js), full-width →
 * half-width, lower case, punctuation to spaces, then the typo and synonym tables from
 * knowledge/lexicon.yaml. The same function runs over the index and the questions.
 */
import { createRequire } from 'node:module';
import type { Lexicon } from './schema.js';

type Convert = (s: string) => string;
let t2s: Convert | undefined;

/** The traditional → simplified converter, built once on first use (~20 ms). */
function toSimplified(): Convert {
  // Hong Kong and Taiwan variants both reach mainland forms through the 'hk'/'tw' tables;
  // chaining them covers both without a second package.
  if (!t2s) {
    // Required on first use, not at import (its tables cost ~100 ms to load): see segment.ts.
    const OpenCC = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js/t2cn');
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    t2s = (s) => hk(tw(s));
  }
  return t2s;
}

/** Replace every key of `table` found in `s` in one left-to-right pass, longest key first. */
function replacer(table: Record<string, string>): Convert {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (s) => s;
  // ASCII words match whole words only, so "now" does not fire inside "know".
  const pattern = (k: string) => {
    const esc = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return /^[a-z0-9]+$/.test(k) ? `(?<![a-z])${esc}(?![a-z])` : esc;
  };
  const re = new RegExp(keys.map(pattern).join('|'), 'g');
  return (s) => s.replace(re, (m) => table[m] ?? m);
}

/** A normalizer; `endLoading()` drops its loading-time memo. */
export interface Normalizer {
  (text: string): string;
  /** Stop memoising: questions are each normalized once, and the latency figures must not hit a cache. */
  endLoading(): void;
}

/** The months a batch of the year spans, and how the lexicon names that batch (第一批). */
export interface BatchMonths {
  name: string;
  months: number[];
}

const monthNames = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * 4月那批 / 十月份的那一批 / 4月份开始那次 → the batch's name. The months come from the windows in rules/, so
 * next year's dates need no edit here; a month two batches share is left alone.
 */
function batchByMonth(batches: readonly BatchMonths[]): Convert {
  const owner = new Map<number, string>();
  for (const b of batches) for (const m of b.months) owner.set(m, owner.has(m) && owner.get(m) !== b.name ? '' : b.name);
  const name = new Map<string, string>();
  for (const [m, n] of owner) if (n) for (const k of [String(m), monthNames[m - 1]!]) name.set(k, n);
  if (name.size === 0) return (s) => s;
  // Longest first: 十一 before 十, 11 before 1.
  const keys = [...name.keys()].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`(?<![0-9一二三四五六七八九十])(${keys})月份?(?:开始|开)?(?:(?:的|那|这)*一?(?:批次|批)|的?[那这]一?[次轮回])`, 'g');
  return (s) => s.replace(re, (_, m: string) => name.get(m)!);
}

/** A day of the year that means something in the windows (the last day, just after it, the employers' deadline), and the words that say so. */
export interface DateMark {
  month: number;
  day: number;
  mark: string;
}

/**
 * 11月20号 → 11月20号 截止当天; 5月31号 → 5月31号 截止以后: a bare day (no year before it, so not a
 * graduation date) is read against the windows in rules/, and the words of its meaning are added.
 */
function markDates(marks: readonly DateMark[]): Convert {
  if (marks.length === 0) return (s) => s;
  const byDay = new Map(marks.map((m) => [`${m.month}-${m.day}`, m.mark]));
  const re = /(?<![0-9]年 ?|[0-9])([0-9]{1,2})月([0-9]{1,2})(?![0-9])(?:号|日)?/g;
  return (s) => s.replace(re, (all, m: string, d: string) => {
    const mark = byDay.get(`${Number(m)}-${Number(d)}`);
    return mark ? `${all} ${mark} ` : all;
  });
}

/** Build the normalizer for a lexicon (and the windows' months and days, for 4月那批 and 5月31号); the result is pure and cheap (a few µs a question). */
export function createNormalizer(lex: Lexicon, batches: readonly BatchMonths[] = [], dates: readonly DateMark[] = []): Normalizer {
  const byMonth = batchByMonth(batches);
  const byDate = markDates(dates);
  const typos = replacer(lex.typos);
  const synonyms = replacer(Object.fromEntries(Object.entries(lex.synonyms).map(([k, v]) => [k.toLowerCase(), v])));
  const run = (text: string) => {
    let s = toSimplified()(text.normalize('NFKC')).toLowerCase();
    // Punctuation and symbols split words but carry no meaning here; keep letters, digits, CJK.
    s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
    // A clause-final 不 is the spoken question particle (能报不, 可以认定不), not a negation.
    s = s.replace(/(?<=\p{Script=Han})不(?= |$)/gu, '吗');
    s = byMonth(s);
    s = byDate(s);
    s = typos(s);
    s = synonyms(s);
    return s.replace(/\s+/g, ' ').trim();
  };
  // While loading, the duplicate check and the index both normalize every phrasing, and opencc is
  // the costliest step: memoise until the index is built.
  let memo: Map<string, string> | undefined = new Map();
  const normalize = (text: string) => {
    if (!memo) return run(text);
    let s = memo.get(text);
    if (s === undefined) {
      s = run(text);
      memo.set(text, s);
    }
    return s;
  };
  return Object.assign(normalize, {
    endLoading: () => {
      memo = undefined;
    },
  });
}
