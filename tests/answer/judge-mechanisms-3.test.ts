/**
 * Judgements the third blind set showed were wrong, one mechanism each: an unsaid practice
 * certificate is a condition, a hospital alone does not decide exam-only, hearsay about a private
 * owner leaves state ownership as the condition, a punishment over before the cut-off delays nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { loadPolicy } from '../../src/policy/load.js';

let answerer: Answerer;
beforeAll(() => {
  const policy = loadPolicy();
  answerer = createAnswerer({ policy, knowledge: loadKnowledge(policy) });
});
const judge = (q: string, now = '2024-04-20') => answerer.answer(q, now);

describe('unknowns stated as conditions, or asked', () => {
  it('a teacher who does not mention the 教师资格证: conditional on it, not needs_info', () => {
    const a = judge('我在镇中心小学当老师，本科小学教育，21年毕业当年9月入职，能认定二级教师吗');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级' });
    expect(a.situation!.deciding).toContain('practice_certificate');
  });

  it('only a hospital named, no post: the post is asked (a nurse is exam-only, an engineer is not)', () => {
    const a = judge('在县中医院上班，本科毕业4年了，能认定职称吗');
    expect(a.situation?.outcome).toBe('needs_info');
  });

  it('a nurse at the hospital: exam-only still decides', () => {
    expect(judge('在县中医院当护士，本科护理，毕业4年了，能认定职称吗').situation?.outcome).toBe('ineligible');
  });

  it('hearsay that the engineering company is private: conditional on state ownership', () => {
    const a = judge('我在XX路桥有限公司上班，有人说是私人控股的，我也不确定。本科土木，20年毕业就在这，能认定助理工程师吗');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级' });
    expect(a.situation!.deciding).toContain('state_owned_engineering');
  });

  it('a private agricultural company is not held to the engineering state-ownership rule', () => {
    const a = judge('我在一家种茶叶的民营公司当技术员，本科茶学，22年6月毕业就去了，社保公司交的，能认定助理农艺师吗', '2024-05-15');
    expect(a.situation).toMatchObject({ outcome: 'eligible', level: '助理级' });
  });
});

describe('punishments and reviews', () => {
  it('a warning that ran out long before the cut-off does not delay', () => {
    const a = judge('我18年7月本科毕业进的镇水利站，专业水利，20年3月背过一个警告处分，半年就到期了，报助理工程师会不会受影响');
    expect(a.situation).toMatchObject({ outcome: 'eligible', level: '助理级' });
  });

  it('不称职 (typed 不称值) adds a year (第六条（二）): not yet this batch', () => {
    const a = judge('22年本科毕业，学的给排水，9月进的县污水处理站（事业单位），去年年度考核不称值，这批能报助理工程师吗');
    expect(a.situation?.outcome).toBe('not_yet');
  });

  it('a civil servant asking with a typo (能任定…吗) is outside the scope', () => {
    const a = judge('我是县交通局的公务员，本科道路桥梁，干了四年，能任定助理工程师吗');
    expect(a.situation).toMatchObject({ outcome: 'ineligible' });
    expect(a.situation!.deciding).toContain('employer_coverage');
  });
});
