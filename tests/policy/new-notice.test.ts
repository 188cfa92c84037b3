import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { parseProfile } from '../../src/eligibility/profile.js';
import { loadPolicy, PROJECT_ROOT } from '../../src/policy/load.js';
import { DataError } from '../../src/policy/problems.js';
import { windowStatus } from '../../src/policy/windows.js';

/** A copy of rules/ with a made-up 2025 notice added: data only, no TypeScript. */
function rulesWith2025(edit?: (yaml: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-rules-'));
  cpSync(path.join(PROJECT_ROOT, 'rules'), dir, { recursive: true });
  let y = readFileSync(path.join(dir, 'notices', 'xunwu-2024-28.yaml'), 'utf8')
    .replaceAll('2024年', '2025年')
    .replaceAll('寻人社发〔2024〕28号', '寻人社发〔2025〕99号')
    .replace('id: xunwu-2024-28', 'id: xunwu-2025-99')
    .replaceAll('2024-', '2025-')
    .replaceAll('id: 2025-1', 'id: 2025-1')
    .replace(/opens: 2025-04-10/, 'opens: 2025-04-15');
  if (edit) y = edit(y);
  writeFileSync(path.join(dir, 'notices', 'xunwu-2025-99.yaml'), y);
  return dir;
}

const profile = parseProfile({
  series: '工程技术人员', education: '本科', graduationDate: '2024-06-20', majorStudied: '土木工程', majorRelation: '相同',
  technicalWorkStart: '2024-06-25', employer: { name: '某国企', type: '国有企业', province: '江西' }, socialInsuranceEmployer: '某国企', certificates: [],
});

describe('a new year’s notice is data only', () => {
  it('judges against the 2025 batches when a 2025 notice file is added', () => {
    const policy = loadPolicy(rulesWith2025());
    expect(policy.batches.map((b) => b.id)).toEqual(['2024-1', '2024-2', '2025-1', '2025-2']);
    const v = evaluate(profile, policy, '2025-04-20');
    expect(v.batch).toBe('2025-1');
    expect(v.cutoffDate).toBe('2025-06-30');
    expect(v.outcome).toBe('eligible');
    expect(v.checks.find((c) => c.rule === 'batch')?.source.doc).toBe('寻人社发〔2025〕99号');
  });
  it('uses the new opening day: before it, the 2025 window is still to come', () => {
    const policy = loadPolicy(rulesWith2025());
    expect(windowStatus(policy, '2025-04-12').state).toBe('upcoming');
    expect(windowStatus(policy, '2025-04-15').open?.id).toBe('2025-1');
  });
  it('the same profile in late 2024 still counts to the 2024 cut-off and is not yet eligible', () => {
    const policy = loadPolicy(rulesWith2025());
    const v = evaluate(profile, policy, '2024-10-12');
    expect(v.batch).toBe('2024-2');
    expect(v.outcome).toBe('ineligible');
    expect(v.qualifiesOn).toBe('2025-06-25');
    expect(v.checks.find((c) => c.rule === 'level')?.message).toContain('2025年第一批');
  });
  it('refuses a notice with a duplicate batch id, naming it', () => {
    const dir = rulesWith2025((y) => y.replace('id: 2025-1', 'id: 2024-1'));
    expect(() => loadPolicy(dir)).toThrow(DataError);
    expect(() => loadPolicy(dir)).toThrow(/2024-1/);
  });
});
