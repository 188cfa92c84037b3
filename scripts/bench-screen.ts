/**
 * Measures `evaluate` after start-up: time to load the policy, then per-profile latency over the
 * rule cases' profiles (p50/p99/max, µs) and throughput. Run: `npx tsx scripts/bench-screen.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { evaluate } from '../src/eligibility/evaluate.js';
import { parseProfile, type Profile } from '../src/eligibility/profile.js';
import { checkTexts } from '../src/eligibility/texts.js';
import { loadPolicy, PROJECT_ROOT } from '../src/policy/load.js';

const t0 = performance.now();
const policy = loadPolicy();
checkTexts();
const startup = performance.now() - t0;

const dir = path.join(PROJECT_ROOT, 'rules', 'cases');
const profiles: Array<{ profile: Profile; now: string }> = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
  const doc = parse(readFileSync(path.join(dir, f), 'utf8')) as { bases?: Record<string, object>; cases: Array<{ base?: string; profile: object; now: string }> };
  for (const c of doc.cases) {
    const base = c.base ? doc.bases?.[c.base] ?? {} : {};
    const merged = JSON.parse(JSON.stringify({ ...base, ...c.profile }));
    try {
      profiles.push({ profile: parseProfile(merged), now: String(c.now) });
    } catch {
      /* a case that exercises bad input */
    }
  }
}

for (let i = 0; i < 2000; i++) evaluate(profiles[i % profiles.length]!.profile, policy, profiles[i % profiles.length]!.now); // warm-up
const n = 50_000;
const samples = new Float64Array(n);
const start = performance.now();
for (let i = 0; i < n; i++) {
  const p = profiles[i % profiles.length]!;
  const s = performance.now();
  evaluate(p.profile, policy, p.now);
  samples[i] = performance.now() - s;
}
const total = performance.now() - start;
samples.sort();
const q = (x: number) => (samples[Math.min(n - 1, Math.floor(x * n))]! * 1000).toFixed(1);
console.log(`policy load + check texts: ${startup.toFixed(0)} ms`);
console.log(`evaluate: ${n} verdicts over ${profiles.length} distinct profiles in ${total.toFixed(0)} ms → ${(n / (total / 1000)).toFixed(0)} verdicts/s`);
console.log(`per verdict: p50 ${q(0.5)} µs, p99 ${q(0.99)} µs, max ${(samples[n - 1]! * 1000).toFixed(1)} µs`);
