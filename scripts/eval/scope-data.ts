/** Training examples for the scope model from the knowledge base and labelled sets (train-scope.ts, eval.ts). */
import type { KnowledgeBaseInternals } from '../../src/knowledge/index.js';
import type { Example } from '../../src/knowledge/scope-train.js';
import type { LabelledSet } from './sets.js';

/** Computes each example once (features cost a ranking each), so cross-validation folds reuse them. */
export class ExampleCache {
  private phrasings?: Example[];
  private readonly bySet = new Map<string, Example[]>();

  constructor(private readonly kb: KnowledgeBaseInternals) {}

  /** The phrasings (each left out of its own ranking) plus every question of `sets`, each normalized text once per label. */
  examples(sets: readonly LabelledSet[]): Example[] {
    this.phrasings ??= this.kb.phrasingExamples();
    const out = [...this.phrasings];
    const seen = new Set<string>();
    for (const s of sets) {
      let ex = this.bySet.get(s.file);
      if (!ex) {
        ex = s.items.map((q) => ({ ...this.kb.example(q.question, q.expect !== null), key: this.kb.normalize(q.question) + '|' + (q.expect === null) }));
        this.bySet.set(s.file, ex);
      }
      for (const e of ex as (Example & { key: string })[]) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        out.push(e);
      }
    }
    return out;
  }
}
