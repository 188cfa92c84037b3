/**
 * The policy Q&A: `loadKnowledge(policy).ask(question, now)` answers from the curated knowledge
 * file, date-aware, with the clauses behind the answer — or says honestly that it has no answer.
 * Pipeline: normalize (normalize.ts) → words, bigrams, concepts (segment.ts, concepts.ts) → rank
 * the entries (rank.ts) → decide whether the question is in scope (scope.ts) → fill the answer (render.ts).
 *
 * @example
 *   const kb = loadKnowledge(loadPolicy());
 *   kb.ask('下半年什么时候截止', '2024-10-12'); // { found: true, answer: '…2024年11月20日…39天…', … }
 */
import path from 'node:path';
import { PROJECT_ROOT, type Policy } from '../policy/load.js';
import { readOrThrow } from '../policy/problems.js';
import { educationLevels, employerTypes, titleLevels, type Source } from '../policy/schema.js';
import type { Audience } from '../policy/windows.js';
import { readKnowledge, readScopeModel, SCOPE_MODEL_FILE, type KnowledgeData } from './read.js';

export { SCOPE_MODEL_FILE };
import { answerVars, fill, stripPlaceholders } from './render.js';
import { ConceptMatcher } from './concepts.js';
import { Ranker, defaultRankOptions, type Analysed, type Hit, type RankOptions } from './rank.js';
import {
  Vocabulary,
  defaultScopeOptions,
  hasQuestion,
  inScopeProbability,
  instructionIn,
  refusals,
  Places,
  scopeFeatures,
  unknownWords,
  type ScopeModel,
  type ScopeEvidence,
  type ScopeOptions,
  type Unknown,
} from './scope.js';
import type { Example } from './scope-train.js';
import { getJieba } from '../text/jieba.js';
import { tokenize } from './segment.js';
import { SoundFixer } from '../text/sound.js';
import type { Normalizer } from './normalize.js';
import type { Entry } from './schema.js';

export type { Source };

/** One answer, as `ask --json` prints it (plus score and related for the bot). */
export interface Answer {
  found: boolean;
  answer: string;
  sources: Source[];
  /** The entry used: when found, and when the entry says the documents do not hold what is asked. */
  entry?: string;
  /** In-scope probability in [0, 1] (the scope model's). */
  score?: number;
  related?: string[];
  /** True when the entry itself says the documents do not hold what is asked (公示期多长): found is false, the text is kept. */
  notInDocuments?: boolean;
}

/** The loaded knowledge file, ready to answer. */
export interface KnowledgeBase {
  ask(question: string, now: string): Answer;
}

/** Options for the evaluation and training scripts (production passes none). */
export interface KnowledgeOptions {
  /** A scope model to use instead of knowledge/scope-model.json (training, cross-validation). */
  scopeModel?: ScopeModel;
  /**
   * Evaluation only: texts (titles or phrasings) left out of the index when they equal one of
   * these after normalization, so a test question never meets itself (the train/test split).
   */
  holdOut?: readonly string[];
}

/** The outcome of a search: the ranking, the scope decision and the evidence behind it. */
export interface SearchResult {
  hits: Hit[];
  found: boolean;
  /** The rules that refused the question, each with its reason (empty when found). */
  refusals: { rule: string; reason: string }[];
  probability: number;
  unknown: Unknown;
  /** The best phrasing asks what the documents do not hold (the entry says so). */
  notInDocuments: boolean;
  /** True when the text holds a question at all (not an interview answer). */
  hasContent: boolean;
}

/** A knowledge base that also exposes its parts (for the evaluation scripts, training and tests). */
export interface KnowledgeBaseInternals extends KnowledgeBase {
  search(question: string): SearchResult;
  /** The decision, step by step, in readable Chinese (`ask --explain`). */
  explain(question: string): string;
  data: KnowledgeData;
  normalize(text: string): string;
  /** The live options: read per search, so tuning may change them without a rebuild. */
  options: { rank: RankOptions; scope: ScopeOptions };
  /** The lexicon concepts a normalized text names. */
  concepts(normalized: string): Set<string>;
  /** Training examples: every indexed phrasing (left out of its own ranking and vocabulary) as in scope, with its normalized text. */
  phrasingExamples(): (Example & { text: string; hits: Hit[] })[];
  /** A question's training example. */
  example(question: string, inScope: boolean): Example;
  /** Everything the scope rules see of a question but the model's probability (tuning the rules' thresholds). */
  evidence(question: string): Omit<ScopeEvidence, 'probability'> & { features: string[]; text: string };
  /** Swap the scope model (cross-validation). */
  useScopeModel(model: ScopeModel): void;
}

/**
 * The lexicon's normalizer followed by typos by sound (sound.ts), over the domain's words: those
 * of two or more phrasings, the concept variants and the segmenter's words.
 */
