/**
 * `npm run -s cli -- broadcast preview|send|status|cancel` for the server operator. `send` only
 * puts the broadcast into the outbox in ZHICHENG_DATA_DIR; the running service (`npm start`)
 * delivers it within the channel limits. Every action is written to the audit log.
 *
 * One process owns the data folder (store/owner.ts). While the bot runs, the command is handed to
 * it (broadcast/requests.ts) and it prints the bot's answer; otherwise the command takes the
 * folder itself for its few milliseconds. `status` still works on a full disk (read-only, unaudited).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { runBroadcastRequest } from '../broadcast/commands.js';
import { broadcastContext } from '../broadcast/ops.js';
import { submitRequest, type BroadcastRequest } from '../broadcast/requests.js';
import { loadBroadcastSettings } from '../broadcast/settings.js';
import { broadcastTexts, fill } from '../broadcast/texts.js';
import { isDiskFull } from '../store/errors.js';
import { openLowdbStore } from '../store/lowdb.js';
import { MemoryStore } from '../store/memory.js';
import type { Subscriber } from '../store/port.js';
import { describeOwner, FolderBusyError, liveOwner } from '../store/owner.js';
import { readStdin, takeFlag, takeOption, UsageError } from './io.js';

/** How long to wait for the running bot to answer a handed-over command. */
const OWNER_TIMEOUT_MS = Number(process.env.ZHICHENG_REQUEST_TIMEOUT_MS) || 15_000;

/** The subscribers as they are on disk, for looking only (no lock, nothing written). */
function readOnlyStore(dataDir: string): MemoryStore {
  const store = new MemoryStore();
  try {
    const doc = JSON.parse(readFileSync(path.join(dataDir, 'subscribers.json'), 'utf8')) as { subscribers?: Record<string, Subscriber> };
    for (const s of Object.values(doc.subscribers ?? {})) void store.putSubscriber(s);
  } catch {
    /* none yet, or unreadable: the preview then counts nobody */
  }
  return store;
}

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
  const req: BroadcastRequest = { sub: sub as BroadcastRequest['sub'], who: `cli:${os.userInfo().username}`, json, yes };
  if (sub === 'preview' || sub === 'send') {
    req.text = (file === '-' ? await readStdin() : file ? readFileSync(file, 'utf8') : args.join(' ')).trim();
    if (!req.text) throw new UsageError(t.cliNoText);
  } else if (sub === 'cancel') req.id = args[0];

  const print = (res: { code: number; out: string; err: string }) => {
    if (res.out) process.stdout.write(res.out);
    if (res.code === 2) throw new UsageError(res.err); // one line, exit 2, as for every usage error
    if (res.err) process.stderr.write(`${res.err}\n`);
    return res.code;
  };

  // The bot owns the folder: hand the command over rather than write beside it.
  const owner = await liveOwner(config.dataDir);
  if (owner) {
    if (!owner.serves) throw new FolderBusyError(config.dataDir, owner);
    const res = await submitRequest(config.dataDir, req, { timeoutMs: OWNER_TIMEOUT_MS });
    if (res) return print(res);
    process.stderr.write(fill(t.cliOwnerTimeout, { owner: describeOwner(owner), seconds: Math.round(OWNER_TIMEOUT_MS / 1000) }) + '\n');
    return 1;
  }

  let store: Awaited<ReturnType<typeof openLowdbStore>>;
  try {
    store = await openLowdbStore(config.dataDir);
  } catch (e) {
    // A full disk cannot even take the folder's lock: looking at the status still works (read-only).
    const full = isDiskFull(e) || /ENOSPC|EDQUOT|EROFS/.test((e as Error).message);
    if (full && (sub === 'status' || sub === 'preview' || (sub === 'send' && !yes))) {
      const ctx = broadcastContext(config.dataDir, readOnlyStore(config.dataDir), loadBroadcastSettings(process.env), texts);
      return print(await runBroadcastRequest(ctx, req));
    }
    if (/ENOSPC|EDQUOT/.test((e as Error).message)) return print({ code: 1, out: '', err: fill(t.diskFull, { dir: config.dataDir }) });
    throw e;
  }
  try {
    const ctx = broadcastContext(config.dataDir, store, loadBroadcastSettings(process.env), texts);
    return print(await runBroadcastRequest(ctx, req));
  } finally {
    await store.close().catch(() => undefined);
  }
}
