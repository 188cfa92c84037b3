/**
 * The reminder schedule, computed from the policy windows (rules/): for every batch a reminder on
 * the opening day, N days before closing and on the last day. Pure: the instant is a parameter.
 */
// One module per function (see src/policy/dates.ts).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { TZDate } from '@date-fns/tz';
import type { Reply } from '../messages/message.js';
import type { Policy, PolicyBatch } from '../policy/load.js';
import { TIME_ZONE, daysBetween, formatChineseDate } from '../policy/dates.js';
import type { Audience } from '../policy/windows.js';
import type { Source } from '../policy/schema.js';
import { broadcastTexts, fill, type ReminderTexts } from './texts.js';

/** When reminders go out (local hours, Asia/Shanghai); the shape of `config.reminders`. */
export interface ReminderTiming {
  hour: number;
  daysBefore: number[];
  /** Quiet hours: nothing is sent from quietStart (inclusive) to quietEnd (exclusive); may wrap midnight. */
  quietStart: number;
  quietEnd: number;
}

export const DEFAULT_TIMING: ReminderTiming = { hour: 9, daysBefore: [3], quietStart: 21, quietEnd: 8 };

export type ReminderKind = 'opening' | 'daysBefore' | 'lastDay';

/** One planned reminder of one batch. */
export interface Reminder {
  /** Stable id, the key of the durable sent-log: `2024-1.opening`, `2024-1.before-3`, `2024-1.last`. */
  id: string;
  batchId: string;
  kind: ReminderKind;
  /** The day it is meant for (YYYY-MM-DD). */
  day: string;
  /** The last day its text is still true; a missed reminder is sent late up to this day, never after. */
  validThrough: string;
  /** Subscribers with any of these audiences receive it. */
  audiences: Audience[];
  source: Source;
}

/** A reminder due now, with the text to send. */
export interface DueReminder {
  reminder: Reminder;
  /** Sent after its day (only the opening reminder can be, with its "already open" text). */
  late: boolean;
  reply: Reply;
}

function plusDays(day: string, n: number): string {
  return format(addDays(parseISO(day), n), 'yyyy-MM-dd');
}

/** All reminders of all batches, in day order; coinciding or out-of-window ones are dropped. */
export function reminderSchedule(policy: Policy, daysBefore: number[]): Reminder[] {
  const out: Reminder[] = [];
  for (const b of policy.batches) {
    const base = { batchId: b.id, audiences: [...b.audiences] as Audience[], source: b.source };
    const before = [...new Set(daysBefore)]
      .sort((x, y) => y - x)
      .map((n) => ({ n, day: plusDays(b.closes, -n) }))
      // Before opening, or on the opening day, the opening reminder already says it all.
      .filter((r) => r.day > b.opens && r.day < b.closes);
    const firstLater = before[0]?.day ?? b.closes;
    // A one-day window only gets the last-day reminder ("today is the last day" is the truer text).
    if (b.opens < b.closes) {
      out.push({ ...base, id: `${b.id}.opening`, kind: 'opening', day: b.opens, validThrough: plusDays(firstLater, -1) });
    }
    for (const r of before) out.push({ ...base, id: `${b.id}.before-${r.n}`, kind: 'daysBefore', day: r.day, validThrough: r.day });
    out.push({ ...base, id: `${b.id}.last`, kind: 'lastDay', day: b.closes, validThrough: b.closes });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
}

/** Local calendar day and hour of an instant in Asia/Shanghai. */
export function localDayHour(instant: Date | number | string): { day: string; hour: number } {
  const d = new TZDate(new Date(instant).getTime(), TIME_ZONE);
  return { day: format(d, 'yyyy-MM-dd'), hour: d.getHours() };
}

/** Local date and time of an instant, `2024-04-10 09:30` (Asia/Shanghai), for ids and status lines. */
export function localStamp(instant: Date | number | string): string {
  return format(new TZDate(new Date(instant).getTime(), TIME_ZONE), 'yyyy-MM-dd HH:mm');
}

/** True when `hour` falls in the quiet hours (which may wrap midnight, e.g. 21 → 8). */
export function isQuietHour(hour: number, t: Pick<ReminderTiming, 'quietStart' | 'quietEnd'>): boolean {
  if (t.quietStart === t.quietEnd) return false;
  return t.quietStart < t.quietEnd ? hour >= t.quietStart && hour < t.quietEnd : hour >= t.quietStart || hour < t.quietEnd;
}

function batchOf(policy: Policy, id: string): PolicyBatch {
  const b = policy.batches.find((x) => x.id === id);
  if (!b) throw new Error(`unknown batch ${id}`);
  return b;
}

/** The text of a reminder as sent on `today`, dates and clause filled from rules/. */
export function reminderReply(policy: Policy, r: Reminder, today: string, texts: ReminderTexts = broadcastTexts().reminders): Reply {
  const b = batchOf(policy, r.batchId);
  const notice = b.notice;
  const late = r.kind === 'opening' && today > r.day;
  const template = late ? texts.openingLate : texts[r.kind];
  const body = fill(template, {
    batchName: b.name,
    opens: formatChineseDate(b.opens),
    closes: formatChineseDate(b.closes),
    days: daysBetween(b.opens, b.closes) + 1,
    daysLeft: daysBetween(today, b.closes),
    system: notice.system.name,
    url: notice.system.url,
    doc: b.source.doc,
    clause: b.source.clause,
    audienceNote: b.audiences.includes('education') ? texts.educationNote : '',
  });
  return { text: `${body}\n${texts.footer}` };
}

/**
 * Reminders to send at `nowInstant`: on their day from the configured hour, or late while their text
 * is still true; never in quiet hours; never one whose id is in `sentLog` (the durable record).
 */
export function dueReminders(
  policy: Policy,
  nowInstant: Date | number | string,
  sentLog: ReadonlySet<string>,
  timing: ReminderTiming = DEFAULT_TIMING,
  texts?: ReminderTexts,
): DueReminder[] {
  const { day, hour } = localDayHour(nowInstant);
  if (isQuietHour(hour, timing)) return [];
  return reminderSchedule(policy, timing.daysBefore)
    .filter((r) => !sentLog.has(r.id))
    .filter((r) => r.day <= day && day <= r.validThrough)
    .filter((r) => day > r.day || hour >= timing.hour)
    .map((r) => ({ reminder: r, late: day > r.day, reply: reminderReply(policy, r, day, texts) }));
}
