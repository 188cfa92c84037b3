import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { loadKnowledge, type KnowledgeBaseInternals } from '../../src/knowledge/index.js';
import { createNormalizer } from '../../src/knowledge/normalize.js';

let kb: KnowledgeBaseInternals;
beforeAll(() => {
  kb = loadKnowledge(loadPolicy());
});

describe('normalisation', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(kb.normalize('職稱申報需要哪些材料')).toBe('职称申报需要哪些材料');
  });

  it('turns full-width letters, digits and spaces into half-width, and lowers case', () => {
    expect(kb.normalize('ＰＤＦ　２ＭＢ')).toBe('pdf 2mb');
    expect(kb.normalize('ＰＤＦ多大')).toBe('pdf大小');
  });

  it('drops punctuation and fixes common typos and homophones from the lexicon', () => {
    expect(kb.normalize('社宝证明，要传吗？？')).toBe('社保证明 要传吗');
    expect(kb.normalize('职程认订')).toBe('职称认定');
  });

  it('reads a clause-final 不 as the spoken question particle, not a negation', () => {
    expect(kb.normalize('能报不？')).toBe('能报吗');
    expect(kb.normalize('可以认定不，急')).toBe('可以认定吗 急');
    expect(kb.normalize('要不要传')).toBe('要不要传');
  });

  it('names a batch by the month of its window, read from rules/: 4月那批 is the first, 十月份的那一批 the second', () => {
    expect(kb.normalize('4月那批几号截止')).toBe('第一批什么时候截止');
    expect(kb.normalize('十月份的那一批')).toBe('第二批');
    expect(kb.normalize('我2019年4月毕业')).toBe('我2019年4月毕业');
  });

  it('takes the months from the windows it is given, so next year\'s dates need no code change', () => {
    const lex = kb.data.lexicon;
    const moved = createNormalizer(lex, [{ name: '第一批', months: [3] }, { name: '第二批', months: [9] }]);
    expect(moved('3月那批')).toBe('第一批');
    expect(moved('4月那批')).toBe('4月那批');
    expect(moved('9月这批')).toBe('第二批');
    // A month two batches share names neither.
    expect(createNormalizer(lex, [{ name: '第一批', months: [5] }, { name: '第二批', months: [5] }])('5月那批')).toBe('5月那批');
  });

  it('adds what a bare day means in the windows: the last day, just after it, the employers\' deadline', () => {
    expect(kb.normalize('11月20号是最后一天吗')).toBe('11月20号 截止当天 是最后一天吗');
    expect(kb.normalize('5月31号才上传')).toBe('5月31号 截止以后 才上传');
    expect(kb.normalize('12月20号')).toBe('12月20号 单位完成期限');
    expect(kb.normalize('我2019年6月1日毕业')).toBe('我2019年6月1日毕业');
  });

  it('maps English and colloquial words to the wording of the knowledge file', () => {
    expect(kb.normalize('Deadline是啥时候')).toBe('截止是什么时候');
    expect(kb.normalize('know')).toBe('know'); // whole English words only: "now" inside "know" stays
  });
});

describe('the same question in other forms gets the same answer', () => {
  it.each([
    ['现在能报吗', '現在能報嗎'],
    ['社保证明要上传吗', '社宝证明要上传吗'],
    ['申报网址是多少', '申报网址是多少？'],
    ['截止时间', 'deadline是哪天'],
  ])('%s ≈ %s', (a, b) => {
    const x = kb.ask(a, '2024-04-20');
    const y = kb.ask(b, '2024-04-20');
    expect(x.found).toBe(true);
    expect(y.entry).toBe(x.entry);
  });
});
