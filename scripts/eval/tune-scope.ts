/**
 * `npx tsx scripts/eval/tune-scope.ts [--fresh]`: choose the scope model's training settings and the
 * rules' thresholds by cross-validation over the training sets (never the blind ones). The evidence
 * of every question is computed once and cached in the OS temp folder (`--fresh` recomputes it);
 * then each grid point trains 5 fold models and scores every question with the model that did not
 * see its set. Prints, per grid point: top-1 on the in-scope questions and the share of off-topic
 * answered (labelled sets, probe sets).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPolicy } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { inScopeProbability, refusals, defaultScopeOptions, type ScopeOptions, type ScopeModel, type Unknown } from '../../src/knowledge/scope.js';
import { trainScopeModel, defaultTrainOptions, type Example, type TrainOptions } from '../../src/knowledge/scope-train.js';
import type { Hit } from '../../src/knowledge/rank.js';
import { expected, readSets } from './sets.js';

interface Item {
  set: string;
  expect: string[];
  features: string[];
  hits: readonly Hit[];
  unknown: Unknown;
  places: 'elsewhere' | 'both' | 'none';
  hasContent: boolean;
  key: string;
}
const cacheFile = path.join(os.tmpdir(), 'zhicheng-scope-evidence.json');
const training = readSets().filter((s) => s.train);
let cache: { phrasings: Example[]; items: Item[] };
if (existsSync(cacheFile) && !process.argv.includes('--fresh')) cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
else {
  const placeholder: ScopeModel = { version: 1, trainedOn: { inScope: 1, offTopic: 1, date: '' }, bias: 0, weights: {} };
  const kb = loadKnowledge(loadPolicy(), undefined, { holdOut: training.flatMap((s) => s.items.map((q) => q.question)), scopeModel: placeholder });
  const items = training.flatMap((s) => s.items.map((q) => ({ set: s.file, expect: expected(q), key: kb.normalize(q.question) + '|' + (q.expect === null), ...kb.evidence(q.question) })));
  cache = { phrasings: kb.phrasingExamples(), items };
  writeFileSync(cacheFile, JSON.stringify(cache));
}
const FOLDS = 5;
const foldOf = new Map(training.map((s, i) => [s.file, i % FOLDS]));

const variant = process.argv.find((a) => a.startsWith('--variant='))?.slice(10) ?? '';
/** Feature variants under study (the chosen one moves into scope.ts). */
function featuresOf(it: Item): string[] {
  let f = it.features;
  if (variant.includes('cum')) {
    f = f.filter((x) => !/^\?[sm]\d/.test(x));
    const top = it.hits[0]?.score ?? 0;
    const m = top - (it.hits[1]?.score ?? 0);
    for (let t = 1; t <= 10; t++) if (top >= t / 10) f.push('?s>=' + t);
    for (let t = 1; t <= 5; t++) if (m >= t / 20) f.push('?m>=' + t);
  }
  if (variant.includes('nobigram')) f = f.filter((x) => !x.startsWith('#'));
  if (variant.includes('nowords')) f = f.filter((x) => !x.startsWith('w:'));
  return f;
}

function run(train: TrainOptions, scope: ScopeOptions): string {
  const models = Array.from({ length: FOLDS }, (_, k) => {
    const seen = new Set<string>();
    const ex = [...cache.phrasings];
    for (const it of cache.items) {
      if (foldOf.get(it.set) === k || seen.has(it.key)) continue;
      seen.add(it.key);
      ex.push({ features: featuresOf(it), inScope: it.expect.length > 0 });
    }
    return trainScopeModel(ex, '', train);
  });
  let right = 0, inScope = 0, offAns = 0, off = 0, probeAns = 0, probes = 0, ranked = 0;
  const perSet = new Map<string, [number, number]>();
  for (const it of cache.items) {
    const p = inScopeProbability(models[foldOf.get(it.set)!]!, featuresOf(it));
    const found = refusals({ hasContent: it.hasContent, probability: p, hits: it.hits, unknown: it.unknown, places: it.places }, scope).length === 0;
    if (it.expect.length) {
      inScope++;
      const ok = found && it.expect.includes(it.hits[0]?.id ?? '');
      if (ok) right++;
      if (it.expect.includes(it.hits[0]?.id ?? '')) ranked++;
      const ps = perSet.get(it.set) ?? [0, 0];
      perSet.set(it.set, [ps[0] + (ok ? 1 : 0), ps[1] + 1]);
    } else if (it.set.startsWith('eval/')) {
      off++;
      if (found) offAns++;
    } else {
      probes++;
      if (found) probeAns++;
    }
  }
  const worst = [...perSet].map(([f, [a, b]]) => [f.replace(/^eval\/|\.jsonl$/g, ''), (100 * a) / b] as const).sort((x, y) => x[1] - y[1]).slice(0, 4);
  return `ranked ${((100 * ranked) / inScope).toFixed(2)}% worst ${worst.map(([f, x]) => `${f} ${x.toFixed(1)}`).join(', ')}\n  top-1 ${((100 * right) / inScope).toFixed(2)}% (${right}/${inScope})  off-topic answered ${offAns}/${off}  probes ${probeAns}/${probes} (${((100 * probeAns) / probes).toFixed(2)}%)`;
}

const grid = process.argv.slice(2).filter((a) => a.includes('='));
const train = { ...defaultTrainOptions };
const scope = { ...defaultScopeOptions };
for (const a of grid) {
  const [k, v] = a.split('=');
  if (k! in train) (train as Record<string, number>)[k!] = Number(v);
  else (scope as Record<string, number>)[k!] = Number(v);
}
console.log(JSON.stringify({ ...train, ...scope }), run(train, scope));
