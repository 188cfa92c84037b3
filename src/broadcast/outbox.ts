/**
 * The durable outbox: one folder per broadcast under `<dataDir>/outbox/<id>/` with
 * `manifest.json` (written once, atomically), `journal.jsonl` (one line per recipient state change)
 * and `snapshot.json` (periodic, atomic). A recipient is marked `sending` before the send; on
 * restart an unresolved `sending` becomes `failed` (uncertain) and is never resent: at most once.
 *
 * Damage never stops delivery of anything else: a broadcast whose manifest is unreadable is set
 * aside as `<id>.damaged`, an unreadable snapshot as `snapshot.json.damaged` (the journal holds
 * everything it did), unreadable journal lines are copied to `journal.jsonl.damaged`; all are kept,
 * named in the operator log and in the staff status. A recipient named in a damaged line is not
 * sent to again (uncertain), as after a kill.
 *
 * `erase(key)` removes a person from every broadcast (删除我的数据): their id and chat id are
 * replaced by an anonymous placeholder, their journal lines are dropped, and only the counts remain.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChannelName, Reply } from '../messages/message.js';
import { syncDirSync, writeFileAtomicSync } from '../store/atomic.js';
import { damagedName, Journal, readJson, readJsonOrSetAside, writeJsonAtomic } from './journal.js';

/** Called when a damaged file or folder is set aside (for the operator log). */
export type DamageReport = (what: string, setAsideAs: string, why: string) => void;

export type RecipientStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Who gets the message: a subscriber key and where to send it. */
export interface Recipient {
  key: string;
  channel: ChannelName;
  chatId: string;
  /** Set when the person asked for their data to be deleted: only their final state is kept. */
  erased?: Pick<RecipientState, 'status' | 'attempts' | 'uncertain'>;
}

/** The current state of one recipient. */
export interface RecipientState {
  status: RecipientStatus;
  attempts: number;
  reason?: string;
  /** Earliest time (ms) of the next attempt, for transient failures. */
  notBefore?: number;
  /** Interrupted mid-send: we cannot know whether it arrived, so it is not resent. */
  uncertain?: boolean;
  at?: number;
}

/** What a broadcast is: written once when it is created. */
export interface Manifest {
  v: 1;
  id: string;
  kind: 'staff' | 'reminder';
  createdAt: string;
  /** `channel:userId` of the staff member, `cli:<user>` or `system` for reminders. */
  createdBy: string;
  reply: Reply;
  recipients: Recipient[];
  reminderId?: string;
}

interface Entry {
  k: string;
  s: RecipientStatus;
  a: number;
  r?: string;
  nb?: number;
  u?: 1;
  t: number;
}

interface Snapshot {
  offset: number;
  states: [string, RecipientState][];
}

const STATUSES = new Set(['pending', 'sending', 'sent', 'failed', 'skipped']);
const validEntry = (e: Entry) => typeof e.k === 'string' && STATUSES.has(e.s) && typeof e.a === 'number';
const validSnapshot = (v: unknown) => Number.isInteger((v as Snapshot)?.offset) && Array.isArray((v as Snapshot)?.states);
/** A manifest we can deliver from: anything less is set aside whole. */
export function validManifest(v: unknown): v is Manifest {
  const m = v as Manifest;
  return (
    typeof m?.id === 'string' && typeof m.createdAt === 'string' && typeof m.reply?.text === 'string' && Array.isArray(m.recipients) &&
    m.recipients.every((r) => typeof r?.key === 'string' && typeof r.channel === 'string' && typeof r.chatId === 'string')
  );
}
/** The recipient key a damaged journal line still shows, if any. */
function keyInDamagedLine(line: string): string | undefined {
  const m = /"k":"((?:[^"\\]|\\.)*)"/.exec(line);
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return undefined;
  }
}

/** Counts by state, overall and per channel. */
export interface BroadcastSummary {
  id: string;
  kind: Manifest['kind'];
  createdAt: string;
  state: 'active' | 'done' | 'cancelled';
  total: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  uncertain: number;
  byChannel: Record<string, { total: number; sent: number; pending: number }>;
}

const SNAPSHOT_EVERY = 2000;

/** One broadcast, its manifest and per-recipient states, replayed from disk. */
export class Broadcast {
  readonly states = new Map<string, RecipientState>();
  private readonly byKey = new Map<string, Recipient>();
  private readonly journal: Journal;
  private appended = 0;
  private cancelSeen = false;

  private constructor(readonly dir: string, readonly manifest: Manifest, private readonly writable: boolean) {
    this.journal = new Journal(path.join(dir, 'journal.jsonl'));
  }

  /** Journal lines that could not be read (set aside when writable). */
  damagedLines = 0;

