/**
 * Turning due reminders into outbox broadcasts. The outbox is the durable sent-log: a reminder's
 * broadcast id is derived from the reminder id and creation is atomic and idempotent, so a
 * reminder is enqueued at most once however often, or however many processes, ask.
 */
import type { Policy } from '../policy/load.js';
import type { Store } from '../store/port.js';
import type { AuditLog } from './audit.js';
import type { Outbox } from './outbox.js';
import { selectRecipients } from './render.js';
import { dueReminders, type ReminderTiming } from './schedule.js';
import type { ReminderTexts } from './texts.js';

/** Outbox id of a reminder's broadcast. */
export function reminderBroadcastId(reminderId: string): string {
  return `reminder-${reminderId}`;
}

/** Enqueue every reminder due at `now`; returns the ids of the broadcasts created. */
export async function enqueueDueReminders(o: {
  policy: Policy;
  timing: ReminderTiming;
  outbox: Outbox;
  audit: AuditLog;
  store: Pick<Store, 'listSubscribers'>;
  now: Date;
  texts?: ReminderTexts;
  /** Reminder ids staff switched off (ReminderSwitches): never enqueued. */
  off?: ReadonlySet<string>;
}): Promise<string[]> {
  const due = dueReminders(o.policy, o.now, o.outbox.reminderIds(), o.timing, o.texts).filter((d) => !o.off?.has(d.reminder.id));
  if (due.length === 0) return [];
  const subscribers = await o.store.listSubscribers();
  const created: string[] = [];
  for (const d of due) {
    const id = reminderBroadcastId(d.reminder.id);
    const recipients = selectRecipients(subscribers, d.reminder.audiences);
    const ok = o.outbox.create({
      id, kind: 'reminder', reminderId: d.reminder.id, createdAt: o.now.toISOString(), createdBy: 'system', reply: d.reply, recipients,
    });
    if (!ok) continue;
    o.audit.write({ who: 'system', action: 'reminder', broadcast: id, count: recipients.length }, o.now);
    created.push(id);
  }
  return created;
}
