/** Finding vocabulary words and patterns in a text, with their positions; the longest match wins. */

/** One hit of an entry's word or pattern. */
export interface Hit<T> {
  entry: T;
  start: number;
  end: number;
  text: string;
}

/** Entries with words and/or patterns (rules/vocabulary.yaml). */
export interface Matchable {
  words?: string[];
  patterns?: string[];
}

const compiledGlobal = new Map<string, RegExp>();
/** A pattern compiled once with the global flag (for matchAll and replace), its lastIndex reset. */
export function globalPattern(p: string): RegExp {
  let r = compiledGlobal.get(p);
  if (!r) {
    r = new RegExp(p, 'gu');
    compiledGlobal.set(p, r);
  }
  r.lastIndex = 0;
  return r;
}
const regex = globalPattern;

const compiledOne = new Map<string, RegExp>();
/** A data pattern (rules/ …) compiled once, without the global flag (for test and exec). */
export function pattern(p: string): RegExp {
  let r = compiledOne.get(p);
  if (!r) {
    r = new RegExp(p, 'u');
    compiledOne.set(p, r);
  }
  return r;
}

const compiledLists = new WeakMap<readonly string[], RegExp[]>();
/** The patterns of a data list, compiled once. */
export function patterns(list: readonly string[]): RegExp[] {
  let r = compiledLists.get(list);
  if (!r) {
    r = list.map(pattern);
    compiledLists.set(list, r);
  }
  return r;
}

/** Every hit of every entry, overlapping ones included, in text order. */
export function allHits<T extends Matchable>(text: string, entries: readonly T[]): Hit<T>[] {
  const out: Hit<T>[] = [];
  for (const entry of entries) {
    for (const w of entry.words ?? []) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) out.push({ entry, start: i, end: i + w.length, text: w });
    }
    for (const p of entry.patterns ?? []) {
      for (const m of text.matchAll(regex(p))) if (m[0]) out.push({ entry, start: m.index!, end: m.index! + m[0].length, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Hits that no longer hit overlaps (longest first; ties: the entry listed first). */
export function bestHits<T extends Matchable>(text: string, entries: readonly T[]): Hit<T>[] {
  const order = new Map(entries.map((e, i) => [e, i]));
  const hits = allHits(text, entries).sort((a, b) => b.end - b.start - (a.end - a.start) || order.get(a.entry)! - order.get(b.entry)! || a.start - b.start);
  const taken: Hit<T>[] = [];
  for (const h of hits) if (!taken.some((t) => h.start < t.end && t.start < h.end)) taken.push(h);
  return taken.sort((a, b) => a.start - b.start);
}

/** The first of `words` found in `text` (longest first), or undefined. */
export function findWord(text: string, words: readonly string[]): string | undefined {
  return [...words].sort((a, b) => b.length - a.length).find((w) => text.includes(w));
}

/** The clause (between punctuation marks) around position `at`. */
export function clauseAt(text: string, at: number): { start: number; end: number; text: string } {
  const stop = /[，,。；;！!？?\n]/u;
  let s = at;
  while (s > 0 && !stop.test(text[s - 1]!)) s--;
  let e = at;
  while (e < text.length && !stop.test(text[e]!)) e++;
  return { start: s, end: e, text: text.slice(s, e) };
}
