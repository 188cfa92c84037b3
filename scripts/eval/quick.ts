/**
 * `npx tsx scripts/eval/quick.ts [--verbose]`: our figures only (no node-nlp), per set,
 * cross-validated like `npm run eval` — the tuning loop. Prints the blind sets, the sets under 95 %
 * in scope or over 2 % off-topic answered, the totals and (--verbose) every miss. Settings can be
 * tried without editing code: TRAIN='{"l2":0.003}', SCOPE='{"threshold":0.3}', RANK='{"focusMinWords":8}'.
 */
import { loadPolicy } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { trainScopeModel, defaultTrainOptions } from '../../src/knowledge/scope-train.js';
import type { ScopeModel } from '../../src/knowledge/scope.js';
import { ExampleCache } from './scope-data.js';
import { expected, readSets } from './sets.js';

const verbose = process.argv.includes('--verbose');
const NOW = '2024-10-12';
const FOLDS = 5;
const sets = readSets();
const training = sets.filter((s) => s.train);
const placeholder: ScopeModel = { version: 1, trainedOn: { inScope: 1, offTopic: 1, date: '' }, bias: 0, weights: {} };
const kb = loadKnowledge(loadPolicy(), undefined, { holdOut: sets.flatMap((s) => s.items.map((q) => q.question)), scopeModel: placeholder });
const foldOf = new Map(training.map((s, i) => [s.file, i % FOLDS]));
const cache = new ExampleCache(kb);
const to = { ...defaultTrainOptions, ...JSON.parse(process.env.TRAIN ?? '{}') };
Object.assign(kb.options.scope, JSON.parse(process.env.SCOPE ?? '{}'));
Object.assign(kb.options.rank, JSON.parse(process.env.RANK ?? '{}'));
const models = Array.from({ length: FOLDS }, (_, k) => trainScopeModel(cache.examples(training.filter((s) => foldOf.get(s.file) !== k)), '', to));
const full = trainScopeModel(cache.examples(training), '', to);
let right = 0, inScope = 0, answered = 0, off = 0;
const low: string[] = [];
const misses: string[] = [];
for (const s of sets) {
  kb.useScopeModel(foldOf.has(s.file) ? models[foldOf.get(s.file)!]! : full);
  let r = 0, n = 0, a = 0, o = 0;
  for (const q of s.items) {
    const ans = kb.ask(q.question, NOW);
    const got = ans.found || ans.notInDocuments ? ans.entry : undefined;
    const exp = expected(q);
    if (exp.length === 0) { o++; if (got) { a++; misses.push(`${s.file} OFF ${q.question} → ${got}`); } }
    else { n++; if (got && exp.includes(got)) r++; else misses.push(`${s.file} IN ${q.question} → ${got ?? '—'} (${exp.join(',')})`); }
  }
  right += r; inScope += n; answered += a; off += o;
  if (s.file.startsWith('eval/blind') || (n && r / n < 0.95) || (o && a / o > 0.02)) low.push(`${s.file}: ${n ? `${r}/${n} ${((100 * r) / n).toFixed(1)}%` : ''} ${o ? `off ${a}/${o}` : ''}`);
}
console.log(low.join('\n'));
console.log(`in scope ${right}/${inScope} ${((100 * right) / inScope).toFixed(2)}%  off-topic answered ${answered}/${off} ${((100 * answered) / off).toFixed(2)}%`);
if (verbose) console.log(misses.join('\n'));
