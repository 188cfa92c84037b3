/**
 * The words of real situational messages that the first blind sets showed were misread, one
 * mechanism each: what the words say about dates, titles, the employer's type, the series, the
 * insurance payer, the degree, a move between employers — and when a message asks about the
 * person's own case without 能不能. Sentences are new, not the blind sets' own.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { asksEligibility, foldText, understand } from '../../src/understand/extract.js';
import type { Fact, FactField } from '../../src/understand/facts.js';

const policy = loadPolicy();
const NOW = '2024-04-20';
const facts = (text: string, now = NOW) => understand(text, policy, now).facts;
const fact = (text: string, field: FactField, now = NOW): Fact | undefined => facts(text, now).find((f) => f.field === field);
const asks = (text: string) => asksEligibility(foldText(text), policy);

describe('dates people give without 毕业/入职 next to them', () => {
  it('a duration of teaching or doing a job is the start of work (教了三年了, 做了五年)', () => {
    expect(fact('我在县一中教了三年了', 'technicalWorkStart')).toMatchObject({ basis: 'assumed' });
    expect(fact('我在县一中教了三年了', 'technicalWorkStart')?.range?.[1]).toBe('2021-04-01');
    expect(fact('在水管站做了五年技术', 'technicalWorkStart')?.range?.[1]).toBe('2019-04-01');
  });

  it('the day of 入编 is the start of work', () => {
    expect(fact('初中老师，2020年9月入编的', 'technicalWorkStart')?.value).toBe('2020-09-01');
  });

  it('"23年度考核" is a review year, not a date of anything', () => {
    const f = facts('大专，22年8月入职，23年度考核基本称职');
    expect(f.filter((x) => x.field === 'technicalWorkStart').map((x) => x.value)).toEqual(['2022-08-01']);
    expect(f.find((x) => x.field === 'annualReviews.基本称职')?.value).toBe(1);
  });
});

describe('titles held and titles asked for', () => {
  it('"员级是2020年5月拿的" is a title held since then, not the level asked for', () => {
    const f = facts('我中专，员级是2020年5月拿的，能认助理工程师吗');
    expect(f.find((x) => x.field === 'currentTitle.level')?.value).toBe('员级');
    expect(f.find((x) => x.field === 'currentTitle.since')?.value).toBe('2020-05-01');
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('助理级');
  });

  it('"2016年拿了技术员" dates the title held', () => {
    expect(fact('2016年拿了技术员，现在想认助工', 'currentTitle.since')?.value).toBe('2016-12-01');
  });

  it('a level word after 做/当 is the post the person works in (做施工技术员), not the level asked for', () => {
    const f = facts('我在县交投做施工技术员，报助工有没有问题');
    expect(f.filter((x) => x.field === 'targetLevel').map((x) => x.value)).toEqual(['助理级']);
  });
});

describe('the employer’s type, denied, unsure or shared', () => {
  it('a type the person denies is not read (不是考的公务员)', () => {
    expect(fact('我在县林业局上班，不是考的公务员', 'employer.type')).toBeUndefined();
  });

  it('a type word next to "搞不清/不清楚" is an assumption the answer must state, never said', () => {
    const t = fact('在县供水公司上班，是不是国企我也不清楚', 'employer.type');
    expect(t?.basis ?? 'assumed').toBe('assumed');
    expect(t?.firm).not.toBe(true);
  });

  it('jointly owned with a state-owned partner (合资) is a state-owned reading to be confirmed, not the partner’s type', () => {
    const t = fact('我在县交投和一家民营企业合资的公司做技术', 'employer.type');
    expect(t).toMatchObject({ value: '国有企业', basis: 'assumed' });
    expect(t?.firm).not.toBe(true);
  });
});

describe('the series without a job named', () => {
  it('the workplace suggests it, as an assumption that is not firm (在县城投上班)', () => {
    const s = fact('我在县城投上班，大专', 'series');
    expect(s).toMatchObject({ value: '工程技术人员', basis: 'assumed' });
    expect(s?.firm).not.toBe(true);
  });

  it('a job word is firm and beats the workplace (在县城投做出纳)', () => {
    expect(fact('我在县城投做出纳', 'series')).toMatchObject({ value: '会计人员', firm: true });
  });

  it('the studied major gives it when nothing else does, with the other series it fits as options (学农的, 本科园林)', () => {
    expect(fact('我弟在县里上班，学农的', 'series')).toMatchObject({ value: '农业技术人员', fromMajor: true });
    const s = fact('本科园林，在县里上班', 'series');
    expect([s?.value, ...(s?.options ?? [])].sort()).toEqual(['农业技术人员', '工程技术人员']);
  });

  it('a 卫生 title in the ask names the series outright (想认定检验师)', () => {
    expect(fact('县医院检验科，想认定检验师', 'series')).toMatchObject({ value: '卫生技术人员', basis: 'said' });
  });

  it('teaching at a vocational school is the 中职 series, whatever the subject (职业技术学校教会计)', () => {
    expect(fact('在县职业技术学校教会计', 'series')?.value).toBe('中等职业学校教师');
    expect(fact('在县职业技术学校教会计，本科机械专业', 'majorRelation')).toBeUndefined();
  });
});

describe('insurance, degree, a move between employers', () => {
  it('"社保是X交的" names the payer', () => {
    expect(fact('我在县城投下面的子公司上班，社保是母公司统一交的', 'socialInsuranceEmployer')?.value).toBe('母公司');
  });

  it('a 学位 not yet conferred is no degree', () => {
    expect(fact('博士毕业证拿到了，学位证还没授予', 'hasDegree')?.value).toBe(false);
  });

  it('a move after work elsewhere is the transfer date, and the earlier start stays the start of work', () => {
    const f = facts('本科，21年7月毕业先在县城投干了两年，今年3月调到县水利站');
    expect(f.find((x) => x.field === 'transferDate')?.value).toBe('2024-03-01');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).not.toBe('2024-03-01');
    // The only date, a move with no earlier work said: the start of work.
    expect(fact('本科，2022年3月调到县水利站', 'technicalWorkStart')?.value).toBe('2022-03-01');
  });
});

describe('asks about the person’s own case without 能不能', () => {
  it('a worry or an intent is an ask (赶得上吗, 有没有问题, 是真的吗, 想认定…, 需要满几年)', () => {
    for (const q of ['现在报还赶得上吗', '报助工有没有问题', '单位说可以弄个技术员，是真的吗', '想认定助理农艺师', '他想认定助理工程师，需要满几年', '今天还能提交吗']) expect(asks(q), q).toBe(true);
  });

  it('an intent with a question about something else is that question (材料, 网址, 下次什么时候)', () => {
    for (const q of ['想认定助理工程师，要准备哪些材料', '想申报，网址是什么', '想报认定，下次什么时候开始']) expect(asks(q), q).toBe(false);
  });
});
