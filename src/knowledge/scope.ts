/**
 * Whether a question is in scope: answered only when every named rule below lets it through.
 * Each rule returns its reason (shown by `ask --explain`), so a refusal can always be traced.
 *
 * The central rule is a learned one (`off-topic`): a logistic regression over the ranker's own
 * features (jieba words, in-word bigrams, concept tokens) plus a few figures of the question
 * against the knowledge file (how much of it the file does not know, how well the best entry
 * matches, the margin to the second), trained on labelled examples — the knowledge phrasings
 * and labelled user questions as in scope, thousands of off-topic probes as out of scope
 * (scripts/train-scope.ts, model in knowledge/scope-model.json). Around it, like Rasa's
 * FallbackClassifier: a minimum match score, an ambiguity margin between the two best entries,
 * and a rule that a question whose main content words the domain does not know is not answered.
 */
import * as z from 'zod';
import { generalIdf } from '../text/jieba.js';
import type { Tokens } from './segment.js';
import type { Analysed, Hit } from './rank.js';

/** Words the knowledge file uses (phrasings and answers) and words the lexicon knows. */
export class Vocabulary {
  private readonly counts = new Map<string, number>();
  private readonly lexicon = new Set<string>();

  /** Count one text's words (each once). */
  addText(words: Iterable<string>): void {
    for (const w of new Set(words)) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
  }

  /** Words the lexicon names (concept variants, segmenter words, series): always known. */
  addLexicon(words: Iterable<string>): void {
    for (const w of words) this.lexicon.add(w);
  }

  /** True when some text other than `own` (a phrasing left out of training) uses `word`, or the lexicon names it. */
  knows(word: string, own?: ReadonlySet<string>): boolean {
    if (this.lexicon.has(word)) return true;
    return (this.counts.get(word) ?? 0) - (own?.has(word) ? 1 : 0) > 0;
  }
}

/**
 * Place names (jieba's `ns` tag) the domain calls its own: those its texts name (江西省, 赣州市),
 * minus those the lexicon rewrites (广东 → 外省: named as somewhere else), plus the covered places of
 * the rules (江西, 赣州, 寻乌). A question naming any other place (南昌, 四川, 深圳) and none of the
 * covered ones is likely about that place's rules, not this county's notice; one naming both
 * (在广东上班，户口寻乌) is about coming here from there.
 */
export class Places {
  private readonly home = new Set<string>();
  constructor(
    private readonly tag: (text: string) => { word: string; tag: string }[],
    private readonly elsewhereWords: ReadonlySet<string>,
    private readonly covered: readonly string[],
  ) {}

  /** Learn the places one of the domain's own texts names. */
  addText(text: string): void {
    for (const w of this.tag(text)) if (w.tag === 'ns' && !this.elsewhereWords.has(w.word)) this.home.add(w.word);
  }

  /** How a question names places: another place only, another place and a covered one, or no other place. */
  of(text: string): 'elsewhere' | 'both' | 'none' {
    const other = this.tag(text).some((w) => w.tag === 'ns' && !this.home.has(w.word) && !this.covered.some((c) => w.word.includes(c)));
    if (!other) return 'none';
    return this.covered.some((c) => text.includes(c)) ? 'both' : 'elsewhere';
  }
}

/** Salient words of a question that the domain does not know, and their share (by general IDF) of all its salient words. */
export interface Unknown {
  words: string[];
  share: number;
  /** The question has no salient word at all (only common words). */
  none: boolean;
}

/**
 * The salient words (general IDF ≥ `salientIdf`: not 现在, 个人) that neither the knowledge file nor
 * the lexicon knows: 路由器, 电费, 写诗. A word of three or more characters whose parts are known
 * (小学教师) is known. `own` is the text's own words when it is itself part of the file.
 */
export function unknownWords(t: Tokens, vocabulary: Vocabulary, answerWords: ReadonlySet<string>, salientIdf: number, own?: ReadonlySet<string>): Unknown {
  let total = 0;
  let left = 0;
  const words: string[] = [];
  for (const w of new Set(t.plain)) {
    if (/^[\d.a-z]+$/.test(w) || answerWords.has(w)) continue;
    const idf = generalIdf(w);
    if (idf < salientIdf) continue;
    total += idf;
    if (vocabulary.knows(w, own)) continue;
    const parts = w.length >= 3 ? t.words.filter((p) => p !== w && w.includes(p)) : [];
    if (parts.length && parts.every((p) => vocabulary.knows(p, own))) continue;
    left += idf;
    words.push(w);
  }
  return { words, share: total > 0 ? left / total : 0, none: total === 0 };
}

