/**
 * `npm run eval:situations -- FILE…`: situational questions through the real `ask --jsonl` path,
 * scored against their expected judgement. One JSON object a line:
 *   {"id", "now", "question", "expect": {"outcome", "level", "batch", "blocking", "missing"}, "why"}
 * Correct = the outcome class matches (eligible / ineligible / not_yet / conditional / needs_info)
 * AND the level matches AND the batch matches (an expected null batch accepts no batch).
 * Prints every miss, then the figure per file and overall. Exit 0 always (a measurement).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/policy/load.js';

interface Case {
  id: string;
  now?: string;
  question: string;
  expect: { outcome: string; level: string | null; batch: string | null; blocking?: string | null; missing?: string[] };
  why?: string;
}

interface Situation {
  outcome: string;
  level: string | null;
  batch: string | null;
  deciding: string[];
  missing: string[];
}

/** Run the cases through `ask --jsonl` exactly as a user of the contract would. */
function ask(cases: Case[]): Record<string, unknown>[] {
  const input = cases.map((c) => JSON.stringify({ id: c.id, now: c.now, question: c.question })).join('\n') + '\n';
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [path.join(PROJECT_ROOT, 'src', 'cli.ts'), 'ask', '--jsonl'], { cwd: PROJECT_ROOT, input, encoding: 'utf8', env: { ...process.env, ZHICHENG_NOW: '' }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ask --jsonl exited ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Why a case is wrong, or undefined when it is right. */
export function judgeCase(c: Case, out: Record<string, unknown>): string | undefined {
  const s = out.situation as Situation | undefined;
  if (!s) return `no situational answer (entry ${String(out.entry)})`;
  const problems: string[] = [];
  if (s.outcome !== c.expect.outcome) problems.push(`outcome ${s.outcome} ≠ ${c.expect.outcome}`);
  if ((s.level ?? null) !== (c.expect.level ?? null)) problems.push(`level ${s.level} ≠ ${c.expect.level}`);
  if (c.expect.batch !== null && c.expect.batch !== undefined ? s.batch !== c.expect.batch : s.batch !== null) problems.push(`batch ${s.batch} ≠ ${c.expect.batch}`);
  return problems.length ? problems.join('; ') : undefined;
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!files.length) {
  process.stderr.write('用法：npm run eval:situations -- FILE.jsonl …\n');
  process.exit(2);
}
let total = 0;
let right = 0;
for (const file of files) {
  const cases = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
  const outs = ask(cases);
  let ok = 0;
  const byOutcome = new Map<string, [number, number]>();
  cases.forEach((c, i) => {
    const out = outs[i] ?? {};
    const miss = judgeCase(c, out);
    const row = byOutcome.get(c.expect.outcome) ?? [0, 0];
    row[1]++;
    byOutcome.set(c.expect.outcome, row);
    if (!miss) {
      ok++;
      row[0]++;
    } else {
      const s = out.situation as Situation | undefined;
      process.stdout.write(`✗ ${c.id} [${c.now}] ${c.question}\n    ${miss}\n    expected ${JSON.stringify(c.expect)}${s ? `\n    got deciding=${JSON.stringify(s.deciding)} missing=${JSON.stringify(s.missing)}` : ''}\n`);
    }
  });
  total += cases.length;
  right += ok;
  const per = [...byOutcome].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ');
  process.stdout.write(`${path.basename(file)}: ${ok}/${cases.length} correct (${((100 * ok) / cases.length).toFixed(1)}%) — ${per}\n`);
}
if (files.length > 1) process.stdout.write(`overall: ${right}/${total} (${((100 * right) / total).toFixed(1)}%)\n`);
