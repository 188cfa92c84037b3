/** Reminder and staff texts (dialogs/reminders.yaml, dialogs/broadcast.yaml), validated with zod at load. */
import path from 'node:path';
import * as z from 'zod';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';

const text = z.string().min(1);

const reminderSchema = z
  .object({ opening: text, openingLate: text, daysBefore: text, lastDay: text, educationNote: text, footer: text })
  .strict();
export type ReminderTexts = z.infer<typeof reminderSchema>;

const staffTextKeys = [
  'previewEmpty', 'previewHead', 'previewChannel', 'previewCapped', 'previewNone', 'previewRendered', 'previewNext',
  'sendNoDraft', 'confirmAsk', 'confirmLabel', 'cancelLabel', 'queued', 'draftCancelled', 'cancelled', 'nothingToCancel',
  'statusNone', 'statusLine', 'statusUncertain', 'statusChannel', 'statusCapped', 'kindStaff', 'kindReminder',
  'stateActive', 'stateDone', 'stateCancelled', 'durationSeconds', 'durationMinutes', 'durationHours', 'durationDays',
  'cliUsage', 'cliConfirmHint', 'cliQueued', 'cliNoText', 'cliUnknownId',
  'queuedWaiting', 'enqueueFailed', 'statusDamaged', 'diskFull', 'cliOwnerTimeout',
] as const;
export type StaffTextKey = (typeof staffTextKeys)[number];

const words = z.array(text).min(1);
const staffSchema = z
  .object({
    commands: z.object({ preview: words, send: words, confirm: words, status: words, cancel: words }).strict(),
    channelNames: z.object({ telegram: text, wechat: text, 'wechat-oa': text, console: text }).strict(),
    footer: text,
    texts: z.object(Object.fromEntries(staffTextKeys.map((k) => [k, text]))).strict(),
  })
  .strict();
export type StaffTexts = Omit<z.infer<typeof staffSchema>, 'texts'> & { texts: Record<StaffTextKey, string> };

/** Both text files of the broadcast area. */
export interface BroadcastTexts {
  reminders: ReminderTexts;
  staff: StaffTexts;
}

/** Validate both files under `root` (the `check` validator); problems are pushed, never thrown. */
export function readBroadcastTexts(root: string, problems: DataProblem[]): BroadcastTexts | undefined {
  const file = (name: string) => path.join(root, 'dialogs', name);
  const reminders = readYaml(file('reminders.yaml'), reminderSchema, problems);
  const staff = readYaml(file('broadcast.yaml'), staffSchema, problems) as StaffTexts | undefined;
  return reminders && staff ? { reminders, staff } : undefined;
}

let cached: BroadcastTexts | undefined;

/** The broadcast texts of this project (cached); throws `DataError` when they do not validate. */
export function broadcastTexts(): BroadcastTexts {
  cached ??= readOrThrow((problems) => readBroadcastTexts(PROJECT_ROOT, problems));
  return cached;
}

/** Texts are filled with the shared `fill` (unknown names stay visible). */
export { fill } from '../template.js';
