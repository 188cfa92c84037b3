/**
 * Handing a `broadcast` command to the owner of the data folder. While the bot runs it owns the
 * folder (store/owner.ts), so `npm run -s cli -- broadcast …` does not write the outbox itself: it
 * drops a request into `<dataDir>/requests/`, the bot picks it up within a second, runs it and
 * writes the reply next to it. Files are created atomically (temp + rename), 0600.
 *
 *   <id>.json        the request (the CLI)            → renamed to <id>.taken by the owner (claim)
 *   <id>.reply.json  the reply (the owner)            → read and removed by the CLI
 *   <id>.withdrawn   the CLI gave up before the owner claimed it (removed by the owner)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomicSync } from '../store/atomic.js';

/** One broadcast command, already parsed by the CLI (the text read from its file or stdin). */
export interface BroadcastRequest {
  sub: 'preview' | 'send' | 'status' | 'cancel';
  text?: string;
  id?: string;
  yes?: boolean;
  json?: boolean;
  /** `cli:<os user>`, for the audit log. */
  who: string;
}

/** What the command printed and its exit code. */
export interface BroadcastResponse {
  code: number;
  out: string;
  err: string;
}

const folder = (dataDir: string) => path.join(dataDir, 'requests');

/** The CLI side: submit and wait for the reply; undefined when the owner did not claim it in time (withdrawn). */
export async function submitRequest(dataDir: string, req: BroadcastRequest, o: { timeoutMs?: number; pollMs?: number } = {}): Promise<BroadcastResponse | undefined> {
  const dir = folder(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const file = path.join(dir, `${id}.json`);
  const reply = path.join(dir, `${id}.reply.json`);
  writeFileAtomicSync(file, JSON.stringify(req));
  const poll = o.pollMs ?? 100;
  const deadline = Date.now() + (o.timeoutMs ?? 15_000);
  for (;;) {
    if (existsSync(reply)) {
      const res = JSON.parse(readFileSync(reply, 'utf8')) as BroadcastResponse;
      rmSync(reply, { force: true });
      return res;
    }
    if (Date.now() > deadline) {
      try {
        renameSync(file, path.join(dir, `${id}.withdrawn`));
        return undefined;
      } catch {
        // Claimed by the owner meanwhile: its reply is coming; wait for it a little longer.
        if (Date.now() > deadline + 30_000) return undefined;
      }
    }
    await new Promise((r) => setTimeout(r, poll));
  }
}

/** The owner side: claim and answer every waiting request; returns how many were handled. */
export async function serveRequests(dataDir: string, handle: (req: BroadcastRequest) => Promise<BroadcastResponse>): Promise<number> {
  const dir = folder(dataDir);
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name.endsWith('.withdrawn')) {
      rmSync(full, { force: true });
      continue;
    }
    if (!name.endsWith('.json') || name.endsWith('.reply.json') || name.startsWith('.')) continue;
    const id = name.slice(0, -'.json'.length);
    const taken = path.join(dir, `${id}.taken`);
    try {
      renameSync(full, taken);
    } catch {
      continue; // withdrawn meanwhile
    }
    let res: BroadcastResponse;
    try {
      const req = JSON.parse(readFileSync(taken, 'utf8')) as BroadcastRequest;
      res = await handle(req);
    } catch (e) {
      res = { code: 1, out: '', err: `处理请求时出错：${(e as Error).message}` };
    }
    try {
      writeFileAtomicSync(path.join(dir, `${id}.reply.json`), JSON.stringify(res));
    } finally {
      rmSync(taken, { force: true });
    }
    n++;
  }
  return n;
}
