/**
 * How a judgement treats what it does not know for sure, one mechanism each: a missing fact that
 * cannot change the answer is not asked; a series read from the workplace, an employer of unclear
 * ownership, work before a move and an unconferred degree each lead to the answer the sources give.
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

describe('missing facts decide only when they change the answer', () => {
  it('below the minimum education, the dates do not matter: ineligible, nothing asked', () => {
    const a = judge('高中毕业，在镇农技站搞农技，能认技术员吗');
    expect(a.situation).toMatchObject({ outcome: 'ineligible', missing: [] });
    expect(a.situation!.deciding).toContain('min_education');
  });

  it('a vocational teacher with 大专: ineligible on education whatever the years (中职 needs 本科, 三（一）)', () => {
    const a = judge('在县职业技术学校教会计，大专毕业，有教师资格证，能认定职称吗', '2024-10-20');
    expect(a.situation).toMatchObject({ outcome: 'ineligible', missing: [] });
  });
});

describe('the series read from the workplace', () => {
  it('is a stated condition, not a missing fact: the years alone decide not_yet, and the later batch is named', () => {
    const a = judge('我在县城投上班，大专，2023年7月毕业就进去了，这批能报员级吗', '2024-04-18');
    expect(a.situation).toMatchObject({ outcome: 'not_yet', level: '员级', batch: '2024年第二批' });
  });

  it('an eligible case says the series it assumed as its condition', () => {
    const a = judge('我在县城投上班，本科，2021年7月毕业就进去了，能认定助理级吗');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级', batch: '2024年第一批' });
    expect(a.answer).toContain('以考代评');
  });
});

describe('employer type not known for sure', () => {
  it('a 局 whose staff may be 机关 or a unit below it, with 公务员 denied: conditional, not ineligible', () => {
    const a = judge('我在县林业局上班，编制的事我也说不清，反正不是考的公务员，本科林学，2021年来的，做营林，能认定助理级吗', '2024-05-06');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级', batch: '2024年第一批' });
    expect(a.situation!.deciding).toContain('employer_coverage');
  });

  it('jointly owned with a state-owned partner: engineering is conditional on state control (三（六）)', () => {
    const a = judge('大专给排水，2019年6月毕业进县里的供水公司，是县交投和私人老板合资的，国资占多少不清楚，能认定助理工程师吗');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级' });
    expect(a.situation!.deciding).toContain('state_owned_engineering');
  });
});

describe('work before a move to the current employer (四（二）)', () => {
  it('counts only with proof uploaded: conditional, and the reply says where to upload it', () => {
    const a = judge('本科土木，2021年7月毕业先在赣州一家国企干了两年，去年12月调到县质监站（事业单位）做质检，这次能认定助理工程师吗', '2024-04-18');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级', batch: '2024年第一批' });
    expect(a.answer).toContain('四（二）');
  });

  it('a move long enough ago to meet the years on its own adds no condition', () => {
    const a = judge('本科土木，2015年7月毕业先在赣州一家国企干了两年，2017年9月调到县质监站（事业单位）做质检，能认定助理工程师吗', '2024-04-18');
    expect(a.situation).toMatchObject({ outcome: 'eligible', level: '助理级' });
  });
});

describe('degrees and held titles', () => {
  it('a 博士 without the 学位 asking for 中级 is judged on the 本科: ineligible, the degree decides (第五条（七）)', () => {
    const a = judge('本科毕业后认了助理工程师，后来脱产读书，博士毕业证拿到了，学位证还没授予，在县水利站，能认定中级吗', '2024-05-05');
    expect(a.situation).toMatchObject({ outcome: 'ineligible', level: null });
    expect(a.situation!.deciding).toContain('degree');
    expect(a.answer).toContain('学位');
    expect(a.answer).toMatch(/依据：.+第五条/);
  });

  it('员级 held since a date: the 助理级 years count from the title (第五条（二）)', () => {
    expect(judge('我中专，技术员是2019年3月评的，在县自来水公司（国企）做管网维修，能认助理工程师吗', '2024-04-25').situation).toMatchObject({ outcome: 'eligible', level: '助理级' });
    expect(judge('我中专，员级是2022年5月取得的，在乡镇水管站做技术，能认助理工程师了吗', '2024-04-25').situation).toMatchObject({ outcome: 'not_yet', level: '助理级' });
  });

  it('a needs_review verdict keeps the level reached once confirmed', () => {
    const a = judge('本科园林，2020年毕业后一直在广东一家国企做园林绿化施工，档案托管在寻乌县就业创业服务中心，能在寻乌认定助理工程师吗', '2024-05-02');
    expect(a.situation).toMatchObject({ outcome: 'conditional', level: '助理级' });
  });
});

describe('asks without 能不能 get the situational answer', () => {
  it('after the windows closed, "还赶得上吗" is answered: the level reached, no batch', () => {
    const a = judge('中专农学，2019年进的乡镇农技站，现在报还赶得上吗', '2024-12-15');
    expect(a.situation).toMatchObject({ outcome: 'not_yet', level: '员级', batch: null, deciding: ['window'] });
  });

  it('"想认定检验师" in 卫生: exam instead of review (三（六）)', () => {
    expect(judge('县医院检验科，本科医学检验，2020年入职，想认定检验师').situation).toMatchObject({ outcome: 'ineligible' });
  });
});
