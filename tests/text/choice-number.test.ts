import { describe, expect, it } from 'vitest';
import { choiceByNumber, typedNumber } from '../../src/text/choice-number.js';

describe('a typed number picks a choice (one rule for every channel and the interview)', () => {
  it.each([
    ['2', 2],
    [' ２ ', 2],
    ['②', 2],
    ['第二', 2],
    ['第二项', 2],
    ['2.', 2],
    ['2、', 2],
    ['第2个', 2],
    ['十二', 12],
  ])('%s names %d', (text, n) => expect(typedNumber(text)).toBe(n));

  it.each(['2022.6', '123', '大学本科', '2个人', '第', '', '1.5'])('%s is not just a number', (text) => expect(typedNumber(text)).toBeUndefined());

  it('picks by position and never out of range', () => {
    const choices = ['资格自测', '政策问答'];
    expect(choiceByNumber('1', choices)).toBe('资格自测');
    expect(choiceByNumber('第二', choices)).toBe('政策问答');
    expect(choiceByNumber('3', choices)).toBeUndefined();
    expect(choiceByNumber('0', choices)).toBeUndefined();
    expect(choiceByNumber('1', undefined)).toBeUndefined();
  });
});
