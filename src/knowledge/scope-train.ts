/**
 * Training the scope model: an L2-regularised logistic regression over sparse binary features,
 * fitted by Adagrad SGD in a fixed (seeded) order so the committed model is reproducible. The two
 * classes are weighted to count equally. Used by scripts/train-scope.ts and the evaluation's
 * cross-validation; the bot itself only loads the result.
 */
import type { ScopeModel } from './scope.js';

/** One labelled example: its features and whether it is in scope. */
export interface Example {
  features: readonly string[];
  inScope: boolean;
}

/** Training settings. */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update. */
  l2: number;
  /** Weights smaller than this are dropped from the model (keeps the file small). */
  prune: number;
}

export const defaultTrainOptions: TrainOptions = { epochs: 12, learningRate: 0.3, l2: 1e-3, prune: 0.03 };

/** A small deterministic PRNG (mulberry32), for the example order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fit the model; `date` is recorded in it. */
export function trainScopeModel(examples: readonly Example[], date: string, o: TrainOptions = defaultTrainOptions): ScopeModel {
  const pos = examples.filter((e) => e.inScope).length;
  const neg = examples.length - pos;
  if (pos === 0 || neg === 0) throw new Error('the scope model needs examples of both classes');
  // Balanced classes: each class weighs half of the total.
  const weightOf = (e: Example) => (e.inScope ? examples.length / (2 * pos) : examples.length / (2 * neg));
  const w = new Map<string, number>();
  const g2 = new Map<string, number>();
  let bias = 0;
  let biasG2 = 0;
  const order = examples.map((_, i) => i);
  const rand = prng(20);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = examples[k]!;
      let x = bias;
      for (const f of e.features) x += w.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-x));
      const grad = (p - (e.inScope ? 1 : 0)) * weightOf(e);
      biasG2 += grad * grad;
      bias -= (o.learningRate * grad) / Math.sqrt(biasG2 + 1e-8);
      for (const f of e.features) {
        const old = w.get(f) ?? 0;
        const g = grad + o.l2 * old;
        const acc = (g2.get(f) ?? 0) + g * g;
        g2.set(f, acc);
        w.set(f, old - (o.learningRate * g) / Math.sqrt(acc + 1e-8));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, v] of [...w.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(v) >= o.prune) weights[f] = Math.round(v * 1000) / 1000;
  return { version: 1, trainedOn: { inScope: pos, offTopic: neg, date }, bias: Math.round(bias * 1000) / 1000, weights };
}
