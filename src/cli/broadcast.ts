/**
 * `npm run -s cli -- broadcast preview|send|status|cancel` for the server operator. `send` only
 * puts the broadcast into the outbox in ZHICHENG_DATA_DIR; the running service (`npm start`)
 * delivers it within the channel limits. Every action is written to the audit log.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../config.js';
import { broadcastContext, cancelBroadcast, durationWords, enqueueBroadcast, previewBroadcast, recentSummaries, statusLines } from '../broadcast/ops.js';
import { loadBroadcastSettings } from '../broadcast/settings.js';
import { broadcastTexts, fill } from '../broadcast/texts.js';
import { openLowdbStore } from '../store/lowdb.js';
import { readStdin, takeFlag, takeOption, UsageError } from './io.js';

/** Run the broadcast command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const args = [...argv];
  const texts = broadcastTexts();
  const t = texts.staff.texts;
  const sub = args.shift();
  if (!sub || !['preview', 'send', 'status', 'cancel'].includes(sub)) throw new UsageError(t.cliUsage);
  const json = takeFlag(args, '--json');
  const yes = takeFlag(args, '--yes');
  const file = takeOption(args, '--file');
  const config = loadConfig(process.env);
  const store = await openLowdbStore(config.dataDir);
  const ctx = broadcastContext(config.dataDir, store, loadBroadcastSettings(process.env), texts);
  const who = `cli:${os.userInfo().username}`;
  const now = new Date();
  const out = (s: string) => process.stdout.write(s + '\n');
  const bodyText = async () => {
    const text = (file === '-' ? await readStdin() : file ? readFileSync(file, 'utf8') : args.join(' ')).trim();
    if (!text) throw new UsageError(t.cliNoText);
    return text;
  };

  switch (sub) {
    case 'preview': {
      const { lines } = await previewBroadcast(ctx, await bodyText(), who, now);
      out(lines.slice(0, -1).join('\n\n'));
      return 0;
    }
    case 'send': {
      const text = await bodyText();
      if (!yes) {
        const { recipients, lines } = await previewBroadcast(ctx, text, who, now);
        out(lines.slice(0, -1).join('\n\n'));
        out(fill(t.confirmAsk.split('。')[0]! + '。', { total: recipients.length, duration: durationWords(ctx, recipients) }));
        out(t.cliConfirmHint);
        return 0;
      }
      const { id, total } = await enqueueBroadcast(ctx, text, who, now);
      out(fill(t.cliQueued, { id, total }));
      return 0;
    }
    case 'status': {
      ctx.audit.write({ who, action: 'status' }, now);
      out(json ? JSON.stringify(recentSummaries(ctx, 20), null, 2) : statusLines(ctx).join('\n'));
      return 0;
    }
    case 'cancel': {
      const id = args[0];
      if (id && !ctx.outbox.has(id)) throw new UsageError(fill(t.cliUnknownId, { id }));
      const s = cancelBroadcast(ctx, who, now, id);
      out(s ? fill(t.cancelled, { id: s.id, sent: s.sent, rest: s.pending + s.sending }) : t.nothingToCancel);
      return 0;
    }
  }
  return 2;
}
