/**
 * Batch commands never lose a batch, and absurd input never gets a verdict: each bad line of
 * `screen --jsonl` / `ask --jsonl` (deeply nested, millions of characters, dates in 9999, more
 * annual reviews than a career holds) is its own error line naming the problem, every other line
 * is answered, and the exit code is 2.
 */
import { describe, expect, it } from 'vitest';
import { MAX_INPUT } from '../../src/bot/core.js';
import { parseProfile } from '../../src/eligibility/profile.js';
import { MAX_QUESTION_CHARS } from '../../src/cli/io.js';
import { runCli } from '../cli/run-cli.js';

const engineer = {
  series: '工程技术人员', education: '本科', graduationDate: '2021-06-25', majorStudied: '水利水电工程', majorRelation: '相同',
  technicalWorkStart: '2021-07-05', employer: { name: '某水务集团', type: '国有企业', province: '江西' }, socialInsuranceEmployer: '某水务集团', certificates: [],
};
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
const line = (id: string, profile: object) => JSON.stringify({ id, now: '2024-04-20', profile });

describe('screen --jsonl: every line answered, absurd values refused', () => {
  it('judges the good lines and gives each bad one its own error naming the field; exit 2', () => {
    const input = [
      line('ok-1', engineer),
      `{"id":"deep","now":"2024-04-20","profile":${JSON.stringify(engineer).slice(0, -1)},"ignored":${nested(2500)}}}`,
      line('work-9999', { ...engineer, technicalWorkStart: '9999-06-01' }),
      line('grad-9999', { ...engineer, graduationDate: '9999-12-31' }),
      line('punish-9999', { ...engineer, disciplinaryEndDate: '9999-01-01' }),
      line('unfit-7990', { ...engineer, annualReviews: { 不称职: 7990 } }),
      line('basic-100000', { ...engineer, annualReviews: { 基本称职: 100000 } }),
      line('ok-2', engineer),
    ].join('\n');
    const r = runCli(['screen', '--jsonl'], input + '\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['ok-1', 'deep', 'work-9999', 'grad-9999', 'punish-9999', 'unfit-7990', 'basic-100000', 'ok-2']);
    expect(out[0].outcome).toBeDefined();
    expect(out[7]).toEqual(out[0] && { ...out[0], id: 'ok-2' });
    expect(out[1].error).toContain('嵌套过深');
    expect(out[2].error).toMatch(/technicalWorkStart.*日期不合理/);
    expect(out[3].error).toMatch(/graduationDate.*日期不合理/);
    expect(out[4].error).toMatch(/disciplinaryEndDate.*日期不合理/);
    expect(out[5].error).toMatch(/annualReviews\.不称职.*次数不合理/);
    expect(out[6].error).toMatch(/annualReviews\.基本称职.*次数不合理/);
    for (const o of out.slice(1, 7)) expect(o.outcome).toBeUndefined();
  }, 60_000);

  it('screen --json with a work start in 9999 is refused (exit 2, the field named), never a verdict', () => {
    const r = runCli(['screen', '--json', '--now', '2024-04-20'], JSON.stringify({ ...engineer, technicalWorkStart: '9999-06-01' }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^错误：字段 technicalWorkStart 有误：日期不合理/);
  }, 60_000);
});

describe('plausible dates: the horizon is relative to "today"', () => {
  it('a work start up to a year ahead is accepted, a day more is refused; the same date is fine a year later', () => {
    expect(() => parseProfile({ ...engineer, technicalWorkStart: '2025-04-21' }, '2024-04-20')).not.toThrow();
    expect(() => parseProfile({ ...engineer, technicalWorkStart: '2025-04-22' }, '2024-04-20')).toThrow(/technicalWorkStart/);
    expect(() => parseProfile({ ...engineer, technicalWorkStart: '2025-04-22' }, '2025-04-20')).not.toThrow();
    expect(() => parseProfile({ ...engineer, graduationDate: '1901-06-01' }, '2024-04-20')).toThrow(/graduationDate.*早于/);
    expect(() => parseProfile({ ...engineer, annualReviews: { 基本称职: 30, 不称职: 30 } })).toThrow(/annualReviews.*合计/);
    expect(() => parseProfile({ ...engineer, annualReviews: { 基本称职: 2, 不称职: 1 } })).not.toThrow();
  });
});

describe('ask --jsonl: one huge question does not lose the batch', () => {
  it('an 8-million-character question is an error line, the other questions are answered; exit 2', () => {
    const input = [
      JSON.stringify({ id: 'huge', question: '现在能申报吗'.repeat(1_400_000) }),
      JSON.stringify({ id: 'long', question: '申'.repeat(MAX_QUESTION_CHARS + 1) }),
      JSON.stringify({ id: 'deep', question: '现在能申报吗', x: JSON.parse(nested(100)) }),
      JSON.stringify({ id: 'fine', now: '2024-10-12', question: '下半年什么时候截止' }),
    ].join('\n');
    const r = runCli(['ask', '--jsonl'], input + '\n');
    expect(r.code).toBe(2);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].error).toContain('过长');
    expect(out[1]).toMatchObject({ id: 'long', error: expect.stringContaining('question 过长') });
    expect(out[2].error).toContain('嵌套过深');
    expect(out[3]).toMatchObject({ id: 'fine', found: true });
  }, 60_000);

  it('the cap is the chat core’s', () => {
    expect(MAX_QUESTION_CHARS).toBe(MAX_INPUT);
  });
});
