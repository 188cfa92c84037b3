/**
 * Ranking questions against the knowledge entries, and deciding whether to answer at all.
 *
 * Ranking (default 'cosine'): every phrasing (and the title) is a TF-IDF vector of jieba words,
 * in-word character bigrams and concept tokens (lexicon `concepts`: 报名/申请 → @申报); an entry
 * scores its best phrasing's cosine plus a share of its second best (a nearest-neighbour vote).
 * In a long message (background first, then the question) the clauses carrying a question marker
 * are ranked on their own too, and the two rankings blended (`focusWeight`).
 * BM25 ('bm25') and their sum ('mix') remain selectable for the evaluation.
 *
 * Gate (default 'concept'): the question must have content (not only interview-answer words such
 * as 本科, 是, 3年), name a domain concept, carry no off-topic cue (天气, 贷款, 个税 …) unless it
 * names a core concept (职称 …), and the best entry must reach a score threshold that is lower when
 * a core concept is named. Thresholds were chosen by cross-validation on dev.jsonl.
 */
import { Bm25Index } from './bm25.js';
import { CosineIndex } from './vector.js';
import { generalIdf, mentionsSegment, tokenize, type Tokens } from './segment.js';
import { AskObjectGate } from './ask-object.js';

/** What the retriever needs from an entry. */
export interface IndexedEntry {
  id: string;
  /** The title and the question phrasings. */
  phrasings: string[];
  /** Concepts that define the entry: a question naming none of them ranks it lower. */
  needs?: string[];
  /** Concepts that make a more specific entry the answer: a question naming one ranks this entry lower. */
  yieldsTo?: string[];
  /** Answer text with placeholders removed. */
  answerText: string;
}

/** Tuning knobs, kept together so the evaluation script can report them. */
export interface RetrieverOptions {
  /** Weight of the answer's BM25 score beside the best phrasing's. */
  answerWeight: number;
  /** Weight of character bigrams beside words, in ranking. */
  bigramWeight: number;
  /** Weight of a question term found only in the entry's answer, for entry coverage. */
  answerCoverage: number;
  /** Minimum entry coverage for found = true. */
  minCoverage: number;
  /** Minimum domain coverage for found = true. */
  minDomain: number;
  /** Minimum mean of the two: a question whose words are all known may combine two topics. */
  minConfidence: number;
  /** Ranking: BM25, TF-IDF cosine nearest neighbour, or their sum. */
  ranker: 'bm25' | 'cosine' | 'mix';
  /** Cosine: weight of concept tokens (lexicon concepts) beside words. */
  conceptWeight: number;
  /** Cosine: weight of the entry's second-best phrasing (a k-NN vote). */
  secondWeight: number;
  /** Cosine: weight of the answer's cosine. */
  answerCosine: number;
  /** Gate: 'coverage' (domain and entry coverage only) or 'concept' (domain concept, off-topic cues, score). */
  gate: 'coverage' | 'concept';
  /** Concept gate: minimum score of the best entry. */
  minScore: number;
  /** Concept gate: minimum score when the question names no core concept (职称, 认定). */
  minScoreWeak: number;
  /** Concept gate: a question with at least this many words is long (background, then the question). */
  longQuestion: number;
  /** Concept gate: minimum score of a long question naming no core concept (long messages match any phrasing less closely). */
  minScoreLong: number;
  /** Concept gate: a best score this high is strong domain context: it outweighs a general off-topic cue or a missing domain concept. */
  strongScore: number;
  /** Cosine: factor for a phrasing naming another value of an exclusive group the question names (本科 vs 硕士). */
  exclusivePenalty: number;
  /**
   * Cosine: penalty for an entry none of whose phrasings names a concept the question names, times
   * the IDF-weighted share of such concepts — prefers the more specific entry (资历算到哪天 in the
   * first batch → the cut-off entry, which names both 批次 and 年限, over the first-batch entry).
   */
  conceptMiss: number;
  /** Cosine: weight of generic terms (lexicon `genericTerms`: 考核认定, 专业技术资格 …) beside other terms. */
  genericWeight: number;
  /** Cosine: weight of the question clauses' own ranking in a message of several clauses (0 = off). */
  focusWeight: number;
  /** Cosine: a message needs this many words for its question clauses to be ranked apart. */
  focusMinWords: number;
  /**
   * Cosine: factor for an entry whose defining concepts (`needs`) the question names none of, that
   * yields (`yieldsTo`) to a concept it names, or that never names a decisive concept (造假) it names.
   */
  needsPenalty: number;
  /** Cosine: drop from the question vector a concept variant no phrasing uses (its concept token carries it). */
  absorbVariants: boolean;
  /** Gate: below this top score, a question whose ask object names a noun the file does not know is not answered. */
  objectMaxScore: number;
  /**
   * Residual gate: maximum share (by general IDF) of the question's salient words that neither the
   * knowledge file nor the lexicon covers — what the question asks beyond the file. 1 = off.
   */
  maxResidual: number;
  /** Residual gate: a leftover word counts only when its general IDF reaches this (现在, 个人 do not). */
  salientIdf: number;
}

