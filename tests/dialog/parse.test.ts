/** Chinese answers as people type them. */
import { describe, expect, it } from 'vitest';
import { countNextTo, dateProblem, isUnknownAnswer, matchChoice, parseCount, parseDate, parseMonthOf, parseYearOnly, parseYesNo } from '../../src/dialog/parse.js';
import { loadDialogs } from '../../src/dialog/load.js';

const now = '2024-04-20';
const words = loadDialogs().interview.words;

describe('dates', () => {
  it.each([
    ['2019年7月', '2019-07-01'],
    ['2019.7', '2019-07-01'],
    ['19年7月1日', '2019-07-01'],
    ['2019-07', '2019-07-01'],
    ['2019/7/15', '2019-07-15'],
    ['去年7月', '2023-07-01'],
    ['前年6月', '2022-06-01'],
    ['今年3月', '2024-03-01'],
    ['二〇一九年七月', '2019-07-01'],
    ['２０１９年７月', '2019-07-01'],
    ['2019年7月毕业', '2019-07-01'],
    ['2019年12月31号', '2019-12-31'],
  ])('%s → %s', (input, iso) => expect(parseDate(input, now)?.date).toBe(iso));

  it.each(['前年夏天', '2019年', '2019年13月', '2023年2月30日', '很久以前', ''])('rejects %s', (input) => expect(parseDate(input, now)).toBeUndefined());

  it('marks month-only dates', () => {
    expect(parseDate('2019年7月', now)?.monthOnly).toBe(true);
    expect(parseDate('2019年7月5日', now)?.monthOnly).toBe(false);
  });
});

describe('numbers', () => {
  it.each([['3', 3], ['三年', 3], ['两次', 2], ['十二', 12], ['零', 0], ['没有', 0], ['1次', 1]])('%s → %d', (input, n) =>
    expect(parseCount(input, words.zero)).toBe(n),
  );
  it.each(['很多', '-1', 'abc'])('rejects %s', (input) => expect(parseCount(input, words.zero)).toBeUndefined());
});

describe('yes/no', () => {
  it.each(['是', '是的', '对', '有', '嗯', '有的', '可以'])('%s is yes', (w) => expect(parseYesNo(w, words.yes, words.no)).toBe(true));
  it.each(['没有', '不是', '否', '没', '还没有', '不对'])('%s is no', (w) => expect(parseYesNo(w, words.yes, words.no)).toBe(false));
  it('does not guess', () => expect(parseYesNo('随便', words.yes, words.no)).toBeUndefined());
});

describe('choices', () => {
  const opts = [
    { value: '本科', label: '本科', aliases: ['大学本科', '学士', '大学'] },
    { value: '大专', label: '大专', aliases: ['专科', '高职'] },
  ];
  it.each([['1', '本科'], ['2', '大专'], ['第二项', '大专'], ['大学本科', '本科'], ['学士', '本科'], ['我是本科毕业的', '本科'], ['专科', '大专']])('%s → %s', (input, v) =>
    expect(matchChoice(input, opts)?.value).toBe(v),
  );
  it('an out-of-range number matches nothing', () => expect(matchChoice('3', opts)).toBeUndefined());
});

describe('"I don\'t know" is its own answer', () => {
  it.each(['不知道', '我也不清楚', '不确定', '不记得了', '没问过', '这个不太清楚'])('%s is unknown', (w) => expect(isUnknownAnswer(w, words.unknown, words.notUnknown)).toBe(true));
  it.each(['不知道怎么填', '不清楚是什么意思？', '是', '没有', '江西'])('%s is not', (w) => expect(isUnknownAnswer(w, words.unknown, words.notUnknown)).toBe(false));
  it('is never a no', () => {
    for (const w of ['不知道', '不清楚', '不确定', '不记得']) expect(parseYesNo(w, words.yes, words.no)).toBeUndefined();
  });
});

describe('a year without its month', () => {
  it.each([['2022年', 2022], ['2022', 2022], ['22年毕业', 2022], ['前年毕业', 2022], ['去年', 2023], ['今年', 2024]])('%s → %d', (input, y) => expect(parseYearOnly(input, now)).toBe(y));
  it.each(['2022年6月', '去年7月', '很久以前'])('%s is not a year alone', (input) => expect(parseYearOnly(input, now)).toBeUndefined());
  it.each([['6月', '2022-06-01'], ['6', '2022-06-01'], ['六月份', '2022-06-01'], ['6月15日', '2022-06-15']])('then %s → %s', (input, iso) => expect(parseMonthOf(input, 2022)?.date).toBe(iso));
  it('a month out of range is no month', () => expect(parseMonthOf('13', 2022)).toBeUndefined());
});

describe('plausible dates', () => {
  const limits = { minYear: 1950, maxYearsAhead: 10 };
  it('refuses 9999 and 1900 as implausible, tomorrow as future', () => {
    expect(dateProblem('9999-06-01', now, false, limits)).toBe('implausible');
    expect(dateProblem('1900-06-01', now, true, limits)).toBe('implausible');
    expect(dateProblem('2024-04-21', now, true, limits)).toBe('future');
    expect(dateProblem('2024-04-20', now, true, limits)).toBeUndefined();
    expect(dateProblem('2026-06-01', now, false, limits)).toBeUndefined();
  });
});

describe('a count said with the answer', () => {
  it.each([
    ['去年年度考核基本称职一次', '基本称职', 1],
    ['有两次基本称职', '基本称职', 2],
    ['基本称职2次，不称职1次', '不称职', 1],
    ['基本称职2次，不称职1次', '基本称职', 2],
  ])('%s: %s → %d', (text, word, n) => expect(countNextTo(text, word)).toBe(n));
  it('does not read 不称职 inside 基本称职', () => expect(countNextTo('基本称职一次', '不称职')).toBeUndefined());
});
