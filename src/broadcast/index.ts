/** Reminders and staff broadcasts: the public surface of src/broadcast/. */
export { createBroadcastService, type BroadcastService, type BroadcastServiceOptions } from './service.js';
export { createStaffHandler, parseStaffCommand, type StaffDeps, type StaffHandler } from './staff.js';
export { dueReminders, reminderSchedule, reminderReply, isQuietHour, type Reminder, type DueReminder, type ReminderTiming } from './schedule.js';
export { Outbox, Broadcast, type Manifest, type Recipient, type RecipientState, type BroadcastSummary } from './outbox.js';
export { Dispatcher, type DispatcherDeps, type DeliverResult } from './dispatcher.js';
export { loadBroadcastSettings, type BroadcastSettings, type ChannelLimits } from './settings.js';
export { readBroadcastTexts, broadcastTexts } from './texts.js';
