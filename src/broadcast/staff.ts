/**
 * Staff commands as a core handler: 广播预览 / 广播发送 → 确认 / 广播状态 / 广播取消 (and the
 * /broadcast_* forms). Only for ids in `config.staff`, only in private chats; for anyone else,
 * anywhere else, the handler returns undefined, so the core answers as for any unknown text.
 */
import { userKey, type InboundMessage, type Reply } from '../messages/message.js';
import type { Config } from '../config.js';
import type { Store } from '../store/port.js';
import { broadcastContext, cancelBroadcast, durationWords, enqueueBroadcast, previewBroadcast, statusLines, type BroadcastContext } from './ops.js';
import { loadBroadcastSettings, type BroadcastSettings } from './settings.js';
import { broadcastTexts, fill, type BroadcastTexts } from './texts.js';

/** What the staff handler needs. */
export interface StaffDeps {
  config: Pick<Config, 'staff' | 'dataDir'>;
  /** The subscriber store; when absent, the `app.store` the core passes with each message. */
  store?: Pick<Store, 'listSubscribers'>;
  settings?: BroadcastSettings;
  texts?: BroadcastTexts;
  /** The current instant (the edge passes the real clock). */
  clock?: () => Date;
  /**
   * Called after a broadcast is enqueued, so the delivering loop can start at once. Returns the
   * channels of its recipients that this process cannot send on now (empty: delivery has started);
   * without it, nothing is delivering and staff are told so.
   */
  onEnqueued?: (id: string) => string[];
  /** True when a channel has reached today's cap (for the status text). */
  capped?: (channel: string) => boolean;
}

/** A core handler: replies when it handled the message, undefined otherwise (fits `AppHandler`). */
export type StaffHandler = (msg: InboundMessage, app?: { store: Pick<Store, 'listSubscribers'> }) => Promise<Reply[] | undefined>;

type Command = { name: 'preview'; body: string } | { name: 'send' | 'confirm' | 'status' | 'cancel' };

/** Recognise a staff command (the words come from dialogs/broadcast.yaml). */
export function parseStaffCommand(text: string, texts: BroadcastTexts): Command | undefined {
  const t = text.trim().replace(/^(\/\w+)@\w+/, '$1');
  const c = texts.staff.commands;
  for (const w of c.preview) {
    if (t === w || t.startsWith(w + ' ') || t.startsWith(w + '\n') || (!w.startsWith('/') && t.startsWith(w))) {
      return { name: 'preview', body: t.slice(w.length).trim() };
    }
  }
  for (const name of ['send', 'confirm', 'status', 'cancel'] as const) if (c[name].includes(t)) return { name };
  return undefined;
}

interface Draft {
  text: string;
  confirming: boolean;
}

/** Build the staff handler. Drafts live in memory: a restart means previewing again, which is safe. */
export function createStaffHandler(deps: StaffDeps): StaffHandler {
  const texts = deps.texts ?? broadcastTexts();
  let appStore: Pick<Store, 'listSubscribers'> | undefined;
  const store: Pick<Store, 'listSubscribers'> = {
    listSubscribers: () => (deps.store ?? appStore)?.listSubscribers() ?? Promise.resolve([]),
  };
  const ctx: BroadcastContext = broadcastContext(deps.config.dataDir, store, deps.settings ?? loadBroadcastSettings(), texts);
  const clock = deps.clock ?? (() => new Date());
  const drafts = new Map<string, Draft>();
  const t = texts.staff.texts;
  const one = (text: string): Reply[] => [{ text }];

  return async (msg, app) => {
    appStore ??= app?.store;
    if (msg.isGroup || (msg.kind && msg.kind !== 'text')) return undefined;
    const who = userKey(msg);
    if (!deps.config.staff.has(who)) return undefined;
    const cmd = parseStaffCommand(msg.text ?? '', texts);
    if (!cmd) return undefined;
    const now = clock();
    const draft = drafts.get(who);

    switch (cmd.name) {
      case 'preview': {
        if (!cmd.body) return one(t.previewEmpty);
        drafts.set(who, { text: cmd.body, confirming: false });
        const { lines } = await previewBroadcast(ctx, cmd.body, who, now);
        return lines.map((text) => ({ text }));
      }
      case 'send': {
        if (!draft) return one(t.sendNoDraft);
        draft.confirming = true;
        const { recipients } = await previewBroadcast(ctx, draft.text, who, now);
        ctx.audit.note({ who, action: 'send-request', count: recipients.length }, now);
        return [
          {
            text: fill(t.confirmAsk, { total: recipients.length, duration: durationWords(ctx, recipients) }),
            choices: [
              { label: t.confirmLabel, value: texts.staff.commands.confirm[0]! },
              { label: t.cancelLabel, value: texts.staff.commands.cancel[0]! },
            ],
          },
        ];
      }
      case 'confirm': {
        // "确认" is an ordinary word too: without a pending broadcast it is not ours.
        if (!draft?.confirming) return undefined;
        drafts.delete(who);
        let queued: { id: string; total: number };
        try {
          queued = await enqueueBroadcast(ctx, draft.text, who, now);
        } catch (e) {
          // A full disk or an unwritable folder: nothing was queued, and staff must know.
          return one(fill(t.enqueueFailed, { why: (e as NodeJS.ErrnoException).code === 'ENOSPC' ? '磁盘空间不足' : ((e as NodeJS.ErrnoException).code ?? '无法写入数据目录') }));
        }
        const { id, total } = queued;
        // "已开始发送" only when this process is delivering it now.
        const missing = deps.onEnqueued ? deps.onEnqueued(id) : [...new Set(ctx.outbox.manifest(id)?.recipients.map((r) => r.channel))];
        if (missing.length === 0) return one(fill(t.queued, { id, total }));
        const names = missing.map((c) => texts.staff.channelNames[c as 'telegram'] ?? c).join('、');
        return one(fill(t.queuedWaiting, { id, total, channels: names }));
      }
      case 'status': {
        ctx.audit.note({ who, action: 'status' }, now);
        return one(statusLines(ctx, deps.capped).join('\n'));
      }
      case 'cancel': {
        if (draft) {
          drafts.delete(who);
          ctx.audit.write({ who, action: 'cancel', count: 0 }, now);
          return one(t.draftCancelled);
        }
        const s = cancelBroadcast(ctx, who, now);
        return one(s ? fill(t.cancelled, { id: s.id, sent: s.sent, rest: s.pending + s.sending }) : t.nothingToCancel);
      }
    }
  };
}
