/**
 * `npx tsx scripts/eval/quick.ts [knob=value …]`: our system alone on dev.jsonl with retriever
 * options overridden from the command line — a fast loop while tuning (dev only, never the holdout).
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

const overrides: Record<string, number | string> = {};
for (const a of process.argv.slice(2)) {
  const [k, v] = a.split('=');
  if (k && v !== undefined) overrides[k] = Number.isNaN(Number(v)) ? v : Number(v);
}
const dev = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Labelled);
const kb = loadKnowledge(loadPolicy(), undefined, { retriever: overrides as Partial<RetrieverOptions>, holdOut: dev.map((q) => q.question) });
let right = 0;
let off = 0;
let inScope = 0;
for (const q of dev) {
  const r = kb.search(q.question);
  const got = r.found ? r.hits[0]?.id : undefined;
  if (q.expect === null) {
    if (got !== undefined) off++;
    continue;
  }
  inScope++;
  const want = Array.isArray(q.expect) ? q.expect : [q.expect];
  if (got !== undefined && want.includes(got)) right++;
}
console.log(`${JSON.stringify(overrides)} top-1 ${((100 * right) / inScope).toFixed(1)}% (${right}/${inScope}) 范围外被回答 ${off}`);