// Chosen on dev.jsonl (5-fold cross-validation of the gate, see docs/knowledge.md); the BM25 and
// coverage-gate knobs remain for comparison in the evaluation.
export const defaultRetrieverOptions: RetrieverOptions = {
  answerWeight: 0.25,
  bigramWeight: 1,
  answerCoverage: 0.5,
  minCoverage: 0,
  minDomain: 0,
  minConfidence: 0.6,
  ranker: 'cosine',
  conceptWeight: 1.5,
  secondWeight: 0.5,
  answerCosine: 0,
  gate: 'concept',
  minScore: 0.15,
  minScoreWeak: 0.35,
  strongScore: 0.9,
  longQuestion: 8,
  minScoreLong: 0.25,
  exclusivePenalty: 0.6,
  conceptMiss: 0.2,
  needsPenalty: 0.6,
  absorbVariants: true,
  objectMaxScore: 0.9,
  focusWeight: 0.25,
  focusMinWords: 18,
  genericWeight: 0.6,
  maxResidual: 1,
  salientIdf: 5,
};

/** Word lists from knowledge/lexicon.yaml: the gate's (is this about title recognition at all?) and the ranking's generic terms. */
export interface GateWords {
  /** Concepts of the domain: a question naming none of them is out of scope. */
  domainConcepts: readonly string[];
  /** Concepts naming title recognition itself, which outweigh off-topic cues. */
  coreConcepts: readonly string[];
  /** Words of other services and daily life. */
  offTopicCues: readonly string[];
  /** Neighbouring matters the file does not cover: cues, and the concepts that still make the question ours. */
  otherMatters?: readonly { name: string; cues: readonly string[]; concepts?: readonly string[]; asks?: readonly string[]; unless: readonly string[] }[];
  /** Mutually exclusive values (本科 / 硕士 …). */
  exclusive?: readonly (readonly string[])[];
  /** Words marking a clause as the question. */
  questionMarkers?: readonly string[];
  /** Kinds of ask (a fee, office hours, a transfer) and their cues: only an entry speaking of the kind answers it. */
  askSlots?: readonly { name: string; cues: readonly string[] }[];
  /** Words and concepts every question about recognition uses (考核认定, 专业技术资格): they weigh less in ranking. */
  genericTerms?: readonly string[];
  /** Concepts that decide the entry when named (造假): entries that never name them rank lower. */
  decisiveConcepts?: readonly string[];
  /** Ask frames (要哪些材料, 在哪里查): the nouns before one name what is asked about. */
  askFrames?: readonly string[];
  /** Nouns that may stand before an ask frame without being in the knowledge file (同事, 领导). */
  knownWords?: readonly string[];
}

/** One ranked candidate. */
export interface Hit {
  id: string;
  score: number;
  coverage: number;
}

/** The outcome of a search: the ranking and whether the best hit is trusted. */
export interface SearchResult {
  hits: Hit[];
  found: boolean;
  /** False when the text has no question content at all (e.g. an interview answer). */
  hasContent: boolean;
  /** Share of the question the knowledge file knows at all, in [0, 1]. */
  domain: number;
  /** The figures behind the decision, for the evaluation script's miss list. */
  debug?: string;
  /** True when the question names a domain concept and no off-topic cue outweighs it. */
  inDomain: boolean;
}

/** A test for a cue in a normalised text: Chinese as a substring, ASCII as a whole word (ie is not in studied). */
function cueTest(cue: string): (normalized: string) => boolean {
  if (!/^[a-z0-9]+$/.test(cue)) return (s) => s.includes(cue);
  const re = new RegExp(`(?<![a-z0-9])${cue}(?![a-z0-9])`);
  return (s) => re.test(s);
}

