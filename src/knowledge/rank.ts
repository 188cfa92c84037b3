/**
 * Ranking the knowledge entries for a question: every phrasing (and the title) is a TF-IDF vector
 * of jieba words, in-word character bigrams and concept tokens (@申报); an entry scores its best
 * phrasing's cosine plus a share of its second best (a nearest-neighbour vote), adjusted by what
 * the entry is about (`needs`, `yieldsTo`, decisive concepts, exclusive values such as 本科 / 硕士).
 * In a long message (background first, then the question) the clauses carrying a question marker
 * are ranked on their own too, and the two rankings blended.
 */
import { CosineIndex } from './vector.js';
import { mentionsSegment, type Tokens } from './segment.js';
import type { ConceptMatcher, Normalize } from './concepts.js';

/** What the ranker needs from an entry. */
export interface RankedEntry {
  id: string;
  /** The title and the question phrasings. */
  phrasings: string[];
  /** Concepts that define the entry: a question naming none of them ranks it lower. */
  needs?: string[];
  /** Concepts that make a more specific entry the answer: a question naming one ranks this entry lower. */
  yieldsTo?: string[];
}

/** Ranking knobs (chosen by cross-validation on dev.jsonl, docs/knowledge.md). */
export interface RankOptions {
  /** Weight of character bigrams beside words. */
  bigramWeight: number;
  /** Weight of concept tokens beside words. */
  conceptWeight: number;
  /** Weight of an entry's second-best phrasing (a k-NN vote). */
  secondWeight: number;
  /** Factor for a phrasing naming another value of an exclusive group the question names (本科 vs 硕士). */
  exclusivePenalty: number;
  /** Penalty, times the IDF share of the question's concepts no phrasing of the entry names: prefers the more specific entry. */
  conceptMiss: number;
  /** Weight of generic terms (专业技术资格, 考核认定 …) beside other terms. */
  genericWeight: number;
  /** Weight of the question clauses' own ranking in a long message. */
  focusWeight: number;
  /** A message needs this many words for its question clauses to be ranked apart. */
  focusMinWords: number;
  /** Factor for an entry missing its `needs`, yielding to a named concept, or never naming a decisive concept the question names. */
  needsPenalty: number;
}

export const defaultRankOptions: RankOptions = {
  bigramWeight: 1,
  conceptWeight: 1.5,
  secondWeight: 0.5,
  exclusivePenalty: 0.6,
  conceptMiss: 0.2,
  genericWeight: 0.6,
  focusWeight: 0.25,
  focusMinWords: 18,
  needsPenalty: 0.6,
};

/** Lexicon lists the ranker reads. */
export interface RankWords {
  /** Groups of mutually exclusive values (本科 / 硕士 …). */
  exclusive: readonly (readonly string[])[];
  /** Words marking a clause as the question (吗, 什么 …). */
  questionMarkers: readonly string[];
  /** Words and concepts every question about recognition uses: they weigh less. */
  genericTerms: readonly string[];
  /** Concepts that decide the entry when named (造假): entries that never name them rank lower. */
  decisiveConcepts: readonly string[];
}

/** One ranked entry. */
export interface Hit {
  id: string;
  score: number;
  /** The entry's best-matching phrasing (index into its `phrasings`). */
  phrasing: number;
}

/** A normalized text with its tokens and concepts. */
export interface Analysed {
  normalized: string;
  tokens: Tokens;
  named: Set<string>;
}

/** The cosine nearest-neighbour ranker over the entries' phrasings. */
export class Ranker {
  private readonly index = new CosineIndex();
  /** Per phrasing document: owning entry and its position among that entry's phrasings. */
  private readonly owner: [entry: number, phrasing: number][] = [];
  /** Per phrasing: the exclusive-group values it names, by group index. */
  private readonly values: Map<number, Set<string>>[] = [];
  /** Per entry: the concepts its phrasings name. */
  private readonly entryConcepts: Set<string>[] = [];
  private readonly generic = new Set<string>();
  private readonly exclusive: string[][];
  private readonly markers: string[];

  constructor(
    private readonly entries: readonly RankedEntry[],
    private readonly analyse: (text: string) => Analysed,
    private readonly normalize: Normalize,
    private readonly concepts: ConceptMatcher,
    private readonly words: RankWords,
    readonly options: RankOptions = defaultRankOptions,
  ) {
    for (const g of words.genericTerms) {
      if (concepts.names.has(g)) this.generic.add('@' + g);
      const w = normalize(g);
      this.generic.add(w);
      for (let i = 0; i + 1 < w.length; i++) this.generic.add('#' + w.slice(i, i + 2));
    }
    this.exclusive = words.exclusive.map((g) => g.map(normalize).filter((w) => w !== ''));
    this.markers = words.questionMarkers.map(normalize).filter((w) => w !== '');
    entries.forEach((e, i) => {
      const named = new Set<string>();
      e.phrasings.forEach((p, j) => {
        const a = analyse(p);
        for (const c of a.named) named.add(c);
        this.index.add(this.vector(a, false));
        this.values.push(this.valuesOf(a));
        this.owner.push([i, j]);
      });
      this.entryConcepts.push(named);
    });
    this.index.build();
  }

