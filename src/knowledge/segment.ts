/**
 * Word segmentation with @node-rs/jieba (loaded once, lazily, ~200 ms) plus character bigrams,
 * which keep a question matchable when jieba cuts it differently from the knowledge file.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

let jieba: Jieba | undefined;
const addedWords = new Set<string>();

/**
 * The native module and its 5 MB dictionary are required on first use, not at import: importing
 * the knowledge module must stay cheap so the terminal chat can greet before the index is built.
 */
function createJieba(): Jieba {
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
  return JiebaClass.withDict(dict);
}

/** The shared jieba instance; extra domain words are added once each. */
export function getJieba(userWords: readonly string[] = []): Jieba {
  if (!jieba) jieba = createJieba();
  const fresh = userWords.filter((w) => !addedWords.has(w));
  if (fresh.length) {
    // A high frequency makes jieba prefer the whole domain term over its pieces.
    jieba.loadDict(Buffer.from(fresh.map((w) => `${w} 20000 n`).join('\n') + '\n'));
    for (const w of fresh) addedWords.add(w);
  }
  return jieba;
}

let tfidf: import('@node-rs/jieba').TfIdf | undefined;
const idfMemo = new Map<string, number>();
/** Median of jieba's IDF table: the value it gives a word it does not know. */
const UNKNOWN_IDF = 11.7;

/**
 * IDF of a word in general Chinese text (jieba's built-in table, ~270k words, loaded natively on
 * first use): how salient a word is regardless of the knowledge file. Unknown words get the median.
 */
export function generalIdf(word: string): number {
  let v = idfMemo.get(word);
  if (v !== undefined) return v;
  if (!tfidf) {
    const require = createRequire(import.meta.url);
    const { TfIdf } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { idf } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    tfidf = TfIdf.withDict(idf);
    tfidf.setConfig({ minKeywordLength: 1, stopWords: new Set() });
  }
  // A one-word text's TF-IDF weight is the word's IDF (the library exposes no direct lookup).
  const k = tfidf.extractKeywords(getJieba(), word, 2);
  // A word the table lacks is re-cut into known parts (多少钱 → 多少 + 钱): take its most salient part.
  v = k.length === 0 ? UNKNOWN_IDF : Math.max(...k.map((x) => x.weight)) * k.length;
  if (idfMemo.size > 50_000) idfMemo.clear();
  idfMemo.set(word, v);
  return v;
}

/** Tokens of one normalized text. */
export interface Tokens {
  /** Words (search mode: a long word also yields its parts), stopwords removed. */
  words: string[];
  /** Character bigrams inside each word, prefixed with "#". */
  bigrams: string[];
  /** Words of the plain cut, stopwords removed (used to judge whether there is a question at all). */
  plain: string[];
  /** Character offsets where a segment of the plain cut starts or ends (for whole-segment matching). */
  boundaries: Set<number>;
}

const CJK = /\p{Script=Han}/u;

/** Segment a normalized text into words and bigrams, dropping stopwords. */
export function tokenize(text: string, stopwords: ReadonlySet<string>, userWords: readonly string[] = []): Tokens {
  const j = getJieba(userWords);
  const keep = (w: string) => w.trim() !== '' && !stopwords.has(w);
  const cut = j.cut(text, true);
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const w of cut) {
    at += w.length;
    boundaries.add(at);
  }
  const plain = cut.filter(keep);
  const words = j.cutForSearch(text, true).filter(keep);
  const bigrams: string[] = [];
  // Bigrams inside each word only: measured, bigrams across words added noise (硕士认定 → 士认
  // matching 博士认定) without gaining accuracy.
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) bigrams.push('#' + run.slice(i, i + 2));
    run = '';
  };
  for (const w of plain) {
    if ([...w].every((c) => CJK.test(c))) {
      run += w;
      flush();
    } else flush();
  }
  flush();
  return { words, bigrams, plain, boundaries };
}

/** True when `term` occurs in `text` as whole segments (starts and ends on segment boundaries), or is one of the search-mode words. */
export function mentionsSegment(text: string, t: Tokens, term: string): boolean {
  if (t.words.includes(term)) return true;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    if (t.boundaries.has(i) && t.boundaries.has(i + term.length)) return true;
  }
  return false;
}