/** Text → normalised text, supplied by the caller (see normalize.ts). */
export type Normalize = (s: string) => string;

/** A retriever over the entries' phrasings and answers. */
export class Retriever {
  private readonly phrasings = new Bm25Index();
  private readonly answers = new Bm25Index();
  /** One document per entry (phrasings + answer words), for domain IDF. */
  private readonly entryWords = new Bm25Index();
  private readonly phrasingOwner: number[] = [];
  private readonly phrasingTerms: Set<string>[] = [];
  private readonly vocab: Set<string>[] = [];
  private readonly answerVocab: Set<string>[] = [];
  private readonly cosPhrasings = new CosineIndex();
  private readonly cosAnswers = new CosineIndex();
  private readonly conceptOf: [string, string][];
  private readonly conceptRegexes: [RegExp, string][];
  /** Concept variants and generic terms, longest first: the scan order of `concepts`. */
  private readonly conceptScan: [string, string | null][];
  /** Generic terms (normalised): their span names no other concept. */
  private readonly genericSpans: Set<string>;
  /** Generic terms as vector keys: words, their in-word bigrams ('#xy') and concepts ('@c'). */
  private readonly generic = new Set<string>();
  /** Off-topic cues the knowledge file never uses itself (a cue it uses, 新闻 in 新闻记者, cannot mark a question off-topic). */
  private readonly offTopic: string[];
  private readonly otherMatters: { name: string; cues: string[]; concepts: string[]; asks?: string[]; unless: string[] }[];
  private readonly exclusive: string[][];
  /** Per phrasing: the exclusive-group values it names, by group index. */
  private readonly phrasingValues: Map<number, Set<string>>[] = [];
  private readonly markers: string[];
  /** Per entry: the concepts its title and phrasings name. */
  private readonly entryConcepts: Set<string>[] = [];
  /** Concept variants (normalised) → their concept: a word the lexicon knows is not a leftover. */
  private readonly variants = new Map<string, string>();
  private readonly askSlots: { name: string; tests: ((normalized: string) => boolean)[] }[];
  private readonly objectGate: AskObjectGate;
  /** Concept patterns as global expressions, for marking what they cover. */
  private readonly conceptRegexesGlobal: RegExp[];
  /** Per entry: the ask slots its phrasings or answer speak of. */
  private readonly entrySlots: Set<string>[] = [];