  /**
   * Entries for a question, best first (`limit` of them). `leaveOut` is a phrasing document that
   * must not vote (training the scope model on a phrasing without it meeting itself).
   */
  rank(question: string, a: Analysed, limit = 3, leaveOut = -1): Hit[] {
    const best = this.scores(a, leaveOut);
    const o = this.options;
    const focus = o.focusWeight > 0 && a.tokens.plain.length >= o.focusMinWords ? this.focusText(question) : undefined;
    if (focus !== undefined) {
      // A long message: background clauses, then the question. Blend in the question clauses' own ranking.
      const fs = this.scores(this.analyse(focus), leaveOut);
      for (const [i, s] of best) best.set(i, { ...s, score: (1 - o.focusWeight) * s.score + o.focusWeight * (fs.get(i)?.score ?? 0) });
    }
    return [...best.entries()]
      .sort((x, y) => y[1].score - x[1].score)
      .slice(0, limit)
      .map(([i, s]) => ({ id: this.entries[i]!.id, score: s.score, phrasing: s.phrasing }));
  }

  /** The cosine vector of an analysed text: words, in-word bigrams and concept tokens (variants absorbed in questions only). */
  private vector(a: Analysed, absorb = true): Map<string, number> {
    const v = new Map<string, number>();
    const o = this.options;
    const g = (k: string, w: number) => (this.generic.has(k) ? w * o.genericWeight : w);
    // A concept variant no phrasing uses (晚交 when only 逾期 / 过了 are written) is carried by its concept
    // token: its word and in-word bigrams would only lower the score as unknown words.
    const absorbed = !absorb ? [] : a.tokens.words.filter((w) => a.named.has(this.concepts.variants.get(w) ?? '') && !this.index.has(w));
    for (const b of a.tokens.bigrams) if (!absorbed.some((w) => w.includes(b.slice(1)))) v.set(b, g(b, o.bigramWeight));
    for (const w of a.tokens.words) if (!absorbed.includes(w)) v.set(w, g(w, 1));
    for (const c of a.named) v.set('@' + c, g('@' + c, o.conceptWeight));
    return v;
  }

  /** The exclusive-group values an analysed text names, by group index (whole segments only). */
  private valuesOf(a: Analysed): Map<number, Set<string>> {
    const out = new Map<number, Set<string>>();
    this.exclusive.forEach((g, gi) => {
      for (const v of g) {
        if (!mentionsSegment(a.normalized, a.tokens, v)) continue;
        if (!out.has(gi)) out.set(gi, new Set());
        out.get(gi)!.add(v);
      }
    });
    return out;
  }

  /** The clauses of a message of several that carry a question marker, when some but not all do; else undefined. */
  private focusText(question: string): string | undefined {
    const clauses = question.split(/[，,。.？?！!；;：:\n]+/).filter((c) => c.trim() !== '');
    if (clauses.length < 2) return undefined;
    const asks = clauses.filter((c) => {
      const n = this.normalize(c);
      return this.markers.some((m) => n.includes(m));
    });
    if (asks.length === 0 || asks.length === clauses.length) return undefined;
    return asks.join('，');
  }

  /** Entry scores: best phrasing, plus a share of the second best, adjusted by what the entry is about. */
  private scores(a: Analysed, leaveOut: number): Map<number, { score: number; phrasing: number }> {
    const asked = this.valuesOf(a);
    const firsts = new Map<number, { score: number; phrasing: number }>();
    const seconds = new Map<number, number>();
    for (const [doc, raw] of this.index.score(this.vector(a))) {
      if (doc === leaveOut) continue;
      const [owner, phrasing] = this.owner[doc]!;
      // A phrasing about another value of the same kind (硕士 when 本科 is asked) is a weaker match.
      let s = raw;
      for (const [gi, vs] of this.values[doc]!) {
        const q = asked.get(gi);
        if (q && ![...vs].some((v) => q.has(v))) s *= this.options.exclusivePenalty;
      }
      const f = firsts.get(owner);
      if (!f || s > f.score) {
        seconds.set(owner, f?.score ?? 0);
        firsts.set(owner, { score: s, phrasing });
      } else if (s > (seconds.get(owner) ?? 0)) seconds.set(owner, s);
    }
    const o = this.options;
    // IDF weight of each concept the question names, for the specificity penalty.
    const weights = [...a.named].map((c) => [c, this.index.idf('@' + c)] as const);
    const totalWeight = weights.reduce((x, [, w]) => x + w, 0);
    const decisive = this.words.decisiveConcepts.filter((c) => a.named.has(c));
    const out = new Map<number, { score: number; phrasing: number }>();
    for (const [i, f] of firsts) {
      let s = f.score + o.secondWeight * (seconds.get(i) ?? 0);
      if (totalWeight > 0) {
        const missed = weights.reduce((x, [c, w]) => (this.entryConcepts[i]!.has(c) ? x : x + w), 0);
        s *= 1 - (o.conceptMiss * missed) / totalWeight;
      }
      const e = this.entries[i]!;
      if (e.needs?.length && !e.needs.some((c) => a.named.has(c))) s *= o.needsPenalty;
      if (e.yieldsTo?.some((c) => a.named.has(c))) s *= o.needsPenalty;
      if (decisive.some((c) => !this.entryConcepts[i]!.has(c))) s *= o.needsPenalty;
      out.set(i, { score: s, phrasing: f.phrasing });
    }
    return out;
  }
}
