/**
 * Calendar-date maths in Asia/Shanghai. Dates are `YYYY-MM-DD` strings; only the edge
 * (`todayInShanghai`) reads the clock.
 */
// One module per function: the package index pulls in ~250 modules, which costs start-up time.
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { TZDate } from '@date-fns/tz';

export const TIME_ZONE = 'Asia/Shanghai';

/** Today's calendar date in Asia/Shanghai for the given instant (defaults to the real clock). */
export function todayInShanghai(instant: Date = new Date()): string {
  return format(new TZDate(instant.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parseISO(s);
  return !Number.isNaN(d.getTime()) && format(d, 'yyyy-MM-dd') === s;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `day` plus `months` calendar months; a missing day clamps to the month's end (2020-02-29 + 12 →
 * 2021-02-28), as date-fns `addMonths` does. Integer arithmetic: this is on the per-verdict path.
 */
export function addMonthsToDay(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m0 = Number(day.slice(5, 7)) - 1 + months;
  const ny = y + Math.floor(m0 / 12);
  const nm = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${pad(ny, 4)}-${pad(nm + 1)}-${pad(Math.min(Number(day.slice(8, 10)), last))}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/**
 * Full months (周月) from `start` to `end`: the number of month-anniversaries of `start` on or before
 * `end`. Full years are `Math.floor(fullMonths / 12)`.
 */
export function fullMonthsBetween(start: string, end: string): number {
  if (end < start) return 0;
  let n = (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + (Number(end.slice(5, 7)) - Number(start.slice(5, 7)));
  while (n > 0 && addMonthsToDay(start, n) > end) n--;
  return Math.max(0, n);
}

/** `2024-05-30` → `2024年5月30日`. */
export function formatChineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
