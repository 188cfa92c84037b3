/** Typos by sound in what people write about themselves: a pinyin homophone of a vocabulary word is read as that word. */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { understand } from '../../src/understand/extract.js';
import { spellRight } from '../../src/understand/spelling.js';

const policy = loadPolicy();
// No typo list at all: only sound (and the vocabulary's words) can read these.
const soundOnly = { ...policy.vocabulary, typos: {} };
const NOW = '2024-04-20';

describe('typos by sound in situations', () => {
  it('reads homophones of vocabulary words that no list names', () => {
    expect(spellRight('我2018年人定的技术员', soundOnly)).toBe('我2018年认定的技术员');
    expect(spellRight('工作年线够吗', soundOnly)).toBe('工作年限够吗');
    expect(spellRight('我有中级职成', soundOnly)).toBe('我有中级职称');
    expect(spellRight('社宝交了3年', soundOnly)).toBe('社保交了3年');
    expect(spellRight('考合都是合格', soundOnly)).toBe('考核都是合格');
    expect(spellRight('住理工程师', soundOnly)).toBe('助理工程师');
  });

  it('leaves correct words and everyday text unchanged', () => {
    for (const t of ['我2018年认定的技术员', '我是办公室主任', '年限够了吗', '本科毕业设计是道路', '我会记得交', '现在在办', '再办一次', '完了', '教资考了两次还没过'])
      expect(spellRight(t, soundOnly)).toBe(t);
  });

  it('understands a description with such typos as the one spelled right', () => {
    const facts = (t: string) => understand(t, policy, NOW).facts.map((f) => [f.field, f.value]);
    expect(facts('我2018年人定的技术员，能报助理工程师吗')).toEqual(facts('我2018年认定的技术员，能报助理工程师吗'));
    expect(facts('我是主理工程师')).toEqual(facts('我是助理工程师'));
    expect(facts('2015年毕页，本科')).toEqual(facts('2015年毕业，本科'));
    expect(facts('近三年年度考合都是称职')).toEqual(facts('近三年年度考核都是称职'));
  });
});
