/**
 * The two baselines the evaluation compares against, trained on exactly the same phrasings
 * as our index: MiniSearch with its default tokenizer, and node-nlp's NlpManager (language zh).
 * A third system, MiniSearch with our normaliser and tokenizer, shows what the ranking adds.
 */
import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';

/** A trained system: question → predicted entry id, or undefined for "no answer". */
export interface System {
  name: string;
  predict(question: string): string | undefined;
}

/** Training data: one row per phrasing (titles included, as in our index). */
export interface Phrasing {
  entry: string;
  text: string;
}

/** MiniSearch with default options; any hit counts as an answer (it has no confidence scale). */
export function miniSearchDefault(rows: Phrasing[]): System {
  const ms = new MiniSearch<{ id: number; text: string; entry: string }>({ fields: ['text'], storeFields: ['entry'] });
  ms.addAll(rows.map((r, id) => ({ id, ...r })));
  return {
    name: 'MiniSearch（默认分词）',
    predict: (q) => ms.search(q)[0]?.entry as string | undefined,
  };
}

/** MiniSearch given our normalise + jieba + bigram tokenizer, for both indexing and search. */
export function miniSearchTokenized(rows: Phrasing[], tokenize: (s: string) => string[]): System {
  const ms = new MiniSearch<{ id: number; text: string; entry: string }>({
    fields: ['text'],
    storeFields: ['entry'],
    tokenize,
    processTerm: (t) => t,
  });
  ms.addAll(rows.map((r, id) => ({ id, ...r })));
  return {
    name: 'MiniSearch + 本项目分词',
    predict: (q) => ms.search(q)[0]?.entry as string | undefined,
  };
}

interface NlpManagerLike {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
}

/** node-nlp NlpManager (zh) trained on the phrasings; its own "None" intent means no answer. */
export async function nodeNlp(rows: Phrasing[]): Promise<System & { predictAsync(q: string): Promise<string | undefined> }> {
  const require = createRequire(import.meta.url);
  const { NlpManager } = require('node-nlp') as { NlpManager: new (o: object) => NlpManagerLike };
  const manager = new NlpManager({ languages: ['zh'], forceNER: false, autoSave: false, nlu: { log: false, useNoneFeature: true } });
  for (const r of rows) manager.addDocument('zh', r.text, r.entry);
  await manager.train();
  const predictAsync = async (q: string) => {
    const r = await manager.process('zh', q);
    return r.intent && r.intent !== 'None' ? r.intent : undefined;
  };
  return { name: 'node-nlp（NlpManager, zh）', predict: () => undefined, predictAsync };
}