const HAN = /\p{Script=Han}/u;

/**
 * Character trigrams of the message's Chinese characters, across word and clause boundaries: the
 * frames a question is asked in (能不能报, 怎么办理, 帮我写) and the pieces of words jieba cuts
 * differently (二建, 教资报), which the ranker's in-word bigrams do not see.
 */
export function crossTrigrams(normalized: string): Set<string> {
  const s = [...normalized].filter((c) => HAN.test(c)).join('');
  const out = new Set<string>();
  for (let i = 0; i + 2 < s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/**
 * The model's features of a question: its words ('w:…'), bigrams ('#…'), concepts ('@…') and
 * character trigrams across words ('%…', crossTrigrams), and
 * bucketed figures: unknown salient words ('?unk' each, '?u0'–'?u3' by share), the best score
 * ('?s0'–'?s9'), the margin to the second entry ('?m0'–'?m5') and the length ('?len0'–'?len3'), and the
 * best score crossed with the unknown share ('?s8?u1') and with the margin ('?s8?m3'); and whether
 * it names a place other than the domain's own, alone or with a covered one ('?elsewhere', '?both',
 * and crossed with the best entry).
 */
export function scopeFeatures(a: Analysed, unknown: Unknown, hits: readonly Hit[], places: 'elsewhere' | 'both' | 'none' = 'none'): string[] {
  const f: string[] = [];
  // Another place named, crossed with the best entry: 外省 fits who may apply here, not the years a graduate needs.
  if (places !== 'none') f.push('?' + places, '?' + places + '>' + (hits[0]?.id ?? ''));
  for (const w of new Set(a.tokens.words)) f.push('w:' + w);
  for (const b of new Set(a.tokens.bigrams)) f.push(b);
  for (const c of a.named) f.push('@' + c);
  for (const t of crossTrigrams(a.normalized)) f.push('%' + t);
  for (let i = 0; i < unknown.words.length; i++) f.push('?unk');
  const share = unknown.none ? '?nosalient' : '?u' + (unknown.share === 0 ? 0 : Math.min(3, 1 + Math.floor(unknown.share * 3)));
  const top = hits[0]?.score ?? 0;
  const second = hits[1]?.score ?? 0;
  const score = '?s' + Math.min(9, Math.floor(top * 10));
  const margin = '?m' + Math.min(5, Math.floor((top - second) * 10));
  const length = '?len' + Math.min(3, Math.floor(a.tokens.plain.length / 6));
  // Crossed figures: a strong match means more with few unknown words, and with a clear margin.
  f.push(share, score, margin, length, score + share, score + margin);
  return f;
}

/** The trained model, as committed in knowledge/scope-model.json. */
export const scopeModel = z
  .object({
    version: z.literal(1),
    /** What it was trained on, for the record (counts and date). */
    trainedOn: z.object({ inScope: z.number().int().positive(), offTopic: z.number().int().positive(), date: z.string() }).strict(),
    bias: z.number(),
    weights: z.record(z.string(), z.number()),
  })
  .strict();
export type ScopeModel = z.infer<typeof scopeModel>;

/** Probability in [0, 1] that a question with these features is in scope. */
export function inScopeProbability(model: ScopeModel, features: readonly string[]): number {
  let x = model.bias;
  for (const f of features) x += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-x));
}

/** Thresholds of the scope rules (chosen by cross-validation, docs/knowledge.md). */
export interface ScopeOptions {
  /** `off-topic`: minimum in-scope probability. */
  threshold: number;
  /** `weak-match`: minimum score of the best entry. */
  minScore: number;
  /** `ambiguous`: minimum margin between the two best entries … */
  margin: number;
  /** … applied only when the in-scope probability is below this (a sure question may sit between two close entries). */
  marginBelow: number;
  /** `unknown-subject`: maximum share of salient words unknown to the domain … */
  maxUnknown: number;
  /** … applied only when the in-scope probability is below this. */
  unknownBelow: number;
  /** `elsewhere`: a question naming only another place (四川, 深圳) is answered only when the in-scope probability reaches this. */
  elsewhereBelow: number;
  /** A word is salient when its general IDF reaches this (现在, 个人 are not). */
  salientIdf: number;
}

