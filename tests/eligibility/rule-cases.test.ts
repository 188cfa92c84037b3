import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { parseProfile } from '../../src/eligibility/profile.js';
import { loadPolicy, PROJECT_ROOT } from '../../src/policy/load.js';

interface Case {
  name: string;
  now: string;
  base?: string;
  profile: Record<string, unknown>;
  expect: {
    outcome?: string;
    level?: string | null;
    batch?: string;
    cutoffDate?: string;
    clauses?: string[];
    fail?: string[];
    review?: string[];
    pass?: string[];
    missing?: string[];
    qualifiesOn?: string | null;
    materials?: string[];
    messages?: string[];
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
};

const dir = path.join(PROJECT_ROOT, 'rules', 'cases');
const policy = loadPolicy();

for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as { bases?: Record<string, Record<string, unknown>>; cases: Case[] };
  describe(file, () => {
    for (const c of doc.cases) {
      it(c.name, () => {
        const base = c.base ? doc.bases?.[c.base] : {};
        if (c.base && !base) throw new Error(`unknown base ${c.base}`);
        const v = evaluate(parseProfile(merge(base ?? {}, c.profile ?? {})), policy, String(c.now));
        const e = c.expect;
        const cited = v.checks.flatMap((ch) => [ch.source, ...(ch.sources ?? [])].map((s) => s.clause));
        const explain = v.checks.map((ch) => `${ch.status} ${ch.rule} ${ch.source.clause}: ${ch.message}`).join('\n');
        if (e.outcome) expect(v.outcome, explain).toBe(e.outcome);
        if (e.level !== undefined) expect(v.level, explain).toBe(e.level);
        if (e.batch) expect(v.batch).toBe(String(e.batch));
        if (e.cutoffDate) expect(v.cutoffDate).toBe(String(e.cutoffDate));
        for (const cl of e.clauses ?? []) expect(cited, explain).toContain(cl);
        for (const r of e.fail ?? []) expect(v.checks.filter((ch) => ch.status === 'fail').map((ch) => ch.rule), explain).toContain(r);
        for (const r of e.review ?? []) expect(v.checks.filter((ch) => ch.status === 'review').map((ch) => ch.rule), explain).toContain(r);
        for (const r of e.pass ?? []) expect(v.checks.filter((ch) => ch.status === 'pass').map((ch) => ch.rule), explain).toContain(r);
        if (e.missing) expect(v.missing).toEqual(e.missing);
        if (e.qualifiesOn !== undefined) expect(v.qualifiesOn ?? null).toBe(e.qualifiesOn === null ? null : String(e.qualifiesOn));
        for (const m of e.materials ?? []) expect(v.materials.join('\n')).toContain(m);
        for (const m of e.messages ?? []) expect(v.checks.map((ch) => ch.message).join('\n')).toContain(m);
      });
    }
  });
}
