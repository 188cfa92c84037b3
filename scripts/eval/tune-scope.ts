/**
 * `npx tsx scripts/eval/tune-scope.ts [--fresh] [--show] [key=value …] [thresholds=0.3,0.4,0.5]`:
 * choose the scope model's training settings and the rules' thresholds by cross-validation over the
 * training sets (never the blind ones). The evidence of every question is computed once and cached
 * in the OS temp folder (`--fresh` recomputes it, needed after changing features or the knowledge);
 * then 5 fold models are trained (each without a fifth of the sets) and every question is scored by
 * the model that did not see its set. Prints, per threshold (the trade-off curve): top-1 on the
 * in-scope questions (all sets; the worst sets; the sets written blind from the probe brief) and the
 * share of off-topic questions answered (all labelled sets; those blind-written sets; probe sets).
 * `--show` lists the blind-written sets' misses at the first threshold (tuned sets only).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadPolicy, PROJECT_ROOT } from '../../src/policy/load.js';
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
  instruction?: string;
  key: string;
  text: string;
  question: string;
}
// One cache per checkout: several worktrees may tune at once.
const cacheFile = path.join(os.tmpdir(), `zhicheng-scope-evidence-${createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 8)}.json`);
const training = readSets().filter((s) => s.train);
let cache: { phrasings: (Example & { text: string; hits: Hit[] })[]; items: Item[] };
if (existsSync(cacheFile) && !process.argv.includes('--fresh')) cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
else {
  const placeholder: ScopeModel = { version: 1, trainedOn: { inScope: 1, offTopic: 1, date: '' }, bias: 0, weights: {} };
  const kb = loadKnowledge(loadPolicy(), undefined, { holdOut: training.flatMap((s) => s.items.map((q) => q.question)), scopeModel: placeholder });
  const items = training.flatMap((s) =>
    s.items.map((q) => ({ set: s.file, expect: expected(q), key: kb.normalize(q.question) + '|' + (q.expect === null), question: q.question, ...kb.evidence(q.question) })),
  );
  cache = { phrasings: kb.phrasingExamples(), items };
  writeFileSync(cacheFile, JSON.stringify(cache));
}
const FOLDS = 5;
const foldOf = new Map(training.map((s, i) => [s.file, i % FOLDS]));
/** Sets written blind from the same brief as the blind probe sets: the figures closest to a blind run. */
const blindWritten = (set: string) => /eval\/(blind-\d|train-\d)/.test(set);

const variant = process.argv.find((a) => a.startsWith('--variant='))?.slice(10) ?? '';
const HAN = /\p{Script=Han}/u;
/** Feature variants under study (the chosen one moves into scope.ts). */
function featuresOf(it: { features: readonly string[]; text: string; hits?: readonly Hit[] }): string[] {
  let f = [...it.features];
  if (variant.includes('xbi')) {
    const s = [...it.text].filter((c) => HAN.test(c)).join('');
    const extra = new Set<string>();
    for (let i = 0; i + 1 < s.length; i++) extra.add('%' + s.slice(i, i + 2));
    f = [...f, ...extra];
  }
  if (variant.includes('tri')) {
    const s = [...it.text].filter((c) => HAN.test(c)).join('');
    const extra = new Set<string>();
    for (let i = 0; i + 2 < s.length; i++) extra.add('%' + s.slice(i, i + 3));
    f = [...f, ...extra];
  }
  if (variant.includes('ends')) {
    const s = [...it.text].filter((c) => HAN.test(c)).join('');
    f = [...f, '^' + s.slice(0, 2), '$' + s.slice(-2)];
  }
  const top = it.hits?.[0]?.id ?? '';
  const share = f.find((x) => /^\?(u\d|nosalient)$/.test(x)) ?? '';
  if (variant.includes('uent')) f = [...f, share + '>' + top];
  if (variant.includes('unkent') && f.includes('?unk')) f = [...f, '?unk>' + top];
  if (variant.includes('went')) f = [...f, ...f.filter((x) => x.startsWith('w:')).map((x) => x + '>' + top)];
  if (variant.includes('nobigram')) f = f.filter((x) => !x.startsWith('#'));
  return f;
}

const grid = process.argv.slice(2).filter((a) => a.includes('=') && !a.startsWith('--'));
const train: TrainOptions = { ...defaultTrainOptions };
const scope: ScopeOptions = { ...defaultScopeOptions };
let thresholds = [scope.threshold];
for (const a of grid) {
  const [k, v] = a.split('=');
  if (k === 'thresholds') thresholds = v!.split(',').map(Number);
  else if (k! in train) (train as unknown as Record<string, number>)[k!] = Number(v);
  else (scope as unknown as Record<string, number>)[k!] = Number(v);
}

