/**
 * The shared jieba segmenter (@node-rs/jieba, loaded once, lazily, ~200 ms) and general-Chinese IDF:
 * used by the knowledge base and by typos by sound (sound.ts), which the situational understanding uses too.
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
