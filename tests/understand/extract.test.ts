/** Understanding what people say about themselves: each kind of fact, and whether it was said or assumed. */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { understand, seriesFromWords } from '../../src/understand/extract.js';
import type { Fact, FactField } from '../../src/understand/facts.js';

const policy = loadPolicy();
const NOW = '2024-04-20';
const facts = (text: string, now = NOW) => understand(text, policy, now).facts;
const fact = (text: string, field: FactField, now = NOW): Fact | undefined => facts(text, now).find((f) => f.field === field);

describe('understanding free text', () => {
  it('reads the series from job words, marked as assumed, and from a series name, marked as said', () => {
    expect(fact('我在县电视台做记者', 'series')).toMatchObject({ value: '新闻专业人员', basis: 'assumed', words: '记者' });
    expect(fact('我是护士', 'series')?.value).toBe('卫生技术人员');
    expect(fact('在乡镇上修路的', 'series')?.value).toBe('工程技术人员');
    expect(fact('在县自来水公司做技术', 'series')?.value).toBe('工程技术人员');
    expect(fact('他搞农技推广', 'series')?.value).toBe('农业技术人员');
    expect(fact('我教初中语文', 'series')).toMatchObject({ value: '中小学教师' });
    expect(fact('我教初中语文', 'employer.kind')?.value).toBe('中小学');
    expect(fact('我是工程技术人员', 'series')).toMatchObject({ value: '工程技术人员', basis: 'said' });
  });

  it('reads education, 专科 as 大专 and 研究生 as 硕士, and ignores a school in a job (中专老师)', () => {
    expect(fact('我专科毕业', 'education')).toMatchObject({ value: '大专', basis: 'said' });
    expect(fact('研究生学历', 'education')?.value).toBe('硕士');
    expect(fact('我是中专老师，本科学历', 'education')?.value).toBe('本科');
  });

  it('reads graduation and start of work, relative dates from now, a lone month in the year before it', () => {
    const f = facts('我2023年6月本科毕业，7月进的县交通投资集团');
    expect(f.find((x) => x.field === 'graduationDate')).toMatchObject({ value: '2023-06-01', basis: 'said' });
    expect(f.find((x) => x.field === 'technicalWorkStart')).toMatchObject({ value: '2023-07-01', basis: 'said' });
    expect(fact('23年7月进的单位', 'technicalWorkStart')?.value).toBe('2023-07-01');
    expect(fact('前年6月毕业的', 'graduationDate')?.value).toBe('2022-06-01');
    expect(fact('前年6月毕业的', 'graduationDate', '2025-03-01')?.value).toBe('2023-06-01');
  });

  it('reads durations back from now: 毕业十年了 is a graduation, 工作三年了 a start of work, never the year 2010', () => {
    expect(fact('中专毕业10年了，一直在私人工厂做电工', 'graduationDate')?.range).toEqual(['2014-03-01', '2014-04-01']);
    expect(fact('在县城投工作三年了', 'technicalWorkStart')?.value).toBe('2021-04-01');
  });

  it('does not read 高中毕业 as working at a school', () => {
    expect(fact('我高中毕业，在县水务公司做技术员', 'employer.kind')).toBeUndefined();
    expect(fact('我在村小当老师', 'employer.kind')?.value).toBe('中小学');
  });

  it('keeps a year without a month as a range, and 毕业就进了 as work from graduation', () => {
    const w = fact('2019年来的县水利站', 'technicalWorkStart');
    expect(w).toMatchObject({ basis: 'assumed', range: ['2019-01-01', '2019-12-01'] });
    expect(fact('2022年7月毕业就进了县城投', 'technicalWorkStart')?.value).toBe('2022-07-01');
  });

  it('reads the employer type: said outright, assumed from a name (kept as an assumption), or 机关', () => {
    expect(fact('在县水利站（事业单位）', 'employer.type')).toMatchObject({ value: '事业单位', basis: 'said' });
    expect(fact('在县自来水公司做技术', 'employer.type')).toMatchObject({ value: '国有企业', basis: 'assumed' });
    expect(fact('县城投做施工', 'employer.type')).toMatchObject({ value: '国有企业', basis: 'assumed', firm: true });
    expect(fact('在乡镇水利站上班', 'employer.type')).toMatchObject({ value: '事业单位', basis: 'assumed' });
    expect(fact('我是局机关的', 'employer.type')).toMatchObject({ value: '机关', basis: 'said' });
    expect(fact('我是公务员', 'employer.type')?.value).toBe('机关');
  });

  it('reads the province from place names: 寻乌/赣州 are Jiangxi, 在广东 is not', () => {
    expect(fact('在寻乌县水务公司', 'employer.province')?.value).toBe('江西');
    expect(fact('在广东一家国企', 'employer.province')?.value).toBe('广东');
  });

  it('reads who pays social insurance: 劳务派遣 / 人力资源公司代缴 is another unit', () => {
    expect(fact('社保是人力资源公司代缴的', 'socialInsuranceEmployer')?.basis).toBe('said');
    expect(fact('我是劳务派遣到县医院的', 'socialInsuranceEmployer')).toBeDefined();
    expect(fact('社保是人力资源公司代缴的，能开隶属关系证明', 'hasAffiliationProof')?.value).toBe(true);
  });

  it('reads certificates held or not: 教资笔试过了面试还没过 is not held', () => {
    expect(fact('教资笔试过了面试还没过', 'certificates')?.value).toEqual([]);
    expect(fact('有高中语文教资', 'certificates')?.value).toEqual(['教师资格']);
    // The certificate's words are not the job 教师.
    expect(fact('教师资格证还没拿到，在县医院做护士', 'series')?.value).toBe('卫生技术人员');
  });

  it('reads a certificate passed but not in hand as an assumption, and 学历学位 both or not', () => {
    const f = facts('教资面试7月过了，证书说要11月才能发下来');
    expect(f.find((x) => x.field === 'certificatePending')?.value).toBe('教师资格');
    expect(f.find((x) => x.field === 'certificates')?.basis).toBe('assumed');
    expect(fact('博士，毕业证学位证都拿到了', 'hasDegree')?.value).toBe(true);
    expect(fact('博士只有学位证没有毕业证', 'hasDegree')?.value).toBe(false);
  });

  it('reads the social-insurance payer named in a phrase', () => {
    expect(fact('在福建一家国企，社保在福建交', 'socialInsuranceEmployer')?.value).toBe('福建');
    const own = facts('在县城投上班，社保是单位交的');
    expect(own.find((x) => x.field === 'socialInsuranceEmployer')?.value).toBe(own.find((x) => x.field === 'employer.name')?.value);
    expect(fact('2022届本科毕业生', 'graduationDate')?.range).toEqual(['2022-06-01', '2022-07-01']);
  });

  it('reads a title held and since when, apart from the level asked for', () => {
    const f = facts('中专，2019年认定了员级，现在能升助理馆员吗');
    expect(f.find((x) => x.field === 'currentTitle.level')?.value).toBe('员级');
    expect(f.find((x) => x.field === 'currentTitle.since')?.range).toEqual(['2019-01-01', '2019-12-01']);
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('助理级');
    expect(fact('这次能认定助理工程师吗', 'targetLevel')?.value).toBe('助理级');
    expect(fact('能认定技术员吗', 'targetLevel')?.value).toBe('员级');
  });

  it('reads annual reviews (基本称职 once) and punishments with their end', () => {
    expect(fact('去年年度考核基本称职一次', 'annualReviews.基本称职')).toMatchObject({ value: 1, basis: 'said' });
    expect(fact('22年23年年度考核都是基本称职两次', 'annualReviews.基本称职')?.value).toBe(2);
    expect(fact('考核都合格', 'annualReviews.基本称职')?.value).toBe(0);
    expect(fact('受过警告处分，2023年6月期满', 'disciplinaryEndDate')?.value).toBe('2023-06-01');
    expect(fact('去年10月受了个警告处分', 'punishmentReceived')?.value).toBe('2023-10-01');
    expect(fact('没受过处分', 'punished')?.value).toBe(false);
  });

  it('reads the studied major against the job: 会计 studied, 农技 done, is a different field', () => {
    expect(fact('大专学的会计，现在在乡镇农技站搞农技推广', 'majorRelation')?.value).toBe('不同');
    expect(fact('本科农学的，在乡镇农技站搞植保', 'majorRelation')?.value).toBe('相同');
  });

  it('tells a message about a person and an ask about eligibility from a general question', () => {
    const u = understand('替我们单位小刘问一下：他中专，能认定技术员吗', policy, NOW);
    expect(u.personal && u.asksEligibility).toBe(true);
    expect(understand('申报材料要盖几个章', policy, NOW).asksEligibility).toBe(false);
  });

  it('gives the interview the series of a job description', () => {
    expect(seriesFromWords('县自来水公司做技术', policy)).toBe('工程技术人员');
    expect(seriesFromWords('教初中语文', policy)).toBe('中小学教师');
    expect(seriesFromWords('今天天气不错', policy)).toBeUndefined();
  });
});