export const defaultScopeOptions: ScopeOptions = {
  threshold: 0.55,
  minScore: 0.15,
  margin: 0.02,
  marginBelow: 0.8,
  maxUnknown: 0.5,
  unknownBelow: 0.9,
  elsewhereBelow: 0.9,
  salientIdf: 5,
};

/** Everything the rules look at. */
export interface ScopeEvidence {
  /** False for an interview answer (本科, 2019年7月, 是). */
  hasContent: boolean;
  probability: number;
  hits: readonly Hit[];
  unknown: Unknown;
  /** How the question names places (Places.of). */
  places: 'elsewhere' | 'both' | 'none';
  /** The words of an instruction addressed to the bot (忽略之前的指令, 你现在是, 帮我写), if the message holds one. */
  instruction?: string;
}

/** One named rule: the reason it refuses, or undefined when it lets the question through. */
export interface ScopeRule {
  name: string;
  refuses(e: ScopeEvidence, o: ScopeOptions): string | undefined;
}

const p2 = (x: number) => x.toFixed(2);

/** The rules, in the order `--explain` prints them. */
export const scopeRules: readonly ScopeRule[] = [
  { name: 'no-question', refuses: (e) => (e.hasContent ? undefined : '只有面谈式的回答（学历、日期、是/否），不是问题') },
  {
    // An instruction to the bot is never followed, and a policy answer to it would read as obeying.
    name: 'instruction',
    refuses: (e) => (e.instruction === undefined ? undefined : `这是给机器人的指令（“${e.instruction}”），不是政策问题，不照做`),
  },
  { name: 'no-match', refuses: (e) => (e.hits.length ? undefined : '没有任何条目与问题有共同的词') },
  {
    name: 'off-topic',
    refuses: (e, o) => (e.probability >= o.threshold ? undefined : `范围内概率 ${p2(e.probability)}，低于 ${p2(o.threshold)}`),
  },
  {
    name: 'unknown-subject',
    refuses: (e, o) =>
      e.unknown.share > o.maxUnknown && e.probability < o.unknownBelow
        ? `主要内容词知识文件不认识（${e.unknown.words.join('、')}，占 ${p2(e.unknown.share)}）`
        : undefined,
  },
  {
    name: 'elsewhere',
    refuses: (e, o) =>
      e.places === 'elsewhere' && e.probability < o.elsewhereBelow
        ? `问的是别的地方（不是本县、本市、本省），范围内概率只有 ${p2(e.probability)}`
        : undefined,
  },
  {
    name: 'weak-match',
    refuses: (e, o) => ((e.hits[0]?.score ?? 0) >= o.minScore ? undefined : `最接近的条目得分 ${p2(e.hits[0]?.score ?? 0)}，低于 ${p2(o.minScore)}`),
  },
  {
    name: 'ambiguous',
    refuses: (e, o) => {
      const [a, b] = e.hits;
      if (!a || !b || a.score - b.score >= o.margin || e.probability >= o.marginBelow) return undefined;
      return `前两个条目（${a.id} ${p2(a.score)}、${b.id} ${p2(b.score)}）难分高下，且范围内概率只有 ${p2(e.probability)}`;
    },
  },
];

/** The first instruction frame (lexicon `instructionPatterns`) a normalized message matches: the matched words, or undefined. */
export function instructionIn(normalized: string, patterns: readonly RegExp[]): string | undefined {
  for (const p of patterns) {
    const m = p.exec(normalized);
    if (m) return m[0];
  }
  return undefined;
}

/** The rules that refuse the question (empty: answer it). */
export function refusals(e: ScopeEvidence, o: ScopeOptions): { rule: string; reason: string }[] {
  const out: { rule: string; reason: string }[] = [];
  for (const r of scopeRules) {
    const reason = r.refuses(e, o);
    if (reason !== undefined) out.push({ rule: r.name, reason });
  }
  return out;
}

/**
 * True when the text holds a question at all: some word that is not a stopword, a number or an
 * interview-answer word — or answer words asked about (新闻记者要本科吗 carries a question marker).
 */
export function hasQuestion(a: Analysed, answerWords: ReadonlySet<string>, markers: readonly string[]): boolean {
  if (a.tokens.plain.some((w) => !answerWords.has(w) && !/^[\d.]+$/.test(w) && !/^[a-z]$/.test(w))) return true;
  return a.tokens.plain.length >= 2 && markers.some((m) => a.normalized.includes(m));
}
