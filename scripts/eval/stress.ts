/**
 * `npm run eval:stress`: how many off-topic questions that borrow the domain's words (申报, 材料,
 * 截止, 账号, 社保 …) get a policy answer. Twelve probe sets of 200 out-of-scope questions each, written
 * blind by other engineers, about two thirds of them near the domain — harsher than applicants'
 * real traffic, which is what `npm run eval` samples. Same train/test split as the evaluation.
 * `--verbose` lists every question our system answered.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadPolicy, PROJECT_ROOT } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { nodeNlp, type Phrasing } from './baselines.js';

interface Probe {
  id: string;
  question: string;
}

const verbose = process.argv.includes('--verbose');
const dir = (d: string) => path.join(PROJECT_ROOT, 'tests/fixtures', d);
const read = (file: string): Probe[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Probe);
// What each probe set has been used for (docs/knowledge.md, round 10).
const labels: Record<string, string> = {
  'probe-1.jsonl': 'P1 近领域为主，已用于调参',
  'probe-2.jsonl': 'P2 县里申报群和人事的其他事务，已用于调参',
  'probe-3.jsonl': 'P3 首跑于 472bcf1 之后的工作版本（与 P4 合计 41/400），已用于调参',
  'probe-4.jsonl': 'P4 人社局前台、医院人事、学校办公室一年的其他问题，已用于调参',
  'probe-5.jsonl': 'P5 首跑 dca9040（与 P6 合计 33/400），已用于调参',
  'probe-6.jsonl': 'P6 人社局聊天助手会收到的其他问题，已用于调参',
  'probe-7.jsonl': 'P7 首跑 61fdaf0（与 P8 合计 41/400），已用于调参',
  'probe-8.jsonl': 'P8 首跑 61fdaf0，已用于调参',
  'probe-9.jsonl': 'P9 首跑 aa84fae（与 P10 合计 26/400），已用于调参',
  'probe-10.jsonl': 'P10 首跑 aa84fae，已用于调参',
  'probe-11.jsonl': 'P11 首跑 97c9c5b（与 P12 合计 22/400）',
  'probe-12.jsonl': 'P12 首跑 97c9c5b',
};
const probeFiles = readdirSync(dir('stress')).filter((f) => f.endsWith('.jsonl')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const probes = probeFiles.map((f) => [f, read(path.join(dir('stress'), f))] as const);

// Hold out every evaluation question and every probe from the index, as `npm run eval` does.
const evalQuestions = readdirSync(dir('eval')).filter((f) => f.endsWith('.jsonl')).flatMap((f) => read(path.join(dir('eval'), f)).map((q) => q.question));
const holdOut = [...evalQuestions, ...probes.flatMap(([, set]) => set.map((q) => q.question))];
const kb = loadKnowledge(loadPolicy(), undefined, { holdOut });
const heldOut = new Set(holdOut.map((q) => kb.normalize(q)));
const rows: Phrasing[] = kb.data.entries.flatMap((e) => [e.title, ...e.questions].map((text) => ({ entry: e.id, text }))).filter((r) => !heldOut.has(kb.normalize(r.text)));
const nlp = await nodeNlp(rows);

console.log('| 探针集 | 问题数 | 本项目回答了 | node-nlp 回答了 |');
console.log('|---|---|---|---|');
let ours = 0;
let theirs = 0;
let total = 0;
const answered: string[] = [];
for (const [file, set] of probes) {
  let a = 0;
  let b = 0;
  for (const q of set) {
    const r = kb.ask(q.question, '2024-10-12');
    if (r.found) {
      a++;
      answered.push(`${q.id} ${q.question} → ${r.entry}`);
    }
    if ((await nlp.predictAsync(q.question)) !== undefined) b++;
  }
  ours += a;
  theirs += b;
  total += set.length;
  console.log(`| ${labels[file] ?? file} | ${set.length} | ${a}（${((100 * a) / set.length).toFixed(1)}%） | ${b}（${((100 * b) / set.length).toFixed(1)}%） |`);
}
console.log(`| 合计 | ${total} | ${ours}（${((100 * ours) / total).toFixed(1)}%） | ${theirs}（${((100 * theirs) / total).toFixed(1)}%） |`);
if (verbose) console.log('\n本项目回答了的范围外问题：\n' + answered.join('\n'));
