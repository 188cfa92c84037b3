/**
 * `npm run eval`: the policy Q&A beside node-nlp on every labelled set of
 * tests/fixtures/eval/manifest.yaml — top-1 accuracy on the in-scope questions and the share of
 * off-topic questions answered — plus our latency.
 *
 * The train/test split: any title or phrasing equal to a test question is held out of both systems'
 * training data. The scope model is trained on the sets marked `train: true`; each of them is scored
 * by a model trained without it (5-fold cross-validation by set), so no figure comes from a question
 * the model has seen. Blind sets (`blind: true`) are reported apart; they are never trained on.
 *
 *   npm run eval                              every set in the manifest
 *   npm run eval -- --only a.jsonl,b.jsonl    only these files (e.g. a new blind set outside the repo)
 *   npm run eval -- --verbose                 also list our misses
 *   npm run eval:stress                       only the off-topic probe sets (tests/fixtures/stress/), still cross-validated
 */
import path from 'node:path';
import { loadPolicy } from '../src/policy/load.js';
import { loadKnowledge, type Answer } from '../src/knowledge/index.js';
import { trainScopeModel } from '../src/knowledge/scope-train.js';
import type { ScopeModel } from '../src/knowledge/scope.js';
import { nodeNlp, type Phrasing } from './eval/baselines.js';
import { ExampleCache } from './eval/scope-data.js';
import { expected, readLabelled, readSets, type LabelledSet } from './eval/sets.js';

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [];
const probesOnly = argv.includes('--probes');
const NOW = '2024-10-12';
const FOLDS = 5;

const manifest = readSets();
const training = manifest.filter((s) => s.train);
const evaluated: LabelledSet[] = only.length
  ? only.map((f) => {
      const items = readLabelled(path.resolve(f));
      return { file: f, note: '命令行指定的集合（不参与训练）', author: '', written: '', questions: items.length, offTopic: items.filter((q) => q.expect === null).length, tuned: false, train: false, blind: true, items };
    })
  : manifest.filter((s) => !probesOnly || s.file.startsWith('stress/'));

const policy = loadPolicy();
const allQuestions = [...manifest, ...evaluated].flatMap((s) => s.items.map((q) => q.question));
const placeholder: ScopeModel = { version: 1, trainedOn: { inScope: 1, offTopic: 1, date: '' }, bias: 0, weights: {} };
const kb = loadKnowledge(policy, undefined, { holdOut: allQuestions, scopeModel: placeholder });
const known = new Set(kb.data.entries.map((e) => e.id));
for (const s of evaluated) for (const q of s.items) for (const e of expected(q)) if (!known.has(e)) throw new Error(`${s.file} ${q.id}: unknown entry ${e}`);