  constructor(
    private readonly entries: IndexedEntry[],
    private readonly normalize: Normalize,
    private readonly stopwords: ReadonlySet<string>,
    private readonly answerWords: ReadonlySet<string>,
    private readonly userWords: readonly string[],
    readonly options: RetrieverOptions = defaultRetrieverOptions,
    concepts: Record<string, string[]> = {},
    private readonly gateWords: GateWords = { domainConcepts: [], coreConcepts: [], offTopicCues: [] },
    conceptPatterns: Record<string, string[]> = {},
  ) {
    for (const g of gateWords.genericTerms ?? []) {
      if (g in concepts) this.generic.add('@' + g);
      const w = this.normalize(g);
      this.generic.add(w);
      for (let i = 0; i + 1 < w.length; i++) this.generic.add('#' + w.slice(i, i + 2));
    }
    this.conceptRegexes = Object.entries(conceptPatterns).flatMap(([c, ps]) => ps.map((p) => [new RegExp(p, 'u'), c] as [RegExp, string]));
    this.conceptRegexesGlobal = this.conceptRegexes.map(([re]) => new RegExp(re.source, 'gu'));
    const norm = (ws: readonly string[]) => ws.map((w) => this.normalize(w)).filter((w) => w !== '');
    this.otherMatters = (gateWords.otherMatters ?? []).map((m) => ({ name: m.name, cues: norm(m.cues), concepts: [...(m.concepts ?? [])], asks: m.asks && norm(m.asks), unless: [...m.unless] }));
    this.exclusive = (gateWords.exclusive ?? []).map(norm);
    this.markers = norm(gateWords.questionMarkers ?? []);
    // Longest variant first, so 最后一天 is seen before 最后.
    this.conceptOf = Object.entries(concepts)
      .flatMap(([c, vs]) => [c, ...vs].map((v) => [this.normalize(v), c] as [string, string]))
      .filter(([v]) => v !== '')
      .sort((a, b) => b[0].length - a[0].length);
    this.genericSpans = new Set(norm(gateWords.genericTerms ?? []));
    this.conceptScan = [...this.conceptOf, ...[...this.genericSpans].map((v) => [v, null] as [string, null])].sort((a, b) => b[0].length - a[0].length);
    entries.forEach((e, i) => {
      const vocab = new Set<string>();
      const words = new Set<string>();
      const named = new Set<string>();
      for (const q of e.phrasings) {
        const nq = this.normalize(q);
        const t = this.tokensOf(nq);
        const terms = [...t.words, ...t.bigrams];
        const cs = this.concepts(nq);
        cs.forEach((c) => named.add(c));
        this.phrasings.add(terms);
        this.cosPhrasings.add(this.vector(nq, t, cs));
        this.phrasingValues.push(this.values(nq, t));
        this.phrasingOwner.push(i);
        this.phrasingTerms.push(new Set(terms));
        terms.forEach((x) => vocab.add(x));
        [...t.words, ...t.plain].forEach((w) => words.add(w));
      }
      this.vocab.push(vocab);
      this.entryConcepts.push(named);
      const na = this.normalize(e.answerText);
      const a = this.tokensOf(na);
      const aTerms = [...a.words, ...a.bigrams];
      this.answers.add(aTerms);
      this.answerVocab.push(new Set(aTerms));
      [...a.words, ...a.plain].forEach((w) => words.add(w));
      this.entryWords.add([...words]);
      this.cosAnswers.add(this.vector(na, a));
    });
    this.cosPhrasings.build();
    this.cosAnswers.build();
    const known = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      this.vocab[i]!.forEach((w) => known.add(w));
      this.answerVocab[i]!.forEach((w) => known.add(w));
    }
    this.offTopic = norm(gateWords.offTopicCues).filter((w) => !known.has(w));
    this.conceptOf.forEach(([v, c]) => this.variants.set(v, c));
    this.askSlots = (gateWords.askSlots ?? []).map((a) => ({ name: a.name, tests: norm(a.cues).map(cueTest) }));
    const knownWords = new Set(norm(gateWords.knownWords ?? []));
    this.objectGate = new AskObjectGate(
      gateWords.askFrames ?? [],
      { knows: (w) => this.entryWords.has(w) || this.variants.has(w) || knownWords.has(w), covered: (n) => this.conceptCoverage(n) },
      options.salientIdf,
    );
    for (const e of entries) {
      const text = [...e.phrasings, e.answerText].map((x) => this.normalize(x)).join('\n');
      this.entrySlots.push(new Set(this.askSlots.filter((a) => a.tests.some((t) => t(text))).map((a) => a.name)));
    }
  }

  /** The exclusive-group values a normalised text names, by group index (whole segments only). */
  private values(normalized: string, t: Tokens): Map<number, Set<string>> {
    const out = new Map<number, Set<string>>();
    this.exclusive.forEach((g, gi) => {
      for (const v of g) {
        if (!mentionsSegment(normalized, t, v)) continue;
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
      const n = this.normalize(c); // once per clause, not once per marker
      return this.markers.some((m) => n.includes(m));
    });
    if (asks.length === 0 || asks.length === clauses.length) return undefined;
    return asks.join('，');
  }

  /** Concepts the normalised text mentions (any variant, as a substring, or a concept pattern). */
  concepts(normalized: string): Set<string> {
    const out = new Set<string>();
    // Longest first; a generic term's span is consumed: 专业技术资格 names 职称, not also 专业 and 资格 (条件).
    let rest = normalized;
    for (const [v, c] of this.conceptScan) {
      if (!rest.includes(v)) continue;
      if (c !== null) out.add(c);
      if (this.genericSpans.has(v)) rest = rest.split(v).join('\u0000');
    }
    for (const [re, c] of this.conceptRegexes) if (re.test(normalized)) out.add(c);
    return out;
  }

  /** Per character of a normalised text: true when a concept variant, generic term or concept pattern covers it. */
  private conceptCoverage(normalized: string): boolean[] {
    const covered = new Array<boolean>(normalized.length).fill(false);
    const mark = (at: number, length: number) => covered.fill(true, at, at + length);
    for (const [v] of this.conceptScan) for (let i = normalized.indexOf(v); i >= 0; i = normalized.indexOf(v, i + 1)) mark(i, v.length);
    for (const re of this.conceptRegexesGlobal) for (const m of normalized.matchAll(re)) if (m[0].length) mark(m.index!, m[0].length);
    return covered;
  }

  /** The cosine vector of a normalised text: words, in-word bigrams and concept tokens. */
  private vector(normalized: string, t: Tokens, named: Set<string> = this.concepts(normalized)): Map<string, number> {
    const v = new Map<string, number>();
    const o = this.options;
    const g = (k: string, w: number) => (o.genericWeight !== 1 && this.generic.has(k) ? w * o.genericWeight : w);
    // A concept variant no phrasing uses (晚交 when only 逾期 / 过了 are written) is carried by its concept
    // token: its word and in-word bigrams would only lower the score as unknown words.
    const absorbed = o.absorbVariants ? t.words.filter((w) => named.has(this.variants.get(w) ?? '') && !this.cosPhrasings.has(w)) : [];
    for (const b of t.bigrams) if (!absorbed.some((w) => w.includes(b.slice(1)))) v.set(b, g(b, o.bigramWeight));
    for (const w of t.words) if (!absorbed.includes(w)) v.set(w, g(w, 1));
    for (const c of named) v.set('@' + c, g('@' + c, o.conceptWeight));
    return v;
  }

  /** Entry scores by cosine: best phrasing, plus a share of the second best and of the answer. */
  private cosineScores(normalized: string, t: Tokens, named: Set<string>): Map<number, number> {
    const q = this.vector(normalized, t, named);
    const asked = this.values(normalized, t);
    const firsts = new Map<number, number>();
    const seconds = new Map<number, number>();
    for (const [doc, raw] of this.cosPhrasings.score(q)) {
      const owner = this.phrasingOwner[doc]!;
      // A phrasing about another value of the same kind (硕士 when 本科 is asked) is a weaker match.
      let s = raw;
      for (const [gi, vs] of this.phrasingValues[doc]!) {
        const a = asked.get(gi);
        if (a && ![...vs].some((v) => a.has(v))) s *= this.options.exclusivePenalty;
      }
      const f = firsts.get(owner) ?? 0;
      if (s > f) {
        seconds.set(owner, f);
        firsts.set(owner, s);
      } else if (s > (seconds.get(owner) ?? 0)) seconds.set(owner, s);
    }
    const o = this.options;
    const out = new Map<number, number>();
    // IDF weight of each concept the question names, for the specificity penalty.
    const weights = o.conceptMiss > 0 ? [...named].map((c) => [c, this.cosPhrasings.idf('@' + c)] as const) : [];
    const totalWeight = weights.reduce((a, [, w]) => a + w, 0);
    const decisive = (this.gateWords.decisiveConcepts ?? []).filter((c) => named.has(c));
    for (const [i, f] of firsts) {
      let s = f + o.secondWeight * (seconds.get(i) ?? 0);
      if (totalWeight > 0) {
        const missed = weights.reduce((a, [c, w]) => (this.entryConcepts[i]!.has(c) ? a : a + w), 0);
        s *= 1 - (o.conceptMiss * missed) / totalWeight;
      }
      const needs = this.entries[i]!.needs;
      if (needs?.length && !needs.some((c) => named.has(c))) s *= o.needsPenalty;
      if (this.entries[i]!.yieldsTo?.some((c) => named.has(c))) s *= o.needsPenalty;
      if (decisive.some((c) => !this.entryConcepts[i]!.has(c))) s *= o.needsPenalty;
      out.set(i, s);
    }
    if (o.answerCosine > 0) for (const [i, s] of this.cosAnswers.score(q)) out.set(i, (out.get(i) ?? 0) + o.answerCosine * s);
    return out;
  }

  private tokensOf(normalized: string): Tokens {
    return tokenize(normalized, this.stopwords, this.userWords);
  }

  /**
   * True when some word is neither a stopword, a digit string nor an interview-answer word — or
   * when answer words are asked about (新闻记者要本科吗): an interview answer carries no question marker.
   */
  private hasContent(normalized: string, t: Tokens): boolean {
    if (t.plain.some((w) => !this.answerWords.has(w) && !/^[\d.]+$/.test(w) && !/^[a-z]$/.test(w))) return true;
    return t.plain.length >= 2 && this.markers.some((m) => normalized.includes(m));
  }

  /**
   * IDF-weighted share of the question's words known to the knowledge file. A word of 4+
   * characters (小学教师) counts as known when its search-mode parts are all known.
   */
  private domain(t: Tokens): number {
    let total = 0;
    let known = 0;
    for (const w of new Set(t.plain)) {
      if (/^[\d.]+$/.test(w)) continue;
      const idf = this.entryWords.idf(w);
      total += idf;
      if (this.entryWords.has(w)) known += idf;
      else {
        // Only long words: a short compound (找工作 → 找/工作) is a different thing from its parts.
        const parts = w.length >= 4 ? t.words.filter((p) => p !== w && w.includes(p)) : [];
        if (parts.length && parts.every((p) => this.entryWords.has(p))) known += idf;
      }
    }
    return total > 0 ? known / total : 0;
  }

  /**
   * The question's salient words that nothing in the knowledge file or lexicon covers (费用, 几点,
   * 转回来, 省考), and their general-IDF share of all its salient words. Such words usually carry
   * what is asked (how much it costs, what hour, moving contributions, another exam): if they
   * dominate, the best entry answers a different question even when it shares the topic words.
   */
  residual(t: Tokens): { words: string[]; share: number } {
    let total = 0;
    let left = 0;
    const words: string[] = [];
    for (const w of new Set(t.plain)) {
      if (/^[\d.a-z]+$/.test(w) || this.answerWords.has(w)) continue;
      const idf = generalIdf(w);
      if (idf < this.options.salientIdf) continue;
      total += idf;
      if (this.entryWords.has(w) || this.variants.has(w)) continue;
      // A long word whose parts are all known (小学教师) is covered.
      const parts = w.length >= 3 ? t.words.filter((p) => p !== w && w.includes(p)) : [];
      if (parts.length && parts.every((p) => this.entryWords.has(p) || this.variants.has(p))) continue;
      left += idf;
      words.push(w);
    }
    return { words, share: total > 0 ? left / total : 0 };
  }

  /** Rank the entries for `question`; `limit` candidates are returned. */
  search(question: string, limit = 3): SearchResult {
    // Normalise once: opencc and the lexicon tables are the costliest steps after jieba.
    const normalized = this.normalize(question);
    const tokens = this.tokensOf(normalized);
    const named = this.concepts(normalized);
    const o = this.options;
    const best = o.ranker === 'cosine' ? this.cosineScores(normalized, tokens, named) : this.bm25Scores(tokens);
    const focus = o.focusWeight > 0 && o.ranker === 'cosine' && tokens.plain.length >= o.focusMinWords ? this.focusText(question) : undefined;
    if (focus !== undefined) {
      // A long message: background clauses, then the question. Blend in the question clauses' own ranking.
      const nf = this.normalize(focus);
      const fs = this.cosineScores(nf, this.tokensOf(nf), this.concepts(nf));
      for (const [i, s] of best) best.set(i, (1 - o.focusWeight) * s + o.focusWeight * (fs.get(i) ?? 0));
    }
    if (o.ranker === 'mix') {
      const cos = this.cosineScores(normalized, tokens, named);
      const max = Math.max(1e-9, ...best.values());
      for (const [i, s] of best) best.set(i, s / max);
      for (const [i, s] of cos) best.set(i, (best.get(i) ?? 0) + s);
    }
    const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
    const terms = [...tokens.bigrams, ...tokens.words];
    const hits = ranked.map(([i, score]) => ({ id: this.entries[i]!.id, score, coverage: this.coverage(terms, i) }));
    const hasContent = this.hasContent(normalized, tokens);
    const domain = this.domain(tokens);
    const top = hits[0];
    const core = this.gateWords.coreConcepts.some((c) => named.has(c));
    const offTopic = this.offTopic.some((w) => mentionsSegment(normalized, tokens, w));
    // A neighbouring matter (sitting an exam, paying social insurance) is decided by concept, not by score.
    const other = this.otherMatters.find(
      (m) =>
        (m.cues.some((c) => mentionsSegment(normalized, tokens, c)) || m.concepts.some((c) => named.has(c))) &&
        (!m.asks || m.asks.some((a) => normalized.includes(a))) &&
        !m.unless.some((c) => named.has(c)),
    );
    const hasConcept = this.gateWords.domainConcepts.some((c) => named.has(c));
    const strong = top !== undefined && top.score >= o.strongScore;
    // A close match to a phrasing stands in for a domain concept the question does not name
    // (单位那边什么时候要弄完); it never outweighs an off-topic cue (个税怎么申报 matches 申报 closely).
    const residual = o.maxResidual < 1 ? this.residual(tokens) : { words: [], share: 0 };
    // The kind of ask (a fee, office hours, a transfer) must be one the best entry speaks of: sharing
    // the topic (职称评审, 社保, 职称办) is not answering 多少钱 / 几点上班 / 怎么转回来.
    const topIndex = top ? this.entries.findIndex((e) => e.id === top.id) : -1;
    const unanswered = this.askSlots.find((a) => a.tests.some((t) => t(normalized)) && !(topIndex >= 0 && this.entrySlots[topIndex]!.has(a.name)));
    const inDomain = !other && !unanswered && (hasConcept ? core || !offTopic : strong && !offTopic) && residual.share <= o.maxResidual;
    let found: boolean;
    if (o.gate === 'concept') {
      found = hasContent && inDomain && top !== undefined && top.score >= (core ? o.minScore : tokens.plain.length >= o.longQuestion ? Math.min(o.minScoreWeak, o.minScoreLong) : o.minScoreWeak) && domain >= o.minDomain && top.coverage >= o.minCoverage;
    } else {
      found = hasContent && top !== undefined && top.coverage >= o.minCoverage && domain >= o.minDomain && (top.coverage + domain) / 2 >= o.minConfidence;
    }
    // A middling match whose ask names another matter (优秀教师评选要准备哪些材料) is not an answer.
    const foreign = found && top !== undefined && top.score < o.objectMaxScore ? this.objectGate.foreignWords(normalized) : [];
    if (foreign.length) found = false;
    const debug = `dom ${domain.toFixed(2)} cov ${top?.coverage.toFixed(2)} score ${top?.score.toFixed(2)} ${inDomain ? '领域内' : '领域外'}${core ? ' 核心' : ''}${other ? ' 其他事务:' + other.name : ''}${offTopic ? ' 领域外用词' : ''}${unanswered ? ' 未答所问:' + unanswered.name : ''} 剩余 ${residual.share.toFixed(2)}[${residual.words.join(',')}]${foreign.length ? ' 未知对象:' + foreign.join(',') : ''}`;
    return { hits, hasContent, found, domain, inDomain, debug };
  }

  /** Entry scores by BM25: best phrasing (discounted by its unmatched words) plus a share of the answer. */
  private bm25Scores(tokens: Tokens): Map<number, number> {
    const query = new Map<string, number>();
    for (const b of tokens.bigrams) query.set(b, this.options.bigramWeight);
    for (const w of tokens.words) query.set(w, 1);
    const best = new Map<number, number>();
    for (const [doc, raw] of this.phrasings.score(query)) {
      // A phrasing whose own words the question leaves unmatched is a weaker match (BM25 alone
      // prefers longer phrasings that repeat a shared word).
      const s = raw * (0.5 + 0.5 * this.phrasingMatched(doc, query));
      const owner = this.phrasingOwner[doc]!;
      if (s > (best.get(owner) ?? 0)) best.set(owner, s);
    }
    const { answerWeight } = this.options;
    for (const [doc, s] of this.answers.score(query)) best.set(doc, (best.get(doc) ?? 0) + answerWeight * s);
    return best;
  }

  /** IDF-weighted share of phrasing `doc`'s own terms that the question contains. */
  private phrasingMatched(doc: number, query: ReadonlyMap<string, number>): number {
    let total = 0;
    let hit = 0;
    for (const t of this.phrasingTerms[doc]!) {
      const w = this.phrasings.idf(t);
      total += w;
      if (query.has(t)) hit += w;
    }
    return total > 0 ? hit / total : 0;
  }

  /** IDF-weighted share of the question's terms that entry `i` knows (answer-only terms count less). */
  private coverage(terms: readonly string[], i: number): number {
    let total = 0;
    let known = 0;
    for (const t of terms) {
      const w = this.phrasings.idf(t);
      total += w;
      if (this.vocab[i]!.has(t)) known += w;
      else if (this.answerVocab[i]!.has(t)) known += w * this.options.answerCoverage;
    }
    return total > 0 ? known / total : 0;
  }
}
