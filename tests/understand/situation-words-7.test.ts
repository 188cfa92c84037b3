/**
 * Mechanisms of round 7, from the classes of misses of sit-5 and sit-6: a post word after a longer
 * job description, a move said only by its date after earlier work, a generic job word against
 * the workplace's series, self-descriptions that end in an ask. Sentences are new, not the sets'.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { understand } from '../../src/understand/extract.js';
import { factReader } from './read-facts.js';

const policy = loadPolicy();
const NOW = '2024-05-10';
const { facts, fact } = factReader(policy, NOW);

describe('a post word is never the level asked', () => {
  it('"做桥梁检测技术员": a verb of work and several job words before the title word', () => {
    expect(fact('我22年7月本科毕业，8月到县路桥公司做桥梁检测技术员，这批能报吗', 'targetLevel')).toBeUndefined();
    expect(fact('中专，21年去了县供水公司担任管网维修技术员，能认定吗', 'targetLevel')).toBeUndefined();
  });

  it('a title asked for in the same clause is still the level asked', () => {
    expect(fact('在县水务公司上班，想认定技术员', 'targetLevel')?.value).toBe('员级');
  });
});

describe('a move said only by its date, after earlier work', () => {
  it('"先在…干了…，X年X月进的…": the later start is the move; the employer is the one moved to', () => {
    const f = facts('大专电气专业，19年7月毕业，先在一家民营电器厂干了三年，22年9月进的县供电公司，能认定助工吗');
    expect(f.find((x) => x.field === 'transferDate')?.value).toBe('2022-09-01');
    expect(f.find((x) => x.field === 'employer.type')?.value).toBe('国有企业');
  });

  it('a period from one date to another is earlier work; the date that ends it is no move', () => {
    const f = facts('本科农学，21年7月到22年底在一家种苗公司搞技术，23年3月才进的县农技站，能认助理吗');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).toBe('2021-07-01');
    expect(f.find((x) => x.field === 'transferDate')?.value).toBe('2023-03-01');
    expect(f.find((x) => x.field === 'employer.name')?.value).toBe('县农技站');
  });

  it('without earlier work, graduation then a start of work is no move', () => {
    expect(fact('本科土木，22年7月毕业，8月进的县城投，能认助工吗', 'transferDate')).toBeUndefined();
  });
});

describe('a generic job word gives way to the workplace', () => {
  it('"在县国有林场做技术": the workplace’s series, not engineering', () => {
    expect(fact('本科，去年7月进县国有林场做技术，能认定吗', 'series')?.value).toBe('农业技术人员');
  });

  it('with no workplace series, the generic word still reads as engineering', () => {
    expect(fact('大专，21年进了一家公司做技术，能认定吗', 'series')?.value).toBe('工程技术人员');
  });
});

describe('a self-description that ends in an ask about itself', () => {
  const situational = (text: string) => {
    const u = understand(text, policy, NOW);
    return u.asksEligibility;
  };

  it('"我这种情况行不行", "他这样的能认吗": pointing at one’s own case is the ask', () => {
    expect(situational('大专，县水利站做测量三年，想知道认定要几年，我这种情况有戏吗')).toBe(true);
    expect(situational('同事中专毕业，在林场搞育苗，问问他这样的符合不')).toBe(true);
  });

  it('"有没有办法认定…" (also typed 版法) asks about the case', () => {
    expect(situational('初中文化，在村里养猪十几年了，有没有办法评个技术员')).toBe(true);
    expect(situational('中专，在县自来水公司修管子，有没有版法认个员级')).toBe(true);
  });

  it('"想认定…，怎么弄" after a self-description is the ask; "怎么弄" alone is not', () => {
    expect(situational('本科会计，在县城投做出纳三年了，想认定助理会计师，怎么弄')).toBe(true);
    expect(situational('认定的材料怎么弄')).toBe(false);
  });
});

describe('the insurance payer and the employer', () => {
  it('"在养护部上班，社保是交投自己交的": the employer itself pays, the department is part of it', () => {
    const f = facts('本科，去年进的县交投，在养护部上班，社保是交投自己交的，能认助工吗');
    expect(f.find((x) => x.field === 'socialInsuranceEmployer')?.value).toBe(f.find((x) => x.field === 'employer.name')?.value);
  });

  it('"在技术部搞设计": a department is not the employer', () => {
    expect(fact('大专，21年进的县城投，在技术部搞管网设计，能认定吗', 'employer.name')?.value).not.toBe('技术部');
  });
});

describe('months still to come this year', () => {
  it('"毕业证8月才发 … 9月入职" asked in May: this year, not last year', () => {
    const f = facts('硕士7月份毕业，毕业证8月才发，9月入职县设计院，能认助工吗', '2024-05-10');
    expect(f.find((x) => x.field === 'technicalWorkStart')?.value).toBe('2024-09-01');
  });

  it('"8月份硕士毕业" said in May, with no 了/的 after the verb: still to come', () => {
    expect(fact('我8月份硕士毕业 9月入职县设计院 今年能认助工吗', 'graduationDate', '2024-05-10')?.value).toBe('2024-08-01');
  });

  it('a past month alone, with nothing said of the future, is last year’s', () => {
    expect(fact('本科，9月进的县设计院，能认助工吗', 'technicalWorkStart', '2024-05-10')?.value).toBe('2023-09-01');
    expect(fact('本科，8月毕业了，9月就进县设计院上班了，能认助工吗', 'graduationDate', '2024-05-10')?.value).toBe('2023-08-01');
  });
});

describe('research in the field studied is close to the major', () => {
  it('an engineering or agricultural major doing 科研 is 相近, not a different field (三（二）)', () => {
    expect(fact('本科土木，22年7月进了县建筑科学研究所做科研，能认助理吗', 'majorRelation')?.value).toBe('相近');
    expect(fact('硕士，学的植物保护，去年进了市里的研究院做科研，能认吗', 'majorRelation')?.value).toBe('相近');
  });

  it('a major with no tie to the research field still differs', () => {
    expect(fact('本科会计，22年7月进了县建筑科学研究所做科研，能认助理吗', 'majorRelation')?.value).toBe('不同');
  });
});

describe('a date of the person’s plan to apply is not theirs', () => {
  it('"上个月本来要报的" is no start of work', () => {
    expect(fact('本科，20年毕业就在县水务公司，上个月本来要报的没赶上，下批能报吗', 'technicalWorkStart', '2024-06-05')?.value).toBe('2020-12-01');
  });
});

describe('history studied fits the museum series', () => {
  it('a 历史学 graduate at a county museum works in the field studied', () => {
    expect(fact('本科历史学，22年7月进的县博物馆做陈列讲解，能认助理吗', 'majorRelation')?.value).toBe('相同');
  });
});
