/**
 * `npx tsx scripts/eval/tune.ts`: k-fold cross-validation of the gate thresholds and ranking knobs
 * on tests/fixtures/eval/dev.jsonl only (the sealed holdout is never read here). For each fold the
 * grid point with the best objective on the other folds is scored on the held-out fold; the sum
 * estimates how the chosen settings do on unseen questions. Prints the estimate and the grid
 * point that is best on the whole dev set (the one to put in defaultRetrieverOptions).
 * Objective: right answers − 4 × off-topic answered − 0.5 × wrong answers (an off-topic answer is
 * the worst outcome, a wrong one worse than an honest "no answer").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicy, PROJECT_ROOT } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { RetrieverOptions } from '../../src/knowledge/retrieve.js';

interface Labelled {
  id: string;
  question: string;
  expect: string | string[] | null;
}
const dev = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Labelled);
const K = 5;
const policy = loadPolicy();

const grid: Partial<RetrieverOptions>[] = [];
for (const minScore of [0.15, 0.2, 0.25])
  for (const minScoreWeak of [0.3, 0.35, 0.4, 0.45])
    for (const strongScore of [0.8, 0.9, 1.0])
      for (const conceptMiss of [0, 0.2, 0.4, 0.6])
        grid.push({ minScore, minScoreWeak, strongScore, conceptMiss });

// Every knob in the grid is read per search: build once and change the live options.
const kb = loadKnowledge(policy, undefined, { holdOut: dev.map((q) => q.question) });
const base = { ...kb.options };

/** Outcome per question: +1 right, -0.5 wrong, -4 off-topic answered, 0 honest no-answer. */
function outcomes(opts: Partial<RetrieverOptions>): number[] {
  Object.assign(kb.options, base, opts);
  return dev.map((q) => {
    const r = kb.search(q.question);
    const got = r.found ? r.hits[0]?.id : undefined;
    if (q.expect === null) return got === undefined ? 0 : -4;
    if (got === undefined) return 0;
    const want = Array.isArray(q.expect) ? q.expect : [q.expect];
    return want.includes(got) ? 1 : -0.5;
  });
}

const table = grid.map(outcomes);
const fold = (i: number) => i % K;
const sum = (row: number[], keep: (i: number) => boolean) => row.reduce((a, x, i) => (keep(i) ? a + x : a), 0);
let cvRight = 0;
let cvOff = 0;
let cvWrong = 0;
for (let k = 0; k < K; k++) {
  let best = 0;
  table.forEach((row, g) => {
    if (sum(row, (i) => fold(i) !== k) > sum(table[best]!, (i) => fold(i) !== k)) best = g;
  });
  table[best]!.forEach((x, i) => {
    if (fold(i) !== k) return;
    if (x === 1) cvRight++;
    else if (x === -4) cvOff++;
    else if (x === -0.5 || (x === 0 && dev[i]!.expect !== null)) cvWrong++;
  });
}
const inScope = dev.filter((q) => q.expect !== null).length;
let best = 0;
table.forEach((row, g) => {
  if (sum(row, () => true) > sum(table[best]!, () => true)) best = g;
});
console.log(`${K} 折交叉验证（dev.jsonl ${dev.length} 问，网格 ${grid.length} 点）：top-1 ${((100 * cvRight) / inScope).toFixed(1)}% (${cvRight}/${inScope})，范围外被回答 ${cvOff}，答错或拒答 ${cvWrong}`);
console.log(`全量开发集上最好的设置：${JSON.stringify(grid[best])}，目标值 ${sum(table[best]!, () => true)}`);
