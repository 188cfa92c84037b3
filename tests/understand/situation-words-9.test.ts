/**
 * Mechanisms of round 9 (helper U), from the classes of misses of sit-tc and sit-td: facts said in new
 * ways — 国有 inside a name, schooling by a verb, a change of post inside the employer, people named by
 * their post, a first step, open facts (a result not remembered, a certificate still to come), majors
 * named by abbreviation. Sentences are new, not the sets'.
 */
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/answer/judge.js';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';
import { factReader } from './read-facts.js';

const policy = loadPolicy();
const NOW = '2024-05-10';
const { facts, fact } = factReader(policy, NOW);
const judged = (text: string, now = NOW) => judge(facts(text, now), policy, now, evaluate);

describe('the employer', () => {
  it('国有 said inside the name is said, whatever comes around it; 非国有 says the opposite', () => {
    expect(fact('本科土木，20年进了县属国有水务投资公司，能认定助工吗', 'employer.type')).toMatchObject({ value: '国有企业', basis: 'said' });
    expect(fact('我们是非国有企业，做建筑施工的，能认定吗', 'employer.type')?.value).toBe('民营企业');
  });

  it('a survey or geology brigade is a public institution, stated as understood', () => {
    expect(fact('大专地质专业，在市地质大队干了三年，能认定吗', 'employer.type')).toMatchObject({ value: '事业单位', firm: true });
  });

  it('a station word after a company name is no station (县电信公司…做基站维护)', () => {
    expect(fact('我在县电信公司(中国电信)做基站维护，大专，能认定吗', 'employer.type')?.value).not.toBe('事业单位');
  });

  it('a series name inside the employer name is the workplace, not the work said', () => {
    const s = fact('我在乡镇卫生院上班，大专，20年进去的，能认定吗', 'series');
    expect(s).toMatchObject({ value: '卫生技术人员', basis: 'assumed' });
    expect(s?.firm).toBeFalsy();
  });
});

describe('schooling', () => {
  it('a verb of schooling before a school word is the education reached, not a workplace', () => {
    const f = facts('我只念完高中，在县自来水公司修管道八年了，能认个技术员吗');
    expect(f.find((x) => x.field === 'education')?.value).toBe('高中及以下');
    expect(f.find((x) => x.field === 'employer.name')?.value).not.toBe('高中');
  });

  it('still studying, a word or two between (正在读函授的本科), is not the education held', () => {
    expect(fact('中专毕业，目前正在读函授的本科，在县城投做技术，能认定吗', 'education')?.value).toBe('中专');
  });
});

describe('when the technical work started', () => {
  it('a move to a department inside the employer starts the technical work; no move between employers', () => {
    const f = facts('21年进县交投，先在办公室干了两年文秘，今年3月调到技术部搞测量，能认定吗');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).toBe('2024-03-01');
    expect(f.find((x) => x.field === 'transferDate')).toBeUndefined();
    expect(fact('19年进县水务公司，22年5月转岗做技术，能认定助工吗', 'technicalWorkStart')?.value).toBe('2022-05-01');
  });

  it('a move dated alone (no earlier date) dates the work at the current employer', () => {
    expect(fact('原来在深圳电子厂打工，去年9月回来进了县供电公司，大专，能认定吗', 'technicalWorkStart')?.value).toBe('2023-09-01');
  });

  it('the date that ends a period of work (做到去年12月) starts nothing', () => {
    const f = facts('本科园林22年7月毕业，先在苗木公司做技术做到去年12月，今年1月考进县林业站，能认定吗');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).not.toBe('2023-12-01');
    expect(f.find((x) => x.field === 'transferDate')?.value).toBe('2024-01-01');
  });

  it('考上 starts work; 当 + post + years is a duration', () => {
    expect(fact('本科，去年8月考上了乡镇农技站，能认定吗', 'technicalWorkStart')?.value).toBe('2023-08-01');
    expect(fact('中专，在县供水公司当抄表员三年了，能认定吗', 'technicalWorkStart')?.basis).toBe('assumed');
  });

  it('a diploma taken on a date is the graduation, not a title', () => {
    const f = facts('硕士，毕业证去年6月就拿了，能认定吗');
    expect(f.find((x) => x.field === 'graduationDate')?.value).toBe('2023-06-01');
    expect(f.find((x) => x.field === 'currentTitle.since')).toBeUndefined();
  });

  it('a month still to come anchors no later month (学位证11月才发，7月入职的, said in August)', () => {
    expect(fact('博士毕业证拿了，学位证11月才发，7月入职的县农科所，能认定吗', 'technicalWorkStart', '2024-08-20')?.value).toBe('2024-07-01');
  });
});

