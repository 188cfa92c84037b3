/**
 * Staff broadcast operations shared by the chat commands and the CLI: preview, enqueue, status,
 * cancel. Each one is audited. Enqueuing only writes the outbox; the delivering process sends.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Reply } from '../messages/message.js';
import type { Store } from '../store/port.js';
import { AuditLog } from './audit.js';
import { Outbox, type BroadcastSummary, type Recipient } from './outbox.js';
import { estimateTotal, formatDuration, previewText, selectRecipients } from './render.js';
import type { BroadcastSettings } from './settings.js';
import { localStamp } from './schedule.js';
import { fill, type BroadcastTexts } from './texts.js';

/** Everything the operations need, for one data dir. */
export interface BroadcastContext {
  dataDir: string;
  store: Pick<Store, 'listSubscribers'>;
  settings: BroadcastSettings;
  texts: BroadcastTexts;
  outbox: Outbox;
  audit: AuditLog;
}

/** Build the context for a data dir (outbox in `<dataDir>/outbox`, audit log in `<dataDir>/audit.jsonl`). */
export function broadcastContext(dataDir: string, store: Pick<Store, 'listSubscribers'>, settings: BroadcastSettings, texts: BroadcastTexts): BroadcastContext {
  return { dataDir, store, settings, texts, outbox: new Outbox(path.join(dataDir, 'outbox')), audit: new AuditLog(dataDir) };
}

/** The message subscribers receive for a staff text (with how to unsubscribe). */
export function staffReply(text: string, texts: BroadcastTexts): Reply {
  return { text: `${text.trim()}\n${texts.staff.footer}` };
}

/** Who would receive a staff broadcast now, and the preview lines. */
export async function previewBroadcast(ctx: BroadcastContext, text: string, who: string, now: Date, chosen?: Recipient[]): Promise<{ recipients: Recipient[]; lines: string[] }> {
  const recipients = chosen ?? selectRecipients(await ctx.store.listSubscribers());
  const lines = previewText(recipients, staffReply(text, ctx.texts), ctx.settings, ctx.texts.staff);
  ctx.audit.note({ who, action: 'preview', count: recipients.length, text }, now);
  return { recipients, lines };
}

/** Estimated duration, in words, for `recipients`. */
export function durationWords(ctx: BroadcastContext, recipients: Recipient[]): string {
  const e = estimateTotal(recipients, ctx.settings);
  return formatDuration(e.ms, e.days, ctx.texts.staff.texts);
}

/**
 * Put a staff broadcast into the outbox (recipients fixed now); returns its id and size. `o.recipients`
 * narrows the audience (default: every reachable subscriber); `o.id` makes a retried enqueue (a
 * scheduled send after a crash) create nothing twice: `created` is false when the id exists.
 */
export async function enqueueBroadcast(ctx: BroadcastContext, text: string, who: string, now: Date, o: { recipients?: Recipient[]; id?: string } = {}): Promise<{ id: string; total: number; created: boolean }> {
  const recipients = o.recipients ?? selectRecipients(await ctx.store.listSubscribers());
  const id = o.id ?? `staff-${localStamp(now).replace(/[-: ]/g, '')}-${randomBytes(3).toString('hex')}`;
  const created = ctx.outbox.create({ id, kind: 'staff', createdAt: now.toISOString(), createdBy: who, reply: staffReply(text, ctx.texts), recipients });
  if (created) ctx.audit.write({ who, action: 'send', broadcast: id, count: recipients.length, text }, now);
  return { id, total: recipients.length, created };
}

/** Summaries of the most recent broadcasts (newest first). */
export function recentSummaries(ctx: BroadcastContext, limit = 3): BroadcastSummary[] {
  return ctx.outbox
    .ids()
    .slice(-limit)
    .reverse()
    .map((id) => {
      const b = ctx.outbox.open(id, false);
      b.close();
      return b.summary();
    });
}

/** Status in Chinese lines, as staff read it. */
export function statusLines(ctx: BroadcastContext, capped: (channel: string) => boolean = () => false, limit = 3): string[] {
  const t = ctx.texts.staff.texts;
  const list = recentSummaries(ctx, limit);
  const damaged = ctx.outbox.damaged();
  const warning = damaged.length ? [fill(t.statusDamaged, { files: damaged.join('、') })] : [];
  if (list.length === 0) return [t.statusNone, ...warning];
  return [...list.flatMap((s) => [
    fill(t.statusLine, {
      kind: s.kind === 'staff' ? t.kindStaff : t.kindReminder,
      id: s.id,
      created: localStamp(s.createdAt),
      state: s.state === 'active' ? t.stateActive : s.state === 'done' ? t.stateDone : t.stateCancelled,
      total: s.total,
      sent: s.sent,
      pending: s.pending + s.sending,
      failed: s.failed,
      skipped: s.skipped,
      uncertain: s.uncertain ? fill(t.statusUncertain, { count: s.uncertain }) : '',
    }),
    ...Object.entries(s.byChannel).map(([ch, c]) =>
      fill(t.statusChannel, {
        channel: ctx.texts.staff.channelNames[ch as 'telegram'] ?? ch,
        sent: c.sent,
        total: c.total,
        capped: s.state === 'active' && c.pending > 0 && capped(ch) ? t.statusCapped : '',
      }),
    ),
  ]), ...warning];
}

/** Cancel `id`, or the newest broadcast still sending; undefined when there is none. */
export function cancelBroadcast(ctx: BroadcastContext, who: string, now: Date, id?: string): BroadcastSummary | undefined {
  const ids = id ? [id] : ctx.outbox.ids().reverse();
  for (const x of ids) {
    if (!ctx.outbox.has(x)) continue;
    const b = ctx.outbox.open(x, false);
    b.close();
    const s = b.summary();
    if (s.state !== 'active') continue;
    b.cancel(who, now.getTime());
    ctx.audit.write({ who, action: 'cancel', broadcast: x, count: s.pending + s.sending }, now);
    return s;
  }
  ctx.audit.write({ who, action: 'cancel', broadcast: id, count: 0 }, now);
  return undefined;
}
