/**
 * The durable outbox: one folder per broadcast under `<dataDir>/outbox/<id>/` with
 * `manifest.json` (written once, atomically), `journal.jsonl` (one line per recipient state change)
 * and `snapshot.json` (periodic, atomic). A recipient is marked `sending` before the send; on
 * restart an unresolved `sending` becomes `failed` (uncertain) and is never resent: at most once.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelName, Reply } from '../bot/message.js';
import { Journal, readJson, writeJsonAtomic } from './journal.js';

export type RecipientStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Who gets the message: a subscriber key and where to send it. */
export interface Recipient {
  key: string;
  channel: ChannelName;
  chatId: string;
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

  /**
   * Replay a broadcast. `writable` (the one delivering process) repairs a torn journal tail and
   * resolves interrupted sends as uncertain; read-only views (status) change nothing.
   */
  static open(dir: string, writable: boolean, now: number = Date.now()): Broadcast {
    const manifest = readJson<Manifest>(path.join(dir, 'manifest.json'));
    if (!manifest) throw new Error(`no manifest in ${dir}`);
    const b = new Broadcast(dir, manifest, writable);
    for (const r of manifest.recipients) {
      b.states.set(r.key, { status: 'pending', attempts: 0 });
      b.byKey.set(r.key, r);
    }
    const snap = readJson<Snapshot>(path.join(dir, 'snapshot.json'));
    if (snap) for (const [k, s] of snap.states) b.states.set(k, s);
    const { entries } = b.journal.read<Entry>(snap?.offset ?? 0, writable);
    for (const e of entries) b.apply(e);
    if (writable) {
      for (const [key, s] of b.states) {
        if (s.status === 'sending') b.mark(key, { status: 'failed', attempts: s.attempts, reason: 'interrupted', uncertain: true }, now);
      }
    }
    return b;
  }

  private apply(e: Entry): void {
    this.states.set(e.k, { status: e.s, attempts: e.a, reason: e.r, notBefore: e.nb, uncertain: e.u ? true : undefined, at: e.t });
  }

  /** Record a new state for one recipient (appended to the journal before it takes effect). */
  mark(key: string, s: RecipientState, now: number = Date.now()): void {
    if (!this.writable) throw new Error('read-only broadcast');
    const e: Entry = { k: key, s: s.status, a: s.attempts, t: now };
    if (s.reason) e.r = s.reason;
    if (s.notBefore !== undefined) e.nb = s.notBefore;
    if (s.uncertain) e.u = 1;
    this.journal.append(e);
    this.apply(e);
    if (++this.appended % SNAPSHOT_EVERY === 0) this.snapshot();
  }

  /** Compact: the states so far and the journal offset they cover, written atomically. */
  snapshot(): void {
    writeJsonAtomic(path.join(this.dir, 'snapshot.json'), { offset: this.journal.size(), states: [...this.states] } satisfies Snapshot);
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
      const c = (s.byChannel[r.channel] ??= { total: 0, sent: 0, pending: 0 });
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

  /** Release the journal file handle. */
  close(): void {
    this.journal.close();
  }
}

/** The folder of all broadcasts. */
export class Outbox {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Ids of all broadcasts, oldest first. */
  ids(): string[] {
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.includes('.tmp') && existsSync(path.join(this.dir, d.name, 'manifest.json')))
      .map((d) => ({ id: d.name, at: this.manifest(d.name)?.createdAt ?? '' }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
      .map((x) => x.id);
  }

  /** True when a broadcast with this id exists (creation is the durable "already done" record). */
  has(id: string): boolean {
    return existsSync(path.join(this.dir, id, 'manifest.json'));
  }

  /** The manifest of one broadcast. */
  manifest(id: string): Manifest | undefined {
    return readJson<Manifest>(path.join(this.dir, id, 'manifest.json'));
  }

  /** Reminder ids already enqueued: the durable sent-log of the reminder schedule. */
  reminderIds(): Set<string> {
    const out = new Set<string>();
    for (const id of this.ids()) {
      const m = this.manifest(id);
      if (m?.reminderId) out.add(m.reminderId);
    }
    return out;
  }

  /**
   * Create a broadcast atomically (a temp folder renamed into place). Returns false when one with
   * this id already exists, so enqueuing the same reminder twice is harmless.
   */
  create(m: Omit<Manifest, 'v'>): boolean {
    if (!/^[\w.-]+$/.test(m.id)) throw new Error(`bad broadcast id ${m.id}`);
    const final = path.join(this.dir, m.id);
    if (existsSync(final)) return false;
    const tmp = path.join(this.dir, `${m.id}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { mode: 0o700 });
    writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify({ v: 1, ...m } satisfies Manifest), { mode: 0o600 });
    try {
      renameSync(tmp, final);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (existsSync(final)) return false;
      throw e;
    }
    return true;
  }

  /** Open one broadcast (see `Broadcast.open`). */
  open(id: string, writable = false, now?: number): Broadcast {
    return Broadcast.open(path.join(this.dir, id), writable, now);
  }
}
