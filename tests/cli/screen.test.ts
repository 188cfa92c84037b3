import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { runCli } from './run-cli.js';

// Copied from shared/examples so the test runs from any clone.
const examples = readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'contract', 'screen-examples.jsonl'), 'utf8');
const engineer = {
  series: '工程技术人员', education: '本科', graduationDate: '2021-06-25', majorStudied: '水利水电工程', majorRelation: '相同',
  technicalWorkStart: '2021-07-05', employer: { name: '某水务集团', type: '国有企业', province: '江西' }, socialInsuranceEmployer: '某水务集团', certificates: [],
};

describe('screen --jsonl', () => {
  it('judges the shared examples, one verdict a line with the id copied back', () => {
    const input = examples + 'not json\n{"id":"bad-date","profile":{"graduationDate":"2023-02-30"}}\n';
    const r = runCli(['screen', '--jsonl'], input);
    // Every line is judged; the two bad ones are error lines and the exit code says so (issue 18).
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const byId = Object.fromEntries(lines.filter((l) => l.id).map((l) => [l.id, l]));
    expect(byId['example-eligible']).toMatchObject({ outcome: 'eligible', level: '助理级', batch: '2024-1', cutoffDate: '2024-06-30' });
    expect(byId['example-exam-series'].outcome).toBe('ineligible');
    expect(byId['example-exam-series'].checks.some((c: { status: string; source: { clause: string } }) => c.status === 'fail' && c.source.clause === '三（六）')).toBe(true);
    // A 以考代评 specialty typed as the series is refused under 三（六）, first.
    expect(byId['example-exam-specialty-as-series']).toMatchObject({ outcome: 'ineligible', level: null, series: '工程技术人员' });
    expect(byId['example-exam-specialty-as-series'].checks[0]).toMatchObject({ rule: 'exam_instead_of_review', status: 'fail', source: { clause: '三（六）' } });
    // A document to obtain is not ineligible: needs_review, what to obtain, the level it would reach.
    expect(byId['example-affiliation-proof-to-obtain']).toMatchObject({ outcome: 'needs_review', level: null, reachableLevel: '助理级' });
    expect(byId['example-affiliation-proof-to-obtain'].obtain.join()).toContain('隶属关系证明');
    // Every window closed: no batch claimed, years counted to today, the level today's facts reach.
    expect(byId['example-notice-lapsed']).toMatchObject({ outcome: 'eligible', level: '助理级', batch: null, cutoffDate: '2026-12-01', window: { state: 'over' } });
    expect(lines.some((l) => l.error && !l.id)).toBe(true);
    expect(byId['bad-date'].error).toContain('graduationDate');
  });
});

describe('screen --json', () => {
  it('reads one profile from stdin and honours --now', () => {
    const r = runCli(['screen', '--json', '--now', '2024-10-12'], JSON.stringify(engineer));
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ outcome: 'eligible', batch: '2024-2', cutoffDate: '2024-12-31' });
    expect(v.checks.every((c: { source: { doc: string; clause: string } }) => c.source.doc && c.source.clause)).toBe(true);
  });
  it('exits 2 with one line naming the malformed field, and no stack trace', () => {
    const r = runCli(['screen', '--json', '--now', '2024-05-06'], JSON.stringify({ ...engineer, technicalWorkStart: '2021-13-05' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('technicalWorkStart');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('exits 2 on a bad --now and on input that is not JSON', () => {
    expect(runCli(['screen', '--json', '--now', '2024-02-30'], JSON.stringify(engineer)).code).toBe(2);
    expect(runCli(['screen', '--json'], '{oops').code).toBe(2);
  });
  it('prints readable Chinese with clauses without --json', () => {
    const r = runCli(['screen', '--now', '2024-05-06'], JSON.stringify(engineer));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('助理级');
    expect(r.stdout).toContain('第五条（四）');
  });
});

describe('check', () => {
  it('names file, path and problem for a broken copy and exits 1', async () => {
    const { cpSync, mkdtempSync, writeFileSync, readFileSync: read } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-broken-'));
    for (const d of ['rules', 'dialogs', 'knowledge']) cpSync(path.join(PROJECT_ROOT, d), path.join(dir, d), { recursive: true });
    const f = path.join(dir, 'rules', 'notices', 'xunwu-2024-28.yaml');
    writeFileSync(f, read(f, 'utf8').replace('cutoff: 2024-06-30', 'cutoff: 2024-06-31'));
    const r = runCli(['check', '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('xunwu-2024-28.yaml');
    expect(r.stderr).toContain('batches.0.cutoff');
  });
});
