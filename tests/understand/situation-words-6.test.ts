/**
 * Mechanisms of round 6, each from the classes of misses of sit-ta and sit-4: spaces as clause marks
 * in chat messages, a title held with its date, the insurance payer beside the workplace, counted
 * reviews, pending certificates. Sentences are new, not the sets'.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { foldText, understand } from '../../src/understand/extract.js';
import type { Fact, FactField } from '../../src/understand/facts.js';

const policy = loadPolicy();
const NOW = '2024-05-10';
const facts = (text: string, now = NOW) => understand(text, policy, now).facts;
const fact = (text: string, field: FactField, now = NOW): Fact | undefined => facts(text, now).find((f) => f.field === field);

describe('spaces separate the clauses of a chat message', () => {
  it('a space between Chinese words is a clause mark, inside a number it is dropped', () => {
    expect(foldText('大专 在县水务 2020 年毕业')).toBe('大专，在县水务，2020年毕业');
  });

  it('"19年评了技术员 现在能报助工吗": the level held and the level asked stay apart', () => {
    const f = facts('大专 19年评了技术员 在县供水公司 现在能报助工吗');
    expect(f.find((x) => x.field === 'currentTitle.level')?.value).toBe('员级');
    expect(f.find((x) => x.field === 'currentTitle.since')?.value).toBe('2019-12-01');
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('助理级');
    expect(fact('中专 做了三年 当技术员 能评助理工程师吗', 'targetLevel')?.value).toBe('助理级');
  });

  it('an ask that runs across a space still asks ("想直接认员级 这次行不行")', () => {
    expect(understand('大专 去年进的县供水公司 想直接认员级 这次行不行', policy, NOW).asksEligibility).toBe(true);
  });

  it('"能转助理级吗" asks about the person’s own case', () => {
    expect(understand('中专 林业站 17年评上技术员 今年能转助理级吗', policy, NOW).asksEligibility).toBe(true);
  });
});

describe('the insurance payer compared with the employer', () => {
  const payerDiffers = (text: string) => {
    const f = facts(text);
    return f.find((x) => x.field === 'socialInsuranceEmployer')?.value !== f.find((x) => x.field === 'employer.name')?.value;
  };

  it('the employer under a shorter name, with an adverb before the verb, is the same unit', () => {
    expect(payerDiffers('在县档案馆上班，社保是档案馆直接交的，能认助理馆员吗')).toBe(false);
    expect(payerDiffers('在县交投公司做技术，社保还是交投在交，能认助工吗')).toBe(false);
  });

  it('a unit above or below the employer is another unit, even under the same name', () => {
    expect(payerDiffers('在县水务集团下属的分公司上班，社保是水务集团总部交的，能认助工吗')).toBe(true);
    expect(payerDiffers('在定南分公司做技术，社保在南昌总公司交，能认助工吗')).toBe(true);
    expect(payerDiffers('在供电公司做运维，社保挂在母公司那边，能认助工吗')).toBe(true);
  });

  it('the same rank word on both sides is the same unit', () => {
    expect(payerDiffers('在县燃气集团上班，社保也是集团交的，能认助工吗')).toBe(false);
  });

  it('"申报单位挂的是…": the payer is compared with the unit that applies', () => {
    expect(payerDiffers('我在交投的子公司上班，社保在子公司交，申报单位挂的是交投集团，能报助理吗')).toBe(true);
  });
});