function withSoundFixes(data: KnowledgeData, stopwords: ReadonlySet<string>, userWords: readonly string[]): Normalizer {
  const base = data.normalize;
  const counts = new Map<string, number>();
  for (const e of data.entries)
    for (const q of [e.title, ...e.questions]) {
      const t = tokenize(base(q), stopwords, userWords);
      for (const w of new Set([...t.words, ...t.plain])) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  const words = [...counts].filter(([, n]) => n >= 2).map(([w]) => w);
  // A character standing alone in three or more phrasings (传, 报, 交) is a word of the domain, never a typo.
  const singles = [...counts].filter(([w, n]) => w.length === 1 && n >= 3).map(([w]) => w);
  for (const [c, vs] of Object.entries(data.lexicon.concepts)) words.push(c, ...vs.map(base));
  words.push(...userWords.map(base));
  const skip = new Set([...stopwords, ...data.lexicon.answerWords, ...data.lexicon.questionMarkers, ...singles].filter((w) => w.length === 1));
  const sound = new SoundFixer(words, skip);
  return Object.assign((text: string) => sound.fix(base(text)), { endLoading: () => base.endLoading() });
}

/** Load knowledge/ (or `dir`) against `policy`; throws `DataError` naming every problem. */
export function loadKnowledge(policy: Policy, dir: string = path.join(PROJECT_ROOT, 'knowledge'), opts: KnowledgeOptions = {}): KnowledgeBaseInternals {
  const askFile = path.join(PROJECT_ROOT, 'dialogs', 'ask.yaml');
  const data = readOrThrow((problems) => readKnowledge(dir, askFile, problems, policy));
  let model = opts.scopeModel ?? readOrThrow((problems) => readScopeModel(path.join(dir, SCOPE_MODEL_FILE), problems));
  const { entries, lexicon, texts } = data;
  const byId = new Map(entries.map((e) => [e.id, e]));

  // Interview answers (education, employer type, level, series) must not read as questions.
  const seriesNames = policy.series.series.flatMap((s) => [s.name, ...s.aliases]);
  const stopwords = new Set(lexicon.stopwords);
  const userWords = [...lexicon.userWords, ...seriesNames];
  const normalize = withSoundFixes(data, stopwords, userWords);
  const answerWords = new Set<string>([...lexicon.answerWords, ...educationLevels, ...employerTypes, ...titleLevels, ...seriesNames.map(normalize)]);
  const concepts = new ConceptMatcher(lexicon, normalize);
  const analyse = (text: string): Analysed => {
    const normalized = normalize(text);
    return { normalized, tokens: tokenize(normalized, stopwords, userWords), named: concepts.of(normalized) };
  };
  const markers = lexicon.questionMarkers.map(normalize);
  const instructions = lexicon.instructionPatterns.map((p) => new RegExp(p, 'iu'));

  const heldOut = new Set((opts.holdOut ?? []).map((q) => normalize(q)));
  const keep = (q: string) => heldOut.size === 0 || !heldOut.has(normalize(q));
  // Per entry, its indexed phrasings and which of them ask what the documents do not hold.
  const indexed = entries.map((e) => {
    const plain = [e.title, ...e.questions].filter(keep);
    const gaps = (e.notInDocuments?.phrasings ?? []).filter(keep);
    return { entry: e, phrasings: [...plain, ...gaps], gapFrom: plain.length };
  });
  // Copies: the evaluation scripts may change them live (kb.options) without touching the defaults.
  const rank = { ...defaultRankOptions };
  const scope = { ...defaultScopeOptions };
  const ranker = new Ranker(
    indexed.map(({ entry: e, phrasings }) => ({ id: e.id, phrasings, needs: e.needs, yieldsTo: e.yieldsTo })),
    analyse,
    normalize,
    concepts,
    lexicon,
    rank,
  );

  // The domain's vocabulary: every word of the phrasings and answers, and the lexicon's words.
  const vocabulary = new Vocabulary();
  const phrasingWords: Set<string>[] = [];
  for (const { entry: e, phrasings } of indexed) {
    for (const p of phrasings) {
      const t = analyse(p).tokens;
      const words = new Set([...t.words, ...t.plain]);
      phrasingWords.push(words);
      vocabulary.addText(words);
    }
    const t = analyse(stripPlaceholders(e.answer)).tokens;
    vocabulary.addText([...t.words, ...t.plain]);
  }
  // Places: the ones the texts name are home, except those the lexicon rewrites as somewhere else.
  const places = new Places((text) => getJieba(userWords).tag(text), new Set(Object.keys(lexicon.synonyms)), policy.method.coveredPlaceNames);
  for (const { entry: e, phrasings } of indexed) for (const t of [...phrasings, stripPlaceholders(e.answer)]) places.addText(t);
  vocabulary.addLexicon([...concepts.variants.keys(), ...userWords.map(normalize), ...Object.keys(lexicon.synonyms).map((k) => normalize(k))]);
  normalize.endLoading();

  const evidence = (question: string, leaveOut = -1, own?: ReadonlySet<string>) => {
    const a = analyse(question);
    const hits = ranker.rank(question, a, 3, leaveOut);
    const unknown = unknownWords(a.tokens, vocabulary, answerWords, scope.salientIdf, own);
    const where = places.of(question);
    const features = scopeFeatures(a, unknown, hits, where);
    return { a, hits, unknown, features, where, instruction: instructionIn(a.normalized, instructions) };
  };

  const search = (question: string): SearchResult => {
    const { a, hits, unknown, features, where, instruction } = evidence(question);
    const probability = inScopeProbability(model, features);
    const hasContent = hasQuestion(a, answerWords, markers);
    const refused = refusals({ hasContent, probability, hits, unknown, places: where, instruction }, scope);
    const top = hits[0];
    const gap = top !== undefined && (() => {
      const ix = indexed.find((x) => x.entry.id === top.id)!;
      return top.phrasing >= ix.gapFrom;
    })();
    return { hits, found: refused.length === 0, refusals: refused, probability, unknown, notInDocuments: refused.length === 0 && gap, hasContent };
  };

  const educationCues = [...new Set([...lexicon.educationCues, ...policy.notices.flatMap((n) => n.educationSystem.employerKinds)])].map(normalize);

  // The placeholder values depend only on the day and the audience: compute them once per pair.
  const varsCache = new Map<string, Record<string, string | number>>();
  const varsFor = (now: string, audience: Audience) => {
    const key = `${now}|${audience}`;
    let v = varsCache.get(key);
    if (!v) {
      if (varsCache.size > 64) varsCache.clear();
      v = answerVars(policy, now, audience, texts);
      varsCache.set(key, v);
    }
    return v;
  };

  const audienceOf = (e: Entry, normalized: string): Audience =>
    e.audience ?? (educationCues.some((c) => normalized.includes(c)) ? 'education' : 'general');

  // The fallback never repeats the question: an instruction inside it (写一首诗, 忽略之前的指令) is neither echoed nor followed.
  const fallback = (result: SearchResult, now: string): Answer => {
    const vars = varsFor(now, 'general');
    const f = texts.fallback;
    // Closest topics only for a question the model thinks is about titles; an off-topic one gets the general suggestions.
    const aboutTitles = result.hasContent && !result.refusals.some((r) => r.rule === 'off-topic' || r.rule === 'unknown-subject' || r.rule === 'instruction');
    const topics = aboutTitles && result.hits.length ? result.hits.map((h) => byId.get(h.id)!.title) : f.suggestions;
    const text = [f.intro, fill(f.closest, { topics: topics.join(f.topicSeparator) }), f.hints, fill(f.contact, vars)].join('\n');
    return { found: false, answer: text, sources: [], score: Math.round(result.probability * 1000) / 1000 };
  };

  return {
    data,
    normalize,
    options: { rank, scope },
    search,
    concepts: (n) => concepts.of(n),
    useScopeModel: (m) => {
      model = m;
    },
    explain(question: string): string {
      const r = search(question);
      const lines = [
        `归一化：${normalize(question)}`,
        `排序：${r.hits.map((h) => `${h.id} ${h.score.toFixed(3)}`).join('，') || '（无）'}`,
        `范围内概率：${r.probability.toFixed(3)}；知识文件不认识的主要词：${r.unknown.words.join('、') || '（无）'}（占 ${r.unknown.share.toFixed(2)}）`,
        r.found ? (r.notInDocuments ? '决定：回答，但条目说明文件里没有所问的内容（found: false）' : `决定：回答（${r.hits[0]!.id}）`) : '决定：不回答',
        ...r.refusals.map((x) => `  ${x.rule}：${x.reason}`),
      ];
      return lines.join('\n');
    },
    phrasingExamples() {
      const out: (Example & { text: string; hits: Hit[] })[] = [];
      let doc = 0;
      for (const { phrasings } of indexed) {
        for (const p of phrasings) {
          const { features, a, hits } = evidence(p, doc, phrasingWords[doc]);
          out.push({ features, inScope: true, text: a.normalized, hits });
          doc++;
        }
      }
      return out;
    },
    example: (question, inScope) => ({ features: evidence(question).features, inScope }),
    evidence(question) {
      const { a, hits, unknown, features, where, instruction } = evidence(question);
      return { hasContent: hasQuestion(a, answerWords, markers), hits, unknown, features, places: where, instruction, text: a.normalized };
    },
    ask(question: string, now: string): Answer {
      const result = search(question);
      const top = result.hits[0];
      if (!result.found || !top) return fallback(result, now);
      const e = byId.get(top.id)!;
      const vars = varsFor(now, audienceOf(e, normalize(question)));
      const answer = fill(e.answer, vars).trim();
      const score = Math.round(result.probability * 1000) / 1000;
      // The entry itself says the documents do not hold what is asked: an honest "not found", the text kept.
      if (result.notInDocuments) return { found: false, answer, sources: [], entry: e.id, score, notInDocuments: true, related: e.related };
      return { found: true, answer, sources: e.sources.map((s) => ({ doc: s.doc, clause: s.clause })), entry: e.id, score, related: e.related };
    },
  };
}
