import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { dueReminders, isQuietHour, reminderSchedule, type ReminderTiming } from '../../src/broadcast/schedule.js';
import { enqueueDueReminders } from '../../src/broadcast/reminders.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { AuditLog } from '../../src/broadcast/audit.js';
import { memoryStore, tempDir } from './helpers.js';

const policy = loadPolicy();
const timing: ReminderTiming = { hour: 9, daysBefore: [3], quietStart: 21, quietEnd: 8 };
/** An instant at `hh:mm` local time (Asia/Shanghai, UTC+8) on `day`. */
const at = (day: string, hh: number, mm = 0) => new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const ids = (day: string, hh: number, sent: string[] = [], t = timing) => dueReminders(policy, at(day, hh), new Set(sent), t).map((d) => d.reminder.id);

describe('reminder schedule from the policy windows', () => {
  it('plans the opening day, 3 days before closing and the last day of every batch', () => {
    const s = reminderSchedule(policy, [3]).map((r) => `${r.id}@${r.day}`);
    expect(s).toEqual([
      '2024-1.opening@2024-04-10', '2024-1.before-3@2024-05-27', '2024-1.last@2024-05-30',
      '2024-2.opening@2024-10-10', '2024-2.before-3@2024-11-17', '2024-2.last@2024-11-20',
    ]);
  });

  it('drops a "days before" reminder that would fall on or before the opening day', () => {
    const s = reminderSchedule(policy, [7, 3, 60]).filter((r) => r.batchId === '2024-2').map((r) => r.id);
    expect(s).toEqual(['2024-2.opening', '2024-2.before-7', '2024-2.before-3', '2024-2.last']);
  });

  it('sends nothing the day before the window opens', () => {
    expect(ids('2024-04-09', 10)).toEqual([]);
  });

  it('on the opening day: not before the configured hour, then "opens today" with dates and clause', () => {
    expect(ids('2024-04-10', 8, [], timing)).toEqual([]);
    const due = dueReminders(policy, at('2024-04-10', 9), new Set(), timing);
    expect(due.map((d) => d.reminder.id)).toEqual(['2024-1.opening']);
    expect(due[0]!.late).toBe(false);
    const text = due[0]!.reply.text;
    expect(text).toContain('今天（2024年4月10日）开始申报');
    expect(text).toContain('2024年5月30日截止');
    expect(text).toContain('寻人社发〔2024〕28号 一');
    expect(text).toContain('退订');
    expect(text).not.toContain('{');
  });

  it('the day after opening, a missed opening reminder is sent late with a text that is still true', () => {
    const due = dueReminders(policy, at('2024-04-11', 8), new Set(), timing);
    expect(due.map((d) => d.reminder.id)).toEqual(['2024-1.opening']);
    expect(due[0]!.late).toBe(true);
    expect(due[0]!.reply.text).not.toContain('今天');
    expect(due[0]!.reply.text).toContain('已于2024年4月10日开始申报');
    expect(due[0]!.reply.text).toContain('距截止还有49天');
  });

  it('never in quiet hours: a reminder hour inside them waits for the next allowed hour (late)', () => {
    const late: ReminderTiming = { ...timing, hour: 22 };
    expect(ids('2024-04-10', 22, [], late)).toEqual([]);
    expect(ids('2024-04-10', 23, [], late)).toEqual([]);
    expect(ids('2024-04-11', 7, [], late)).toEqual([]);
    expect(ids('2024-04-11', 8, [], late)).toEqual(['2024-1.opening']);
    expect(ids('2024-04-10', 21)).toEqual([]);
    expect(isQuietHour(21, timing)).toBe(true);
    expect(isQuietHour(7, timing)).toBe(true);
    expect(isQuietHour(8, timing)).toBe(false);
    expect(isQuietHour(13, { quietStart: 12, quietEnd: 14 })).toBe(true);
    expect(isQuietHour(14, { quietStart: 12, quietEnd: 14 })).toBe(false);
  });

  it('after downtime until the "3 days left" day, only that reminder goes (the opening one is no longer news)', () => {
    expect(ids('2024-05-26', 10)).toEqual(['2024-1.opening']);
    expect(ids('2024-05-27', 10)).toEqual(['2024-1.before-3']);
    expect(ids('2024-05-27', 8)).toEqual([]);
  });

  it('a "3 days left" reminder is never sent after its day; the last-day one only on the last day', () => {
    expect(ids('2024-05-28', 10)).toEqual([]);
    expect(ids('2024-05-29', 20)).toEqual([]);
    expect(ids('2024-05-30', 9)).toEqual(['2024-1.last']);
    expect(ids('2024-05-30', 20)).toEqual(['2024-1.last']);
    expect(ids('2024-05-31', 10)).toEqual([]);
    const text = dueReminders(policy, at('2024-05-30', 9), new Set(), timing)[0]!.reply.text;
    expect(text).toContain('今天（2024年5月30日）是2024年第一批申报的最后一天');
  });

  it('never twice: a reminder in the sent-log is not due again, even if the clock jumps back', () => {
    expect(ids('2024-04-10', 10, ['2024-1.opening'])).toEqual([]);
    expect(ids('2024-04-12', 10, ['2024-1.opening'])).toEqual([]);
  });

  it('the outbox is the durable sent-log: enqueuing twice (or after a restart) creates one broadcast', async () => {
    const dir = tempDir();
    const store = memoryStore([{ key: 'telegram:1', channel: 'telegram', chatId: '1', audiences: ['general'], since: '' }]);
    const run = () =>
      enqueueDueReminders({ policy, timing, outbox: new Outbox(path.join(dir, 'outbox')), audit: new AuditLog(dir), store, now: at('2024-04-10', 9, 30) });
    expect(await run()).toEqual(['reminder-2024-1.opening']);
    expect(await run()).toEqual([]);
    const next = await enqueueDueReminders({ policy, timing, outbox: new Outbox(path.join(dir, 'outbox')), audit: new AuditLog(dir), store, now: at('2024-04-11', 9) });
    expect(next).toEqual([]);
  });

  it('the education-system window reaches subscribers interested in it; the first batch does not', async () => {
    const dir = tempDir();
    const sub = (key: string, audiences: string[], blocked?: boolean) => ({ key, channel: 'wechat', chatId: key, audiences, since: '', blocked });
    const store = memoryStore([sub('wechat:g', ['general']), sub('wechat:e', ['education']), sub('wechat:ge', ['general', 'education']), sub('wechat:x', ['education'], true)]);
    const outbox = new Outbox(path.join(dir, 'outbox'));
    const audit = new AuditLog(dir);
    await enqueueDueReminders({ policy, timing, outbox, audit, store, now: at('2024-04-10', 9) });
    expect(outbox.manifest('reminder-2024-1.opening')!.recipients.map((r) => r.key).sort()).toEqual(['wechat:g', 'wechat:ge']);
    await enqueueDueReminders({ policy, timing, outbox, audit, store, now: at('2024-10-10', 9) });
    const m = outbox.manifest('reminder-2024-2.opening')!;
    expect(m.recipients.map((r) => r.key).sort()).toEqual(['wechat:e', 'wechat:g', 'wechat:ge']);
    expect(m.reply.text).toContain('教育系统');
    expect(audit.read().map((e) => [e.who, e.action, e.count])).toEqual([
      ['system', 'reminder', 2],
      ['system', 'reminder', 3],
    ]);
  });
});
