/**
 * Questions the bot could not answer, kept for the curators: text only (no user id, no chat), digits
 * that could identify someone masked, for `config.missesDays` days, in `<dataDir>/console/misses.jsonl`.
 * Shown grouped by similarity (character-bigram Jaccard) with counts and examples.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { Journal } from '../broadcast/journal.js';
import { consoleFile, readConsoleJson, writeConsoleJson } from './files.js';

interface Miss {
  at: string;
  q: string;
  /** Why it was kept: no answer found (default), the user said the answer did not help, or asked again in other words. */
  why?: 'complaint' | 'rephrase';
}

/** A group of similar questions. */
export interface MissGroup {
  /** The most asked wording (the group's name). */
  text: string;
  count: number;
  /** Distinct wordings, most asked first. */
  examples: string[];
  last: string;
}

const MAX_LEN = 200;

/** What is kept of a question: trimmed, shortened, long digit runs (ID, phone, account numbers) masked. */
export function keepable(question: string): string {
  return question.replace(/\s+/g, ' ').trim().slice(0, MAX_LEN).replace(/\d{5,}[\dXx]?/g, '＊＊＊');
}

/** The set of character bigrams of a text (punctuation and spaces dropped). */
export function bigrams(text: string): Set<string> {
  const t = text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Jaccard similarity of two bigram sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Group questions: most asked first, each joins the first group whose name is similar enough. */
export function groupQuestions(items: { q: string; at: string }[], threshold = 0.34): MissGroup[] {
  const byText = new Map<string, { n: number; last: string }>();
  for (const it of items) {
    const cur = byText.get(it.q);
    byText.set(it.q, { n: (cur?.n ?? 0) + 1, last: cur && cur.last > it.at ? cur.last : it.at });
  }
  const texts = [...byText].sort((a, b) => b[1].n - a[1].n || b[1].last.localeCompare(a[1].last));
  const groups: (MissGroup & { grams: Set<string> })[] = [];
  for (const [q, { n, last }] of texts) {
    const grams = bigrams(q);
    const g = groups.find((x) => jaccard(x.grams, grams) >= threshold);
    if (g) {
      g.count += n;
      g.examples.push(q);
      if (last > g.last) g.last = last;
    } else groups.push({ text: q, count: n, examples: [q], last, grams });
  }
  return groups.sort((a, b) => b.count - a.count || b.last.localeCompare(a.last)).map(({ grams: _g, ...rest }) => rest);
}

/** The miss log of one data folder. */
export class MissLog {
  private readonly journal: Journal;
  private readonly resolvedFile: string;

  constructor(dataDir: string, private readonly days: number, private readonly clock: () => Date = () => new Date()) {
    this.journal = new Journal(consoleFile(dataDir, 'misses.jsonl'));
    this.resolvedFile = consoleFile(dataDir, 'misses-resolved.json');
  }

  /** Keep one unanswered question (text only); a complaint or rephrase of a question already kept as missed adds nothing. */
  record(question: string, why?: 'complaint' | 'rephrase'): void {
    const q = keepable(question);
    if (q.length < 2) return;
    if (why) {
      const since = new Date(this.clock().getTime() - 15 * 60_000).toISOString();
      if (this.journal.read<Miss>(0, false).entries.some((m) => m.q === q && m.at >= since)) return;
    }
    this.journal.append(why ? ({ at: this.clock().toISOString(), q, why } satisfies Miss) : ({ at: this.clock().toISOString(), q } satisfies Miss));
  }

  private cutoff(): string {
    return new Date(this.clock().getTime() - this.days * 86_400_000).toISOString();
  }

  /** The questions still kept (newer than the retention), minus those a curator resolved. */
  list(): Miss[] {
    const cutoff = this.cutoff();
    const resolved = this.resolved();
    return this.journal.read<Miss>(0, false).entries.filter((m) => m.at >= cutoff && !resolved[m.q]);
  }

  /** Similar questions grouped, most asked first. */
  groups(): MissGroup[] {
    return groupQuestions(this.list());
  }

  /** Drop questions older than the retention from the file (rewritten whole: it is small). */
  prune(): number {
    const file = this.journal.file;
    if (!existsSync(file)) return 0;
    const cutoff = this.cutoff();
    const all = this.journal.read<Miss>(0, false).entries;
    const keep = all.filter((m) => m.at >= cutoff);
    if (keep.length === all.length) return 0;
    this.journal.close();
    const text = keep.map((m) => JSON.stringify(m)).join('\n') + (keep.length ? '\n' : '');
    writeRaw(file, text);
    const resolved = this.resolved();
    const live = new Set(keep.map((m) => m.q));
    for (const q of Object.keys(resolved)) if (!live.has(q)) delete resolved[q];
    writeConsoleJson(this.resolvedFile, resolved);
    return all.length - keep.length;
  }

  /** Questions a curator answered or marked out of scope (hidden from the list). */
  resolved(): Record<string, { how: 'entry' | 'offtopic'; at: string; ref?: string }> {
    return readConsoleJson(this.resolvedFile, {});
  }

  /** Mark questions resolved. */
  resolve(questions: string[], how: 'entry' | 'offtopic', ref?: string): void {
    const r = this.resolved();
    for (const q of questions) r[q] = { how, at: this.clock().toISOString(), ref };
    writeConsoleJson(this.resolvedFile, r);
  }
}

/** Replace a text file atomically (0600). */
function writeRaw(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}
