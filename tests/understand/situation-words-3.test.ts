/**
 * Words the third blind set showed were misread, one mechanism each: typing mistakes, the employer
 * paying the insurance under a short name, another insurance payer, a job word every series uses,
 * a level that names a post, the window's own dates, a punishment's term, a degree still studied
 * for, 国有的 said in brackets, hearsay about the employer's type. Sentences are new, not the set's.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { asksEligibility, foldText, } from '../../src/understand/extract.js';
import { factReader } from './read-facts.js';

const policy = loadPolicy();
const NOW = '2024-04-20';
const { facts, fact } = factReader(policy, NOW);

describe('typing mistakes from the vocabulary', () => {
  it('不称值 is read as 不称职', () => {
    expect(fact('21年入职，去年考核不称值', 'annualReviews.不称职')?.value).toBe(1);
  });

  it('"能任定…吗" asks about the person’s own case', () => {
    expect(asksEligibility(foldText('我在县交通局是公务员，能任定工程师吗'), policy)).toBe(true);
  });
});

describe('who pays the insurance', () => {
  it('"社保也是交投在交": the employer itself under a short name, no other payer', () => {
    const f = facts('本科道路桥梁，在县交投公司做技术，社保也是交投在交');
    expect(f.find((x) => x.field === 'socialInsuranceEmployer')?.value).toBe(f.find((x) => x.field === 'employer.name')?.value);
  });

  it('"人力资源公司代缴" is the payer, neither the workplace nor the 经济 series', () => {
    const f = facts('在县档案馆是编外，社保是人力资源公司代缴的，大专档案学');
    expect(f.find((x) => x.field === 'socialInsuranceEmployer')?.value).not.toBe(f.find((x) => x.field === 'employer.name')?.value);
    expect(f.find((x) => x.field === 'employer.name')?.value).toContain('档案馆');
    expect(f.find((x) => x.field === 'series')?.value).not.toBe('经济专业人员');
  });
});

describe('job words, levels and dates that are not what they look like', () => {
  it('a job word every series uses (技术员) gives way to a specific one (茶叶种植)', () => {
    expect(fact('在一家做茶叶种植的私人公司当技术员，本科茶学', 'series')?.value).toBe('农业技术人员');
  });

  it('alone, the generic job word still names its series', () => {
    expect(fact('我在县城投当技术员，本科，能认什么', 'series')?.value).toBe('工程技术人员');
  });

  it('"聘在员级岗位上" is the post, not the level asked for', () => {
    expect(fact('18年拿到员级证，一直聘在员级岗位上，现在想认定助理工程师', 'targetLevel')?.value).toBe('助理级');
  });

  it('"5月8号开始报" is the window’s date, not a work start', () => {
    const f = facts('听说5月8号开始报？我大专，21年7月毕业就进了镇水利站', '2024-05-01');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).toBe('2021-07-01');
  });
});

describe('punishment, degree and employer type', () => {
  it('a punishment with its term said ends at received + term', () => {
    expect(fact('20年5月背过一个警告处分，半年就到期了', 'disciplinaryEndDate')?.value).toBe('2020-11-01');
  });

  it('a degree still studied for is not held (本科在读)', () => {
    expect(fact('大专毕业，函授本科在读，明年才毕业', 'education')?.value).toBe('大专');
  });

  it('"（国有的）" after the name says the type', () => {
    expect(fact('在县燃气公司（国有的）做管网维护', 'employer.type')).toMatchObject({ value: '国有企业', basis: 'said' });
  });

  it('hearsay about the type ("有人说是私人控股的") is never said', () => {
    expect(fact('在一家XX路桥有限公司上班，有人说是私人控股的', 'employer.type')?.basis).not.toBe('said');
  });

  it('a 党校 is the employer and teaching there is the 党校教师 series', () => {
    expect(fact('我在市委党校当老师，本科哲学', 'series')?.value).toBe('党校教师');
  });
});
