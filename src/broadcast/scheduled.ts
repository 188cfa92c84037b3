/**
 * Staff broadcasts to be sent at a chosen time: one JSON file per send under
 * `<dataDir>/scheduled/` (0600, written atomically), so they survive a restart. When due, the
 * audience is chosen at that moment and the broadcast goes into the durable outbox under an id
 * derived from the scheduled id: a crash between the two steps never sends twice.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readJson, writeJsonAtomic } from './journal.js';
import { selectAudience, type AudienceSpec } from './audience.js';
import { enqueueBroadcast, type BroadcastContext } from './ops.js';

/** One scheduled send. */
export interface ScheduledSend {
  id: string;
  text: string;
  audience: AudienceSpec;
  /** When to send (ISO instant). */
  at: string;
  createdBy: string;
  createdAt: string;
  state: 'waiting' | 'enqueued' | 'cancelled';
  /** The outbox broadcast, once enqueued. */
  broadcast?: string;
  cancelledBy?: string;
}

/** The scheduled sends of one data dir. */
export class Schedule {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'scheduled');
  }

  /** Every scheduled send, soonest first. */
  list(): ScheduledSend[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => /^[\w-]+\.json$/.test(f))
      .map((f) => readJson<ScheduledSend>(path.join(this.dir, f))!)
      .filter(Boolean)
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /** One scheduled send. */
  get(id: string): ScheduledSend | undefined {
    if (!/^[\w-]+$/.test(id)) return undefined;
    return readJson<ScheduledSend>(path.join(this.dir, `${id}.json`));
  }

  private save(s: ScheduledSend): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeJsonAtomic(path.join(this.dir, `${s.id}.json`), s);
  }

  /** Schedule a send; returns it. */
  add(o: { text: string; audience: AudienceSpec; at: Date; createdBy: string; now: Date }): ScheduledSend {
    const s: ScheduledSend = {
      id: `sched-${o.now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`,
      text: o.text, audience: o.audience, at: o.at.toISOString(), createdBy: o.createdBy, createdAt: o.now.toISOString(), state: 'waiting',
    };
    this.save(s);
    return s;
  }

  /** Cancel a waiting send; false when it is not waiting any more. */
  cancel(id: string, by: string): boolean {
    const s = this.get(id);
    if (s?.state !== 'waiting') return false;
    this.save({ ...s, state: 'cancelled', cancelledBy: by });
    return true;
  }

  /** Put every due send into the outbox; returns the outbox ids created. */
  async enqueueDue(ctx: BroadcastContext, now: Date): Promise<string[]> {
    const due = this.list().filter((s) => s.state === 'waiting' && Date.parse(s.at) <= now.getTime());
    if (!due.length) return [];
    const subscribers = await ctx.store.listSubscribers();
    const out: string[] = [];
    for (const s of due) {
      const id = `staff-${s.id}`;
      const r = await enqueueBroadcast(ctx, s.text, s.createdBy, now, { recipients: selectAudience(subscribers, s.audience), id });
      this.save({ ...s, state: 'enqueued', broadcast: id });
      if (r.created) out.push(id);
    }
    return out;
  }
}