describe('levels', () => {
  it('a level word naming people (替技术员小陈问, 3个助工) is neither held nor asked', () => {
    const f = facts('替我们的技术员小陈问下：大专机电，21年进县城投，能认定吗');
    expect(f.find((x) => x.field === 'targetLevel')).toBeUndefined();
    expect(fact('公司有3个助工想认定中级，可以吗', 'targetLevel')?.value).toBe('中级');
  });

  it('a first step (想先认个技术员) is not the level asked', () => {
    expect(fact('大专，20年进县城投做技术，想先认个技术员，可以吗', 'targetLevel')).toBeUndefined();
  });

  it('of several levels held, the highest counts (技术员和助工都评过了)', () => {
    const f = facts('中专，技术员和助工都评过了，能认中级吗');
    expect(f.find((x) => x.field === 'currentTitle.level')?.value).toBe('助理级');
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('中级');
  });

  it('a held duration with 才 (助工才两年) is held, not asked', () => {
    expect(fact('大专，助工才两年，能认中级吗', 'currentTitle.level')?.value).toBe('助理级');
    expect(fact('大专，助工才两年，能认中级吗', 'targetLevel')?.value).toBe('中级');
  });

  it('a clause-final 不 asks (明年能弄个助理级不), it negates nothing', () => {
    expect(fact('大专，21年进县城投，明年能弄个助理级不', 'targetLevel')?.value).toBe('助理级');
  });

  it('school + subject + 教师 names the teachers series', () => {
    expect(fact('我是高中物理教师，本科，有教资，能认定吗', 'series')).toMatchObject({ value: '中小学教师', firm: true });
  });
});

describe('the major', () => {
  it('a major named by abbreviation (财会 = 财务 + 会计) is known, and differs from engineering work', () => {
    const f = facts('中专财会专业毕业，在县城投当施工员，能认定技术员吗');
    expect(f.find((x) => x.field === 'majorStudied')?.value).toBe('财会');
    expect(f.find((x) => x.field === 'majorRelation')?.value).toBe('不同');
  });

  it('work said to differ from an unnamed major is asked; "完全不一样" says it differs', () => {
    const s = judged('大专，学的专业和现在做的不太对口，在县城投做技术，21年进的，能认定吗');
    expect(s.outcome).toBe('needs_info');
    expect(s.missing.map((u) => u.field)).toContain('majorRelation');
    expect(fact('大专，现在做的跟学的完全不一样，在县城投做技术', 'majorRelation')).toMatchObject({ value: '不同', basis: 'said' });
  });
});

describe('open facts', () => {
  it('a review result not remembered is asked when it decides, never assumed', () => {
    const text = '本科土木，23年4月进县城投做技术，23年考核记不得是称职还是基本称职，这批能认助理吗';
    expect(fact(text, 'annualReviews.基本称职')).toMatchObject({ unknown: true });
    const s = judged(text);
    expect(s.outcome).toBe('needs_info');
    expect(s.missing.map((u) => u.field)).toContain('annualReviews.基本称职');
  });

  it('a degree certificate still to come is a condition of the answer, not a no', () => {
    const s = judged('博士毕业证6月拿了，学位证还在办，7月进的县农科所做研究，下半年能认定中级吗', '2024-08-20');
    expect(s.outcome).toBe('conditional');
    expect(s.level).toBe('中级');
  });

  it('the personnel file kept with words between (档案现在还放在县人才中心) is in the province', () => {
    expect(fact('在广东做技术，档案现在还放在县人才中心，能认定吗', 'archiveHostedInJiangxi')?.value).toBe(true);
  });
});
