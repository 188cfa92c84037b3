/**
 * Judging mechanisms of round 7, on facts as the understanding hands them over: a level asked that
 * needs a lower title first (第五条（二）（三）) is answered with the level reachable now, and why not
 * the one asked; a level above every route of the education stays a plain no.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../../src/answer/judge.js';
import { renderSituation } from '../../src/answer/render.js';
import { situationTexts } from '../../src/answer/texts.js';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { loadPolicy, type Policy } from '../../src/policy/load.js';
import type { Fact } from '../../src/understand/facts.js';
import { said } from './fact-builders.js';

let policy: Policy;
beforeAll(() => {
  policy = loadPolicy();
});


/** Someone at a county water station since `start`, with `education`, asking for `target`. */
const asking = (education: string, start: string, target: string): Fact[] => [
  said('education', education),
  said('graduationDate', start),
  said('series', '工程技术人员', '水利'),
  said('employer.name', '县水利站'),
  said('employer.type', '事业单位'),
  said('targetLevel', target, target),
];

describe('the level asked needs a lower title first', () => {
  it('中专, no 员级, asks 助理级: 员级 now, with the reason the asked level is not reachable (第五条（二）)', () => {
    const s = judge(asking('中专', '2019-07-01', '助理级'), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '员级', batch: '2024年第一批' });
    const text = renderSituation(s, policy, situationTexts()).text;
    expect(text).toContain('您问的级别现在还不能直接认定');
    expect(text).toContain('第五条（二）');
  });

  it('a level above every route of the education (本科 asks 中级) stays ineligible', () => {
    const s = judge(asking('本科', '2015-07-01', '中级'), policy, '2024-04-20', evaluate);
    expect(s.outcome).toBe('ineligible');
    expect(s.level).toBeNull();
  });
});
