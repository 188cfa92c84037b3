import { describe, expect, it } from 'vitest';
import { addMonthsToDay, daysBetween, fullMonthsBetween, isIsoDay, todayInShanghai, formatChineseDate } from '../../src/policy/dates.js';

describe('full years and months to a cut-off (三（七）: 按周年计算)', () => {
  it('counts a year only on its anniversary: the day before, of and after', () => {
    expect(Math.floor(fullMonthsBetween('2023-07-01', '2024-06-30') / 12)).toBe(0);
    expect(Math.floor(fullMonthsBetween('2023-06-30', '2024-06-30') / 12)).toBe(1);
    expect(Math.floor(fullMonthsBetween('2023-06-29', '2024-06-30') / 12)).toBe(1);
  });
  it('tells 11 months from 12', () => {
    expect(fullMonthsBetween('2023-07-31', '2024-06-30')).toBe(11);
    expect(fullMonthsBetween('2023-06-30', '2024-06-30')).toBe(12);
  });
  it('gives a 29 February start its anniversary on 28 February in common years', () => {
    expect(addMonthsToDay('2020-02-29', 12)).toBe('2021-02-28');
    expect(fullMonthsBetween('2020-02-29', '2021-02-27')).toBe(11);
    expect(fullMonthsBetween('2020-02-29', '2021-02-28')).toBe(12);
    expect(fullMonthsBetween('2020-02-29', '2024-02-29')).toBe(48);
  });
  it('counts nothing when the start is after the cut-off', () => {
    expect(fullMonthsBetween('2024-07-01', '2024-06-30')).toBe(0);
  });
  it('clamps month ends (31 January + 1 month is the last day of February)', () => {
    expect(addMonthsToDay('2024-01-31', 1)).toBe('2024-02-29');
    expect(fullMonthsBetween('2024-01-31', '2024-02-29')).toBe(1);
  });
});

describe('calendar days in Asia/Shanghai', () => {
  it('is already the next day in Shanghai at 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2024-05-30T15:59:59Z'))).toBe('2024-05-30');
    expect(todayInShanghai(new Date('2024-05-30T16:00:00Z'))).toBe('2024-05-31');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2024-04-20', '2024-05-30')).toBe(40);
    expect(daysBetween('2024-05-30', '2024-05-30')).toBe(0);
  });
  it('rejects impossible dates', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2024-13-01')).toBe(false);
    expect(isIsoDay('2024-4-1')).toBe(false);
  });
  it('writes dates the Chinese way', () => {
    expect(formatChineseDate('2024-05-03')).toBe('2024年5月3日');
  });
});