const phrasings = cache.phrasings.map((p) => ({ features: featuresOf(p), inScope: true }));
if (variant.match(/uent|unkent|went/) && !('hits' in (cache.phrasings[0] ?? {}))) console.log('note: phrasings carry no hits (rerun with --fresh)');
const itemFeatures = cache.items.map((it) => featuresOf(it));
const nbPrefix = process.env.NB_WORDS ? /^w:/ : /^(w:|%)/;
const alpha = Number(process.env.NB_ALPHA ?? 1);
/** Naive-Bayes evidence: per lexical feature, log-odds of off-topic (class-balanced, smoothed); `own` subtracted (leave one out). */
function nbFeature(counts: { pos: Map<string, number>; neg: Map<string, number>; P: number; N: number }, f: readonly string[], inScope?: boolean): string[] {
  let m = -Infinity;
  for (const x of f) {
    if (!nbPrefix.test(x)) continue;
    const pos = (counts.pos.get(x) ?? 0) - (inScope === true ? 1 : 0);
    const neg = (counts.neg.get(x) ?? 0) - (inScope === false ? 1 : 0);
    const P = counts.P - (inScope === true ? 1 : 0);
    const N = counts.N - (inScope === false ? 1 : 0);
    if (neg + pos < 2) continue;
    const lo = Math.log((neg + alpha) / (N + 2 * alpha)) - Math.log((pos + alpha) / (P + 2 * alpha));
    if (lo > m) m = lo;
  }
  const b = m === -Infinity ? 'x' : String(Math.max(0, Math.min(6, Math.floor(m))));
  const score = f.find((x) => /^\?s\d$/.test(x)) ?? '';
  return ['?ow' + b, '?ow' + b + score];
}
const models = Array.from({ length: FOLDS }, (_, k) => {
  const seen = new Set<string>();
  const ex: Example[] = [...phrasings];
  cache.items.forEach((it, i) => {
    if (foldOf.get(it.set) === k || seen.has(it.key)) return;
    seen.add(it.key);
    ex.push({ features: itemFeatures[i]!, inScope: it.expect.length > 0 });
  });
  if (!variant.includes('nb')) return { model: trainScopeModel(ex, '', train) };
  const counts = { pos: new Map<string, number>(), neg: new Map<string, number>(), P: 0, N: 0 };
  for (const e of ex) {
    const m = e.inScope ? counts.pos : counts.neg;
    if (e.inScope) counts.P++;
    else counts.N++;
    for (const x of new Set(e.features)) if (nbPrefix.test(x)) m.set(x, (m.get(x) ?? 0) + 1);
  }
  const aug = ex.map((e) => ({ features: [...e.features, ...nbFeature(counts, e.features, e.inScope)], inScope: e.inScope }));
  return { model: trainScopeModel(aug, '', train), counts };
});
const probability = cache.items.map((it, i) => {
  const m = models[foldOf.get(it.set)!]!;
  const f = m.counts ? [...itemFeatures[i]!, ...nbFeature(m.counts, itemFeatures[i]!)] : itemFeatures[i]!;
  return inScopeProbability(m.model, f);
});

const pc = (a: number, b: number) => `${a}/${b} ${((100 * a) / b).toFixed(2)}%`;
console.log(JSON.stringify({ variant, ...train, ...scope, threshold: undefined }));
for (const threshold of thresholds) {
  const o = { ...scope, threshold };
  let right = 0, inScope = 0, offAns = 0, off = 0, probeAns = 0, probes = 0, bRight = 0, bIn = 0, bAns = 0, bOff = 0;
  const perSet = new Map<string, [number, number]>();
  const show: string[] = [];
  cache.items.forEach((it, i) => {
    const p = probability[i]!;
    const refused = refusals({ hasContent: it.hasContent, probability: p, hits: it.hits, unknown: it.unknown, places: it.places, instruction: it.instruction }, o);
    const found = refused.length === 0;
    const b = blindWritten(it.set);
    if (it.expect.length) {
      inScope++;
      const ok = found && it.expect.includes(it.hits[0]?.id ?? '');
      if (ok) right++;
      if (b) {
        bIn++;
        if (ok) bRight++;
        else if (!found) show.push(`IN  ${p.toFixed(2)} ${it.question} → ${refused.map((r) => r.rule).join(',')} (${it.expect.join(',')})`);
      }
      const ps = perSet.get(it.set) ?? [0, 0];
      perSet.set(it.set, [ps[0] + (ok ? 1 : 0), ps[1] + 1]);
    } else if (it.set.startsWith('eval/')) {
      off++;
      if (found) offAns++;
      if (b) {
        bOff++;
        if (found) {
          bAns++;
          show.push(`OFF ${p.toFixed(2)} ${it.question} → ${it.hits[0]?.id} [${it.unknown.words.join(" ")} ${it.unknown.share.toFixed(2)} ${it.places}]`);
        }
      }
    } else {
      probes++;
      if (found) probeAns++;
    }
  });
  const rates = [...perSet].map(([f, [a, b]]) => [f.replace(/^eval\/|\.jsonl$/g, ''), (100 * a) / b] as const).sort((x, y) => x[1] - y[1]);
  const under = rates.filter(([, x]) => x < 95).length;
  const bSets = rates.filter(([f]) => blindWritten('eval/' + f)).map(([f, x]) => `${f.replace('-inscope', '')} ${x.toFixed(1)}`);
  console.log(
    `t=${threshold}  top-1 ${pc(right, inScope)}  sets<95%: ${under} (worst ${rates.slice(0, 3).map(([f, x]) => `${f} ${x.toFixed(1)}`).join(', ')})` +
      `\n   blind-written: in ${pc(bRight, bIn)} [${bSets.join(', ')}]  off answered ${pc(bAns, bOff)}` +
      `\n   all labelled off answered ${pc(offAns, off)}  probes ${pc(probeAns, probes)}`,
  );
  if (process.argv.includes('--show') && threshold === thresholds[0]) console.log(show.sort().join('\n'));
}