  /**
   * Replay a broadcast. `writable` (the one delivering process) repairs a torn journal tail, sets
   * damaged parts aside and resolves interrupted sends as uncertain; read-only views change nothing.
   * Throws `DamagedBroadcastError` when the manifest itself cannot be read.
   */
  static open(dir: string, writable: boolean, now: number = Date.now(), report: DamageReport = () => undefined): Broadcast {
    const manifestFile = path.join(dir, 'manifest.json');
    let manifest: unknown;
    try {
      manifest = readJson<Manifest>(manifestFile);
    } catch (e) {
      throw new DamagedBroadcastError(dir, (e as Error).message);
    }
    if (!manifest) throw new Error(`no manifest in ${dir}`);
    if (!validManifest(manifest)) throw new DamagedBroadcastError(dir, '内容格式不对');
    const b = new Broadcast(dir, manifest, writable);
    for (const r of manifest.recipients) {
      b.states.set(r.key, r.erased ? { ...r.erased } : { status: 'pending', attempts: 0 });
      b.byKey.set(r.key, r);
    }
    const snapFile = path.join(dir, 'snapshot.json');
    let snap: Snapshot | undefined;
    if (writable) {
      snap = readJsonOrSetAside<Snapshot>(snapFile, validSnapshot, (f, to, why) => report(f, to, `${why}；改为从发送记录重算`));
    } else {
      try {
        snap = readJson<Snapshot>(snapFile);
        if (snap && !validSnapshot(snap)) snap = undefined;
      } catch {
        snap = undefined;
      }
    }
    if (snap) for (const [k, st] of snap.states) if (b.byKey.has(k) && !b.byKey.get(k)!.erased) b.states.set(k, st);
    // The journal is never truncated by a snapshot, so without one it is replayed from the start.
    const { entries, bad } = b.journal.read<Entry>(snap?.offset ?? 0, writable);
    const unreadable = [...bad];
    for (const e of entries) {
      if (validEntry(e)) b.apply(e);
      else unreadable.push(JSON.stringify(e));
    }
    b.damagedLines = unreadable.length;
    if (writable && unreadable.length) {
      const aside = `${b.journal.file}.damaged`;
      appendFileSync(aside, unreadable.map((l) => l + '\n').join(''), { mode: 0o600 });
      report(b.journal.file, aside, `${unreadable.length} 行无法读取`);
      // Whoever a damaged line was about may have been sent to: never again (uncertain), as after a kill.
      for (const line of unreadable) {
        const k = keyInDamagedLine(line);
        const st = k === undefined ? undefined : b.states.get(k);
        if (k !== undefined && st && (st.status === 'pending' || st.status === 'sending')) {
          b.mark(k, { status: 'failed', attempts: st.attempts, reason: 'damaged record', uncertain: true }, now);
        }
      }
    }
    if (writable) {
      for (const [key, st] of b.states) {
        if (st.status === 'sending') b.mark(key, { status: 'failed', attempts: st.attempts, reason: 'interrupted', uncertain: true }, now);
      }
      // The damaged lines are now behind the snapshot: later opens do not report them again.
      if (unreadable.length) b.snapshot();
    }
    return b;
  }

  private apply(e: Entry): void {
    if (!this.byKey.has(e.k) || this.byKey.get(e.k)!.erased) return;
    this.states.set(e.k, { status: e.s, attempts: e.a, reason: e.r, notBefore: e.nb, uncertain: e.u ? true : undefined, at: e.t });
  }

  /** Record a new state for one recipient (appended to the journal before it takes effect). */
  mark(key: string, s: RecipientState, now: number = Date.now()): void {
    if (!this.writable) throw new Error('read-only broadcast');
    // Erased meanwhile (删除我的数据 during a send): nothing about them is written again.
    if (!this.byKey.has(key) || this.byKey.get(key)!.erased) return;
    const e: Entry = { k: key, s: s.status, a: s.attempts, t: now };
    if (s.reason) e.r = s.reason;
    if (s.notBefore !== undefined) e.nb = s.notBefore;
    if (s.uncertain) e.u = 1;
    this.journal.append(e);
    this.apply(e);
    if (++this.appended % SNAPSHOT_EVERY === 0) this.snapshot();
  }

  /** Resolve once every state recorded so far is on disk (see `Journal.sync`); awaited before each send. */
  durable(): Promise<void> {
    return this.journal.sync();
  }

  /** Compact: the states so far and the journal offset they cover, written atomically. */
  snapshot(): void {
    writeJsonAtomic(path.join(this.dir, 'snapshot.json'), { offset: this.journal.size(), states: [...this.states] } satisfies Snapshot);
  }

