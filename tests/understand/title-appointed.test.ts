/**
 * A title the employer appointed the person to ("单位聘的技术员", "聘我为技术员") is a title held,
 * and its date is when it was held from: the years for the next level count from it (办法第五条（二）（三）).
 * Sentences are new, not any set's.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { understand } from '../../src/understand/extract.js';

const policy = loadPolicy();
const field = (text: string, name: string) => understand(text, policy, '2024-05-10').facts.find((f) => f.field === name);

describe('a title appointed by the employer is held since its date', () => {
  it('"18年5月单位聘的技术员": 员级 held since 2018-05, 助理级 asked', () => {
    const t = '中专学历，18年5月单位聘的技术员，在县水利站，现在能认助理工程师吗';
    expect(field(t, 'currentTitle.level')?.value).toBe('员级');
    expect(field(t, 'currentTitle.since')?.value).toBe('2018-05-01');
    expect(field(t, 'targetLevel')?.value).toBe('助理级');
  });

  it('"单位20年3月聘我为技术员": the same, with the verb before the title', () => {
    const t = '大专毕业，单位20年3月聘我为技术员，一直在乡镇农技站，能不能升助理农艺师';
    expect(field(t, 'currentTitle.level')?.value).toBe('员级');
    expect(field(t, 'currentTitle.since')?.value).toBe('2020-03-01');
  });

  it('a post held ("一直聘在员级岗位上") is not a title held', () => {
    expect(field('中专，一直聘在员级岗位上，能认定吗', 'currentTitle.since')).toBeUndefined();
  });
});
