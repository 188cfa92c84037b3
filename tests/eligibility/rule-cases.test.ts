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
    reachableLevel?: string | null;
    batch?: string | null;
    cutoffDate?: string;
    clauses?: string[];
    fail?: string[];
    review?: string[];
    pass?: string[];
    missing?: string[];
    qualifiesOn?: string | null;
    materials?: string[];
    messages?: string[];
    /** Phrases no check message may contain (e.g. 本年度 after the year is over). */
    notMessages?: string[];
    obtain?: string[];
    /** The rule of the first check: the deciding one comes first. */
    first?: string;
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
        if (e.reachableLevel !== undefined) expect(v.reachableLevel ?? null, explain).toBe(e.reachableLevel);
        if (e.batch !== undefined) expect(v.batch).toBe(e.batch === null ? null : String(e.batch));
        if (e.cutoffDate) expect(v.cutoffDate).toBe(String(e.cutoffDate));
        for (const cl of e.clauses ?? []) expect(cited, explain).toContain(cl);
        for (const r of e.fail ?? []) expect(v.checks.filter((ch) => ch.status === 'fail').map((ch) => ch.rule), explain).toContain(r);
        for (const r of e.review ?? []) expect(v.checks.filter((ch) => ch.status === 'review').map((ch) => ch.rule), explain).toContain(r);
        for (const r of e.pass ?? []) expect(v.checks.filter((ch) => ch.status === 'pass').map((ch) => ch.rule), explain).toContain(r);
        if (e.missing) expect(v.missing).toEqual(e.missing);
        if (e.qualifiesOn !== undefined) expect(v.qualifiesOn ?? null).toBe(e.qualifiesOn === null ? null : String(e.qualifiesOn));
        for (const m of e.materials ?? []) expect(v.materials.join('\n')).toContain(m);
        for (const m of e.messages ?? []) expect(v.checks.map((ch) => ch.message).join('\n')).toContain(m);
        for (const m of e.notMessages ?? []) expect(v.checks.map((ch) => ch.message).join('\n')).not.toContain(m);
        for (const m of e.obtain ?? []) expect((v.obtain ?? []).join('\n')).toContain(m);
        if (e.first) expect(v.checks[0]?.rule, explain).toBe(e.first);
        // Guarantees of every verdict, whatever the case.
        if (v.level !== null) expect(v.outcome, 'level only when eligible').toBe('eligible');
        if (v.batch !== null) expect(v.window.closes >= String(c.now), 'never a batch whose window has closed').toBe(true);
        if (v.outcome !== 'eligible') {
          for (const ch of v.checks) if (ch.status === 'pass') expect(ch.message, `a ✓ line promising the outcome under ${v.outcome}`).not.toMatch(/可认定|可以考核认定|可以申报|可以先申报/);
        }
        const rank = { fail: 0, review: 1, warn: 2, pass: 2 } as const;
        const ranks = v.checks.map((ch) => rank[ch.status]);
        expect(ranks, 'deciding checks first').toEqual([...ranks].sort((a, b) => a - b));
      });
    }
  });
}
