/**
 * The policy Q&A: `loadKnowledge(policy).ask(question, now)` answers from the curated knowledge
 * file, date-aware, with the clauses behind the answer — or says honestly that it has no answer.
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
import { readKnowledge, type KnowledgeData } from './read.js';
import { answerVars, fill, stripPlaceholders } from './render.js';
import { Retriever, defaultRetrieverOptions, type RetrieverOptions, type SearchResult } from './retrieve.js';
import type { Entry } from './schema.js';

export type { Source };

/** One answer, as `ask --json` prints it (plus score and related for the bot). */
export interface Answer {
  found: boolean;
  answer: string;
  sources: Source[];
  entry?: string;
  /** Confidence in [0, 1]: how much of the question the entry covers. */
  score?: number;
  related?: string[];
}

/** The loaded knowledge file, ready to answer. */
export interface KnowledgeBase {
  ask(question: string, now: string): Answer;
}

/** Options for tests and the evaluation script. */
export interface KnowledgeOptions {
  askFile?: string;
  retriever?: Partial<RetrieverOptions>;
  /**
   * Evaluation only: texts (titles or phrasings) left out of the index when they equal one of
   * these after normalisation, so a test question never meets itself (the train/test split).
   */
  holdOut?: readonly string[];
}

/** A knowledge base that also exposes its parts (for the evaluation script). */
export interface KnowledgeBaseInternals extends KnowledgeBase {
  search(question: string): SearchResult;
  data: KnowledgeData;
  normalize(text: string): string;
  /** The live retriever options: every knob is read per search, so tuning may change them without a rebuild. */
  options: RetrieverOptions;
  /** The lexicon concepts a normalised text names (for the evaluation scripts and tests). */
  concepts(normalized: string): Set<string>;
}

/** Load knowledge/ (or `dir`) against `policy`; throws `DataError` naming every problem. */
export function loadKnowledge(policy: Policy, dir: string = path.join(PROJECT_ROOT, 'knowledge'), opts: KnowledgeOptions = {}): KnowledgeBaseInternals {
  const askFile = opts.askFile ?? path.join(PROJECT_ROOT, 'dialogs', 'ask.yaml');
  const data = readOrThrow((problems) => readKnowledge(dir, askFile, problems, policy));
  const { entries, lexicon, texts, normalize } = data;
  const byId = new Map(entries.map((e) => [e.id, e]));

  // Interview answers (education, employer type, level, series) must not read as questions.
  const answerWords = new Set<string>([...lexicon.answerWords, ...educationLevels, ...employerTypes, ...titleLevels]);
  for (const s of policy.series.series) for (const a of [s.name, ...s.aliases]) answerWords.add(normalize(a));
  const stopwords = new Set(lexicon.stopwords);
  const userWords = [...lexicon.userWords, ...policy.series.series.flatMap((s) => [s.name, ...s.aliases])];
  const heldOut = new Set((opts.holdOut ?? []).map((q) => normalize(q)));
  const keep = (q: string) => heldOut.size === 0 || !heldOut.has(normalize(q));
  const retriever = new Retriever(
    entries.map((e) => ({ id: e.id, phrasings: [e.title, ...e.questions].filter(keep), needs: e.needs, yieldsTo: e.yieldsTo, answerText: stripPlaceholders(e.answer) })),
    normalize,
    stopwords,
    answerWords,
    userWords,
    { ...defaultRetrieverOptions, ...opts.retriever },
    lexicon.concepts,
    {
      domainConcepts: lexicon.domainConcepts,
      coreConcepts: lexicon.coreConcepts,
      offTopicCues: lexicon.offTopicCues,
      otherMatters: lexicon.otherMatters,
      exclusive: lexicon.exclusive,
      questionMarkers: lexicon.questionMarkers,
      askSlots: lexicon.askSlots,
      genericTerms: lexicon.genericTerms,
      decisiveConcepts: lexicon.decisiveConcepts,
      askFrames: lexicon.askFrames,
      knownWords: lexicon.knownWords,
    },
    lexicon.conceptPatterns,
  );
  normalize.endLoading();
  const educationCues = [...new Set([...lexicon.educationCues, ...policy.notices.flatMap((n) => n.educationSystem.employerKinds)])].map(normalize);

  // The placeholder values depend only on the day and the audience: compute them once per pair.
  const varsCache = new Map<string, Record<string, string | number>>();
  const varsFor = (now: string, audience: Audience) => {
    const key = `${now}|${audience}`;
    let v = varsCache.get(key);
    if (!v) {
      if (varsCache.size > 64) varsCache.clear();
      varsCache.set(key, (v = answerVars(policy, now, audience, texts)));
    }
    return v;
  };

  const audienceOf = (e: Entry, normalized: string): Audience =>
    e.audience ?? (educationCues.some((c) => normalized.includes(c)) ? 'education' : 'general');

  const fallback = (result: SearchResult, now: string): Answer => {
    const vars = varsFor(now, 'general');
    const f = texts.fallback;
    // Closest topics only for a question about titles; an off-topic one gets the general suggestions.
    const topics = result.hasContent && result.inDomain && result.hits.length ? result.hits.map((h) => byId.get(h.id)!.title) : f.suggestions;
    const text = [f.intro, fill(f.closest, { topics: topics.join(f.topicSeparator) }), f.hints, fill(f.contact, vars)].join('\n');
    return { found: false, answer: text, sources: [] };
  };

  return {
    data,
    normalize,
    options: retriever.options,
    search: (q) => retriever.search(q),
    concepts: (n) => retriever.concepts(n),
    ask(question: string, now: string): Answer {
      const result = retriever.search(question);
      const top = result.hits[0];
      if (!result.found || !top) return fallback(result, now);
      const e = byId.get(top.id)!;
      const vars = varsFor(now, audienceOf(e, normalize(question)));
      return {
        found: true,
        answer: fill(e.answer, vars).trim(),
        sources: e.sources.map((s) => ({ doc: s.doc, clause: s.clause })),
        entry: e.id,
        score: Math.round(top.coverage * 1000) / 1000,
        related: e.related,
      };
    },
  };
}
