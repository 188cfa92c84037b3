/**
 * The default store: two lowdb databases (`Low`, sessions.json and subscribers.json) in the data
 * folder, each through an adapter of ours (checked read, atomic 0600 write; lowdb's own file
 * adapter would replace a damaged file and leave its temp file readable by others), which the store owns for as long as it is open (owner.ts: a second process is refused).
 * Records live in memory (sessions as one JSON string each); writes are coalesced on a short timer
 * (and on flush/close) and rewrite the whole file atomically (a 0600 temp file, synced, renamed;
 * atomic.ts), built by joining the per-record strings, so a write costs milliseconds, not a
 * re-serialisation of every record. A damaged file stops the start with a Chinese message and is
 * left untouched. A failed write is reported and retried on the next change or flush; nothing is dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Adapter, Low } from 'lowdb';
import path from 'node:path';
import '../zod-locale.js';
import * as z from 'zod';
import { writeFileAtomic } from './atomic.js';
import { StoreError } from './errors.js';
import { MemoryStore } from './memory.js';
import { takeFolder, type FolderLease } from './owner.js';
import type { SessionRecord, Subscriber } from './port.js';

export { StoreError } from './errors.js';

const sessionsFile = z.object({ sessions: z.record(z.string(), z.object({ key: z.string(), updatedAt: z.string(), data: z.unknown() })) });
const subscribersFile = z.object({
  subscribers: z.record(
    z.string(),
    z.object({
      key: z.string(), channel: z.string(), chatId: z.string(), audiences: z.array(z.string()), since: z.string(), blocked: z.boolean().optional(),
      selfTest: z.object({ series: z.string().optional(), batch: z.string().optional(), consent: z.literal(true) }).optional(),
    }),
  ),
});

type SessionsDoc = { sessions: Record<string, SessionRecord> };
type SubscribersDoc = { subscribers: Record<string, Subscriber> };
/** A stored session kept as its JSON text (MemoryStore's shape), so a write only joins strings. */
type SessionRows = Map<string, { updatedAt: string; json: string }>;

/** Read and validate an existing file before lowdb touches it; never replaces a damaged file. */
function readChecked<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? '不是完整有效的 JSON' : `读取失败，错误代码 ${(e as NodeJS.ErrnoException).code ?? '未知'}`;
    throw new StoreError(`数据文件已损坏，无法读取：${file}（${why}）。为避免丢失数据已停止启动，原文件保持不变；请从备份恢复或检查后移走该文件再启动。`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new StoreError(`数据文件格式不正确：${file}（${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}）。为避免丢失数据已停止启动，原文件保持不变；请检查或从备份恢复。`);
  }
  return r.data;
}

/** lowdb adapter for sessions.json: validated read; one record a line, written atomically. */
class SessionsFile implements Adapter<SessionRows> {
  constructor(private readonly file: string) {}
  async read(): Promise<SessionRows | null> {
    const doc = readChecked(this.file, sessionsFile) as SessionsDoc | undefined;
    if (!doc) return null;
    return new Map(Object.values(doc.sessions).map((r) => [r.key, { updatedAt: r.updatedAt, json: JSON.stringify(r) }]));
  }
  async write(rows: SessionRows): Promise<void> {
    const lines: string[] = [];
    for (const [k, r] of rows) lines.push(`    ${JSON.stringify(k)}: ${r.json}`);
    await writeFileAtomic(this.file, lines.length ? `{\n  "sessions": {\n${lines.join(',\n')}\n  }\n}\n` : '{\n  "sessions": {}\n}\n');
  }
}

/** lowdb adapter for subscribers.json: validated read, written atomically. */
class SubscribersFile implements Adapter<Map<string, Subscriber>> {
  constructor(private readonly file: string) {}
  async read(): Promise<Map<string, Subscriber> | null> {
    const doc = readChecked(this.file, subscribersFile) as SubscribersDoc | undefined;
    return doc ? new Map(Object.values(doc.subscribers).map((r) => [r.key, r])) : null;
  }
  async write(rows: Map<string, Subscriber>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify({ subscribers: Object.fromEntries(rows) }, null, 2));
  }
}

