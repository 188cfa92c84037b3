/** Chinese answers as people type them. */
import { describe, expect, it } from 'vitest';
import { matchChoice, parseCount, parseDate, parseYesNo } from '../../src/dialog/parse.js';
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