// Scope models: one per fold of the training sets (each scores the sets it was not trained on), one on all of them.
const t0 = performance.now();
const date = new Date().toISOString().slice(0, 10);
const foldOf = new Map(training.map((s, i) => [s.file, i % FOLDS]));
const cache = new ExampleCache(kb);
const models: ScopeModel[] = [];
if (!only.length) for (let k = 0; k < FOLDS; k++) models.push(trainScopeModel(cache.examples(training.filter((s) => foldOf.get(s.file) !== k)), date));
const full = trainScopeModel(cache.examples(training), date);
const modelFor = (s: LabelledSet) => (foldOf.has(s.file) && !only.length ? models[foldOf.get(s.file)!]! : full);
process.stderr.write(`scope models trained in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

// node-nlp learns from the same phrasings (titles included), minus those held out.
const heldOut = new Set(allQuestions.map((q) => kb.normalize(q)));
const rows: Phrasing[] = kb.data.entries
  .flatMap((e) => [e.title, ...e.questions, ...(e.notInDocuments?.phrasings ?? [])].map((text) => ({ entry: e.id, text })))
  .filter((r) => !heldOut.has(kb.normalize(r.text)));
const nlp = await nodeNlp(rows);

/** The entry an answer gives (an honest "not in the documents" still names its entry), or undefined. */
const entryOf = (a: Answer) => (a.found || a.notInDocuments ? a.entry : undefined);

interface Score {
  right: number;
  inScope: number;
  answered: number;
  offTopic: number;
}
const zero = (): Score => ({ right: 0, inScope: 0, answered: 0, offTopic: 0 });
const add = (a: Score, b: Score) => ({ right: a.right + b.right, inScope: a.inScope + b.inScope, answered: a.answered + b.answered, offTopic: a.offTopic + b.offTopic });
const tally = (s: Score, expect: string[], got: string | undefined) => {
  if (expect.length === 0) {
    s.offTopic++;
    if (got !== undefined) s.answered++;
  } else {
    s.inScope++;
    if (got !== undefined && expect.includes(got)) s.right++;
  }
};
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const cell = (s: Score) => `${s.inScope ? `${pct(s.right, s.inScope)} (${s.right}/${s.inScope})` : '—'} | ${s.offTopic ? `${s.answered} / ${s.offTopic}（${pct(s.answered, s.offTopic)}）` : '—'}`;

const times: number[] = [];
const groups = { blind: [zero(), zero()], inScopeSets: [zero(), zero()], probes: [zero(), zero()] };
const lines: string[] = [];
const misses: string[] = [];
for (const s of evaluated) {
  kb.useScopeModel(modelFor(s));
  const ours = zero();
  const theirs = zero();
  for (const q of s.items) {
    // CPU time, not wall time: on a shared machine the wall clock mostly measures waiting for a core.
    const t = process.cpuUsage();
    const a = kb.ask(q.question, NOW);
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
    const got = entryOf(a);
    tally(ours, expected(q), got);
    tally(theirs, expected(q), await nlp.predictAsync(q.question));
    const wrong = q.expect === null ? got !== undefined : !expected(q).includes(got ?? '');
    if (verbose && wrong) misses.push(`${s.file} ${q.id} ${q.question} → ${got ?? '无答案'}（应为 ${q.expect ?? '无答案'}）\n    ${kb.explain(q.question).split('\n').slice(1).join('\n    ')}`);
  }
  const g = s.blind ? groups.blind : ours.inScope === 0 ? groups.probes : groups.inScopeSets;
  g[0] = add(g[0]!, ours);
  g[1] = add(g[1]!, theirs);
  const how = s.blind ? '盲测' : s.train ? '交叉验证' : '已调参';
  lines.push(`| ${s.file} | ${how} | ${cell(ours)} | ${cell(theirs)} |`);
}

const sorted = [...times].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
console.log(`知识条目 ${kb.data.entries.length} 个；node-nlp 与本项目用同样的 ${rows.length} 条问法训练（与评测题相同的问法都不参与）。提问日期 ${NOW}。`);
console.log(`范围模型：在标为 train 的 ${training.length} 个集合上按集合 ${FOLDS} 折交叉验证（每个集合由没见过它的模型判断）；盲测集不参与训练。\n`);
console.log('| 集合 | 本项目的数字 | 本项目 top-1 | 本项目 范围外被回答 | node-nlp top-1 | node-nlp 范围外被回答 |');
console.log('|---|---|---|---|---|---|');
for (const l of lines) console.log(l);
console.log('');
const sum = (name: string, [a, b]: Score[]) => a!.inScope + a!.offTopic > 0 && console.log(`| ${name} | ${cell(a!)} | ${cell(b!)} |`);
console.log('| 合计 | 本项目 top-1 | 本项目 范围外被回答 | node-nlp top-1 | node-nlp 范围外被回答 |');
console.log('|---|---|---|---|---|');
sum('有范围内问题的集合（已调参，交叉验证）', groups.inScopeSets);
sum('范围外探针集（已调参，交叉验证）', groups.probes);
sum('**盲测集**', groups.blind);
console.log(`\n本项目每个问题的 CPU 时间：p50 ${q(50).toFixed(3)} ms，p99 ${q(99).toFixed(3)} ms（${times.length} 个问题，含范围判断；机器负载 ${(await import('node:os')).loadavg()[0]!.toFixed(1)}）`);
if (verbose) console.log('\n本项目的错误：\n' + misses.join('\n'));
