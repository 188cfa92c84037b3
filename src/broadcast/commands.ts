/**
 * The operator's `broadcast` commands (preview, send, status, cancel) as one function from a parsed
 * request to printed text and an exit code. The CLI runs it itself when no bot owns the data folder
 * and hands it to the bot otherwise (requests.ts), so both paths print the same.
 */
import { isDiskFull } from '../store/errors.js';
import { cancelBroadcast, durationWords, enqueueBroadcast, previewBroadcast, recentSummaries, statusLines, type BroadcastContext } from './ops.js';
import type { BroadcastRequest, BroadcastResponse } from './requests.js';
import { fill } from './texts.js';

/** Run one broadcast command against `ctx`; never throws for a user mistake or a full disk. */
export async function runBroadcastRequest(ctx: BroadcastContext, req: BroadcastRequest, o: { now?: Date; capped?: (channel: string) => boolean } = {}): Promise<BroadcastResponse> {
  const t = ctx.texts.staff.texts;
  const now = o.now ?? new Date();
  const lines: string[] = [];
  const out = (s: string) => lines.push(s);
  const done = (code = 0, err = ''): BroadcastResponse => ({ code, out: lines.length ? lines.join('\n') + '\n' : '', err });
  const text = req.text?.trim() ?? '';
  try {
    switch (req.sub) {
      case 'preview': {
        if (!text) return done(2, t.cliNoText);
        const { lines: preview } = await previewBroadcast(ctx, text, req.who, now);
        out(preview.slice(0, -1).join('\n\n'));
        return done();
      }
      case 'send': {
        if (!text) return done(2, t.cliNoText);
        if (!req.yes) {
          const { recipients, lines: preview } = await previewBroadcast(ctx, text, req.who, now);
          out(preview.slice(0, -1).join('\n\n'));
          out(fill(t.confirmAsk.split('。')[0]! + '。', { total: recipients.length, duration: durationWords(ctx, recipients) }));
          out(t.cliConfirmHint);
          return done();
        }
        const { id, total } = await enqueueBroadcast(ctx, text, req.who, now);
        out(fill(t.cliQueued, { id, total }));
        return done();
      }
      case 'status': {
        ctx.audit.note({ who: req.who, action: 'status' }, now);
        out(req.json ? JSON.stringify(recentSummaries(ctx, 20), null, 2) : statusLines(ctx, o.capped).join('\n'));
        return done();
      }
      case 'cancel': {
        if (req.id && !ctx.outbox.has(req.id)) return done(2, fill(t.cliUnknownId, { id: req.id }));
        const s = cancelBroadcast(ctx, req.who, now, req.id);
        out(s ? fill(t.cancelled, { id: s.id, sent: s.sent, rest: s.pending + s.sending }) : t.nothingToCancel);
        return done();
      }
    }
  } catch (e) {
    if (isDiskFull(e)) return done(1, fill(t.diskFull, { dir: ctx.dataDir }));
    throw e;
  }
  return done(2, t.cliUsage);
}