  /**
   * Remove a person from this broadcast: the manifest keeps an anonymous recipient with their final
   * state (so counts stay right), the snapshot and the journal lose every line about them. Each
   * step is atomic and the order keeps a crash at any point consistent (a snapshot offset may only
   * move earlier, and replaying covered lines is harmless). Returns false when they are not in it.
   */
  erase(key: string, now: number = Date.now()): boolean {
    if (!this.writable) throw new Error('read-only broadcast');
    const r = this.byKey.get(key);
    if (!r) return false;
    let st = this.states.get(key)!;
    if (st.status === 'pending' || st.status === 'sending') st = { status: 'skipped', attempts: st.attempts, reason: 'erased', uncertain: st.status === 'sending' || undefined, at: now };
    const anon = `erased:${randomBytes(6).toString('hex')}`;
    const erased: Recipient = { key: anon, channel: r.channel, chatId: '', erased: { status: st.status, attempts: st.attempts, ...(st.uncertain ? { uncertain: true } : {}) } };
    const recipients = this.manifest.recipients.map((x) => (x.key === key ? erased : x));
    (this as { manifest: Manifest }).manifest = { ...this.manifest, recipients };
    writeJsonAtomic(path.join(this.dir, 'manifest.json'), this.manifest);
    this.byKey.delete(key);
    this.byKey.set(anon, erased);
    this.states.delete(key);
    this.states.set(anon, { status: st.status, attempts: st.attempts, uncertain: st.uncertain, reason: st.reason });
    // The journal without their lines, and where the snapshot's offset falls in it.
    this.journal.close();
    const file = this.journal.file;
    const old = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    const snapFile = path.join(this.dir, 'snapshot.json');
    const snap = (() => {
      try {
        return readJson<Snapshot>(snapFile);
      } catch {
        return undefined;
      }
    })();
    const kept: Buffer[] = [];
    let pos = 0;
    let removedBefore = 0;
    while (pos < old.length) {
      let nl = old.indexOf(0x0a, pos);
      if (nl < 0) nl = old.length - 1;
      const line = old.subarray(pos, nl + 1);
      let mine = false;
      try {
        mine = (JSON.parse(line.toString('utf8')) as Entry).k === key;
      } catch {
        mine = keyInDamagedLine(line.toString('utf8')) === key;
      }
      if (mine && snap && pos < snap.offset) removedBefore += line.length;
      if (!mine) kept.push(line);
      pos = nl + 1;
    }
    if (snap) {
      const states = snap.states.filter(([k]) => k !== key);
      writeJsonAtomic(snapFile, { offset: Math.max(0, snap.offset - removedBefore), states } satisfies Snapshot);
    }
    writeFileAtomicSync(file, Buffer.concat(kept).toString('utf8'));
    return true;
  }

  /** Ask the delivering process (maybe another one) to stop; pending recipients become skipped. */
  cancel(by: string, now: number = Date.now()): void {
    writeJsonAtomic(path.join(this.dir, 'cancel.json'), { by, at: new Date(now).toISOString() });
    this.cancelSeen = true;
  }

  /** True once a cancel was requested (checked on disk, so a CLI cancel reaches the service). */
  isCancelled(): boolean {
    if (!this.cancelSeen) this.cancelSeen = existsSync(path.join(this.dir, 'cancel.json'));
    return this.cancelSeen;
  }

  /** The recipient entry for a key. */
  recipient(key: string): Recipient | undefined {
    return this.byKey.get(key);
  }

  /** Counts by state, overall and per channel. */
  summary(): BroadcastSummary {
    const s: BroadcastSummary = {
      id: this.manifest.id, kind: this.manifest.kind, createdAt: this.manifest.createdAt, state: 'active',
      total: 0, pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, uncertain: 0, byChannel: {},
    };
    for (const r of this.manifest.recipients) {
      const st = this.states.get(r.key)!;
      s.total++;
      s[st.status]++;
      if (st.uncertain) s.uncertain++;
      const c = s.byChannel[r.channel] ?? { total: 0, sent: 0, pending: 0 };
      s.byChannel[r.channel] = c;
      c.total++;
      if (st.status === 'sent') c.sent++;
      if (st.status === 'pending' || st.status === 'sending') c.pending++;
    }
    s.state = this.isCancelled() ? 'cancelled' : s.pending + s.sending > 0 ? 'active' : 'done';
    return s;
  }

  /** True while some recipient still waits. */
  isOpen(): boolean {
    for (const s of this.states.values()) if (s.status === 'pending' || s.status === 'sending') return true;
    return false;
  }

  /** Called once by `close` (the outbox's registry of open broadcasts). */
  onClose: (() => void) | undefined;

  /** Release the journal file handle. */
  close(): void {
    this.journal.close();
    this.onClose?.();
    this.onClose = undefined;
  }
}

/** A broadcast whose manifest cannot be read: it cannot be delivered and is set aside whole. */
export class DamagedBroadcastError extends Error {
  constructor(readonly dir: string, why: string) {
    super(`广播文件已损坏：${path.join(dir, 'manifest.json')}（${why}）`);
    this.name = 'DamagedBroadcastError';
  }
}