/** After a failed write, try again this much later (and on every flush). */
const RETRY_MS = 5_000;

/** Options for the lowdb store. */
export interface LowdbStoreOptions {
  /** Coalescing delay for writes, in ms (default 200). */
  writeDelayMs?: number;
  /** Operator log for the folder lock (lost/regained). */
  log?: (line: string) => void;
}

/** A lowdb-backed store in `dir` (created with mode 0700; files 0600). Use `openLowdbStore`. */
export class LowdbStore extends MemoryStore {
  private dirty = new Set<'sessions' | 'subscribers'>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private lastWriteMs = 0;
  private closed = false;

  private constructor(
    private readonly files: { sessions: string; subscribers: string },
    private readonly dbs: { sessions: Low<SessionRows>; subscribers: Low<Map<string, Subscriber>> },
    private readonly delayMs: number,
    /** The data folder, held while the store is open. */
    readonly lease: FolderLease,
  ) {
    super();
  }

  /**
   * Open (or create) the store in `dir`, taking the folder for this process; throws `StoreError`
   * on a damaged file or unusable folder and `FolderBusyError` when another live process owns it.
   */
  static async open(dir: string, opts: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const lease = await takeFolder(dir, { log: opts.log ?? ((l) => process.stderr.write(l + '\n')) });
    try {
      const files = { sessions: path.join(dir, 'sessions.json'), subscribers: path.join(dir, 'subscribers.json') };
      const dbs = {
        sessions: new Low<SessionRows>(new SessionsFile(files.sessions), new Map()),
        subscribers: new Low<Map<string, Subscriber>>(new SubscribersFile(files.subscribers), new Map()),
      };
      await dbs.sessions.read();
      await dbs.subscribers.read();
      const store = new LowdbStore(files, dbs, opts.writeDelayMs ?? 200, lease);
      // The databases' data are the store's own maps: a write serialises what the store holds now.
      store.sessions = dbs.sessions.data;
      store.subscribers = dbs.subscribers.data;
      return store;
    } catch (e) {
      await lease.release();
      throw e;
    }
  }

  protected override changed(what: 'sessions' | 'subscribers'): void {
    if (this.closed) return;
    this.dirty.add(what);
    // Writing blocks the event loop for a moment; space writes out so that they take at most
    // about a sixth of the time, but never wait less than the base delay.
    this.schedule(Math.max(this.delayMs, 5 * this.lastWriteMs));
  }

  private schedule(delay: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((e) => process.stderr.write(`数据写入失败：${e instanceof StoreError ? e.message : `错误代码 ${(e as NodeJS.ErrnoException).code ?? (e as Error).name}`}\n`));
    }, delay);
    this.timer.unref();
  }

  /** Write what changed since the last write (atomically: temp file + rename), files mode 0600. */
  override async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // One write at a time; callers arriving meanwhile wait and then write what is still dirty.
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.dirty.size === 0) return;
    const what = [...this.dirty];
    this.dirty.clear();
    this.inFlight = this.write(what)
      .catch((e: unknown) => {
        // Keep them dirty: the next change or flush writes them again (e.g. after disk space is freed).
        for (const w of what) this.dirty.add(w);
        this.schedule(RETRY_MS);
        if (e instanceof StoreError) throw e;
        throw new StoreError(`无法写入数据目录：${path.dirname(this.files.sessions)}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。已收到的回答仍在内存中，恢复写入后会自动保存；请检查磁盘空间和目录权限。`);
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    await this.inFlight;
  }

  private async write(what: Array<'sessions' | 'subscribers'>): Promise<void> {
    // Never write a folder another process owns now: our lock was lost (taken over or removed).
    if (this.lease.lost()) await this.lease.regain();
    const t0 = Date.now();
    for (const w of what) await this.dbs[w].write();
    this.lastWriteMs = Date.now() - t0;
  }

  /** Flush, then give the data folder up (even when the last flush failed, after reporting it). */
  override async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      await this.lease.release();
    }
  }
}

/** Open the default store in `dir`. */
export function openLowdbStore(dir: string, opts?: LowdbStoreOptions): Promise<LowdbStore> {
  return LowdbStore.open(dir, opts);
}
