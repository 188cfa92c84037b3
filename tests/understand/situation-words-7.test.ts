/**
 * Mechanisms of round 7, from the classes of misses of sit-5 and sit-6: a post word after a longer
 * job description, a move said only by its date after earlier work, a generic job word against
 * the workplace's series, self-descriptions that end in an ask. Sentences are new, not the sets'.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { understand } from '../../src/understand/extract.js';
import type { Fact, FactField } from '../../src/understand/facts.js';

const policy = loadPolicy();
const NOW = '2024-05-10';
const facts = (text: string, now = NOW) => understand(text, policy, now).facts;
const fact = (text: string, field: FactField, now = NOW): Fact | undefined => facts(text, now).find((f) => f.field === field);

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
