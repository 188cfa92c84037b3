/**
 * The baseline the evaluation compares against, trained on exactly the same phrasings as our
 * index: node-nlp's NlpManager (language zh). (MiniSearch, compared until round 10, answered
 * 0–8% with its default tokenizer; docs/knowledge.md keeps those figures.)
 */
import { createRequire } from 'node:module';

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
