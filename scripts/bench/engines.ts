/** `ask` alone and `screen` (evaluate) alone: per-call latency and calls/s, after start-up. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { parseProfile, type Profile } from '../../src/eligibility/profile.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { loadPolicy, PROJECT_ROOT, type Policy } from '../../src/policy/load.js';
import { round, summarise, type Latency } from './stats.js';
import { QUESTIONS } from './users.js';

/** Figures for one engine called alone. */
export interface EngineResult {
  calls: number;
  perSec: number;
  latency: Latency;
  /** Building it (policy already loaded): index, dictionaries… */
  loadMs: number;
}

function time(calls: number, f: (i: number) => void): { perSec: number; latency: Latency } {
  for (let i = 0; i < Math.min(2000, calls); i++) f(i); // warm-up
  const samples = new Float64Array(calls);
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const s = performance.now();
    f(i);
    samples[i] = performance.now() - s;
  }
  return { perSec: round(calls / ((performance.now() - start) / 1000), 0), latency: summarise(samples) };
}

/** The rule cases' profiles (rules/cases/*.yaml). */
function caseProfiles(): Array<{ profile: Profile; now: string }> {
  const dir = path.join(PROJECT_ROOT, 'rules', 'cases');
  const out: Array<{ profile: Profile; now: string }> = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const doc = parse(readFileSync(path.join(dir, f), 'utf8')) as { bases?: Record<string, object>; cases: Array<{ base?: string; profile: object; now: string }> };
    for (const c of doc.cases) {
      const base = c.base ? (doc.bases?.[c.base] ?? {}) : {};
      try {
        out.push({ profile: parseProfile(JSON.parse(JSON.stringify({ ...base, ...c.profile }))), now: String(c.now) });
      } catch {
        /* a case that exercises bad input */
      }
    }
  }
  return out;
}

/** `knowledge.ask` over the simulated users' questions. */
export function benchAsk(calls: number, policy: Policy = loadPolicy()): EngineResult {
  const t0 = performance.now();
  const kb = loadKnowledge(policy);
  const loadMs = performance.now() - t0;
  const nows = ['2024-04-20', '2024-06-30', '2024-10-12', '2025-01-05'];
  const r = time(calls, (i) => kb.ask(QUESTIONS[i % QUESTIONS.length]!, nows[i % nows.length]!));
  return { calls, loadMs: round(loadMs, 0), ...r };
}

/** `evaluate` over the rule cases' profiles. */
export function benchScreen(calls: number, policy: Policy = loadPolicy()): EngineResult & { profiles: number } {
  const t0 = performance.now();
  const profiles = caseProfiles();
  const loadMs = performance.now() - t0;
  const r = time(calls, (i) => {
    const p = profiles[i % profiles.length]!;
    evaluate(p.profile, policy, p.now);
  });
  return { calls, profiles: profiles.length, loadMs: round(loadMs, 0), ...r };
}
