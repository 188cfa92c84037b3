/** Chinese numerals as people type them in answers and dates (三年, 十二月, 两次). */

/** One Chinese digit (两 and 俩 are 2, 〇 is 0) → its value. */
export const chineseDigits: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral (零..九十九, 一百) or ASCII digits → number; undefined when it is neither. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两俩三四五六七八九十百]+$/.test(s)) return undefined;
  if (s === '一百') return 100;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? chineseDigits[s] : undefined;
  const tens = ten === 0 ? 1 : chineseDigits[s.slice(0, ten)];
  const unitStr = s.slice(ten + 1);
  const unit = unitStr === '' ? 0 : chineseDigits[unitStr];
  if (tens === undefined || unit === undefined || unitStr.length > 1 || ten > 1) return undefined;
  return tens * 10 + unit;
}