const DAMAGED = /\.damaged(-\d+)?$/;

/** The folder of all broadcasts. */
export class Outbox {
  /** Broadcasts open for writing in this process (the dispatcher's), so `erase` edits them in place. */
  private readonly live = new Map<string, Broadcast>();

  constructor(
    readonly dir: string,
    private readonly report: DamageReport = (what, to, why) => process.stderr.write(`[broadcast] 发送记录已损坏：${what}（${why}），已另存为 ${to}，其余照常发送\n`),
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Ids of all broadcasts, oldest first; a broadcast whose manifest is damaged is set aside here. */
  ids(): string[] {
    const found: { id: string; at: string }[] = [];
    for (const d of readdirSync(this.dir, { withFileTypes: true })) {
      if (!d.isDirectory() || d.name.includes('.tmp') || DAMAGED.test(d.name)) continue;
      if (!existsSync(path.join(this.dir, d.name, 'manifest.json'))) continue;
      const m = this.manifest(d.name);
      if (m) found.push({ id: d.name, at: m.createdAt });
    }
    return found.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)).map((x) => x.id);
  }

  /** Everything set aside as damaged (paths relative to the outbox folder), for the staff status. */
  damaged(): string[] {
    const out: string[] = [];
    for (const d of readdirSync(this.dir, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      if (DAMAGED.test(d.name)) out.push(d.name);
      else for (const f of readdirSync(path.join(this.dir, d.name))) if (DAMAGED.test(f)) out.push(path.join(d.name, f));
    }
    return out.sort();
  }

  /** True when a broadcast with this id exists (creation is the durable "already done" record). */
  has(id: string): boolean {
    return existsSync(path.join(this.dir, id, 'manifest.json'));
  }

  /** The manifest of one broadcast; a damaged one is set aside (folder renamed `<id>.damaged`) and undefined returned. */
  manifest(id: string): Manifest | undefined {
    const folder = path.join(this.dir, id);
    let why: string;
    try {
      const m = readJson<Manifest>(path.join(folder, 'manifest.json'));
      if (m === undefined || validManifest(m)) return m;
      why = '内容格式不对';
    } catch (e) {
      why = (e as Error).message;
    }
    const to = damagedName(folder);
    try {
      renameSync(folder, to);
      this.report(path.join(folder, 'manifest.json'), to, why);
    } catch {
      /* set aside by someone else meanwhile */
    }
    return undefined;
  }

  /** Reminder ids already enqueued: the durable sent-log of the reminder schedule (set-aside ones count: never twice). */
  reminderIds(): Set<string> {
    const out = new Set<string>();
    for (const id of this.ids()) {
      const m = this.manifest(id);
      if (m?.reminderId) out.add(m.reminderId);
    }
    for (const d of readdirSync(this.dir)) {
      const m = /^reminder-(.+)\.damaged(-\d+)?$/.exec(d);
      if (m) out.add(m[1]!);
    }
    return out;
  }

  /**
   * Create a broadcast atomically (a temp folder renamed into place). Returns false when one with
   * this id already exists, so enqueuing the same reminder twice is harmless. On failure (a full
   * disk) nothing is left behind.
   */
  create(m: Omit<Manifest, 'v'>): boolean {
    if (!/^[\w.-]+$/.test(m.id)) throw new Error(`bad broadcast id ${m.id}`);
    const final = path.join(this.dir, m.id);
    if (existsSync(final)) return false;
    const tmp = path.join(this.dir, `${m.id}.tmp-${process.pid}`);
    try {
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { mode: 0o700 });
      writeFileAtomicSync(path.join(tmp, 'manifest.json'), JSON.stringify({ v: 1, ...m } satisfies Manifest));
      renameSync(tmp, final);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (existsSync(final)) return false;
      throw e;
    }
    // The new folder's name must survive a power loss too: a reminder created twice is sent twice.
    syncDirSync(this.dir);
    return true;
  }

  /** Open one broadcast (see `Broadcast.open`); a writable one is registered until closed. */
  open(id: string, writable = false, now?: number): Broadcast {
    const b = Broadcast.open(path.join(this.dir, id), writable, now, this.report);
    if (writable) {
      this.live.set(id, b);
      b.onClose = () => {
        if (this.live.get(id) === b) this.live.delete(id);
      };
    }
    return b;
  }

  /** Remove a person (`channel:userId`) from every broadcast; returns in how many they were. */
  erase(key: string, now: number = Date.now()): number {
    let n = 0;
    for (const id of this.ids()) {
      const open = this.live.get(id);
      const b = open ?? Broadcast.open(path.join(this.dir, id), true, now, this.report);
      try {
        if (b.erase(key, now)) n++;
      } finally {
        if (!open) b.close();
      }
    }
    return n;
  }
}
