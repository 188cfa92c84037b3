/**
 * Delivery: takes broadcasts from the outbox and sends them through each channel's `Sender`,
 * within that channel's limits. Only the owner of the data folder delivers (store/owner.ts). Order per
 * recipient: check still subscribed → mark `sending` (journal) → send → mark the outcome.
 */
import path from 'node:path';
import type { ChannelName } from '../messages/message.js';
import type { Sender, SendResult } from '../messages/sender.js';
import type { Store } from '../store/port.js';
import { BroadcastPacer, realClock, type Clock } from './pacer.js';
import type { Broadcast, Outbox, Recipient } from './outbox.js';
import type { BroadcastSettings, ChannelLimits } from './settings.js';

/** What delivery needs. */
export interface DispatcherDeps {
  outbox: Outbox;
  senders: Sender[];
  store: Pick<Store, 'getSubscriber' | 'putSubscriber'>;
  settings: BroadcastSettings;
  /** Where the daily counters are persisted (the data dir). */
  stateDir: string;
  clock?: Clock;
  random?: () => number;
  /** A broadcast that could not be delivered this round (the others still are). */
  onError?: (id: string, e: Error) => void;
}

/** Outcome of one delivery pass over a broadcast. */
export interface DeliverResult {
  id: string;
  /** Nothing left to send (all sent, failed, skipped or cancelled). */
  done: boolean;
  /** Channels that stopped at their daily cap today. */
  capped: string[];
  /** Channels with recipients but no connected sender (they stay pending). */
  unconnected: string[];
}

/** Sends the outbox's broadcasts. */
export class Dispatcher {
  private readonly pacers = new Map<string, BroadcastPacer>();
  private readonly clock: Clock;
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.clock = deps.clock ?? realClock;
  }

  /** The pacer of a channel (one per dispatcher, so all broadcasts share it). */
  pacer(channel: ChannelName): BroadcastPacer {
    let l = this.pacers.get(channel);
    if (!l) {
      const limits = this.deps.settings[channel];
      l = new BroadcastPacer(limits, path.join(this.deps.stateDir, `rate-${channel}.json`), this.clock, this.deps.random);
      this.pacers.set(channel, l);
    }
    return l;
  }

  /** Ask running deliveries to stop after their current sends (on shutdown). */
  stop(): void {
    this.stopping = true;
  }

  /** Deliver every open broadcast, oldest first. */
  async deliverAll(): Promise<DeliverResult[]> {
    const out: DeliverResult[] = [];
    for (const id of this.deps.outbox.ids()) {
      if (this.stopping) break;
      // One broadcast that cannot be read never stops the others.
      try {
        out.push(await this.deliver(id));
      } catch (e) {
        (this.deps.onError ?? ((x, err) => process.stderr.write(`[broadcast] ${x}: ${err.message}\n`)))(id, e as Error);
      }
    }
    return out;
  }

  /** Deliver one broadcast as far as the limits allow; resumes from its journal. */
  async deliver(id: string): Promise<DeliverResult> {
    const b = this.deps.outbox.open(id, true, this.clock.now());
    const result: DeliverResult = { id, done: false, capped: [], unconnected: [] };
    try {
      const byChannel = new Map<ChannelName, string[]>();
      for (const r of b.manifest.recipients) {
        if (b.states.get(r.key)?.status !== 'pending') continue;
        const list = byChannel.get(r.channel) ?? [];
        list.push(r.key);
        byChannel.set(r.channel, list);
      }
      await Promise.all(
        [...byChannel].map(async ([channel, keys]) => {
          const sender = this.deps.senders.find((s) => s.channel === channel);
          if (!sender && !b.isCancelled()) return void result.unconnected.push(channel);
          const outcome = await this.lane(b, channel, keys, sender);
          if (outcome === 'capped') result.capped.push(channel);
        }),
      );
      result.done = !b.isOpen();
      if (result.done) b.snapshot();
      return result;
    } finally {
      b.close();
    }
  }

  /** Send one channel's recipients of a broadcast. */
  private async lane(b: Broadcast, channel: ChannelName, keys: string[], sender: Sender | undefined): Promise<'done' | 'capped' | 'stopped'> {
    const limits = this.deps.settings[channel];
    const pacer = this.pacer(channel);
    const inflight = new Set<Promise<void>>();
    const later: string[] = [];
    let next = 0;
    const now = () => this.clock.now();

    for (;;) {
      if (this.stopping) break;
      if (b.isCancelled() || !sender) {
        await Promise.all(inflight);
        for (const k of [...keys.slice(next), ...later]) {
          const st = b.states.get(k);
          if (st?.status === 'pending') b.mark(k, { status: 'skipped', attempts: st.attempts, reason: 'cancelled' }, now());
        }
        return 'done';
      }
      const key = this.pick(b, keys, later, () => next++, pacer);
      if (key === undefined) {
        // A key may vanish from the states when its person is erased mid-broadcast.
        const waits = later.filter((k) => b.states.get(k)?.status === 'pending');
        later.splice(0, later.length, ...waits);
        if (next >= keys.length && waits.length === 0 && inflight.size === 0) return 'done';
        if (waits.length === 0 || inflight.size > 0) {
          if (inflight.size > 0) await Promise.race(inflight);
          continue;
        }
        const soonest = Math.min(...waits.map((k) => Math.max(b.states.get(k)!.notBefore ?? 0, 0)));
        await this.clock.sleep(Math.max(1, soonest - now()));
        continue;
      }
      const r = b.recipient(key)!;
      if (!(await this.stillWanted(b, r))) continue;
      if (!(await pacer.acquire())) {
        await Promise.all(inflight);
        return 'capped';
      }
      if (this.stopping || b.isCancelled()) {
        later.push(key);
        continue;
      }
      if (!(await this.stillWanted(b, r))) continue;
      const before = b.states.get(key);
      if (!before) continue;
      const attempts = before.attempts + 1;
      b.mark(key, { status: 'sending', attempts, uncertain: before.uncertain }, now());
      // On disk before the message leaves: after a power loss this person is "uncertain", never
      // sent twice. fdatasync runs off the event loop (chats are answered meanwhile); the slot is
      // recorded after it, so the pacing counts the moment the send really starts.
      await b.durable();
      pacer.record(r.chatId);
      const p = sender
        .send(r.chatId, b.manifest.reply)
        .catch((e: unknown): SendResult => ({ ok: false, permanent: false, reason: String((e as Error)?.message ?? e) }))
        .then((res) => this.settle(b, r, attempts, res, limits, pacer, later));
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      if (inflight.size >= limits.maxInFlight) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    return 'stopped';
  }

  /** Next recipient that may be sent now: a due retry first, else the next fresh one. */
  private pick(b: Broadcast, keys: string[], later: string[], advance: () => number, pacer: BroadcastPacer): string | undefined {
    const t = this.clock.now();
    const i = later.findIndex((k) => {
      const st = b.states.get(k);
      return st?.status === 'pending' && (st.notBefore ?? 0) <= t && pacer.chatWait(b.recipient(k)!.chatId) === 0;
    });
    if (i >= 0) return later.splice(i, 1)[0];
    for (;;) {
      const n = advance();
      if (n >= keys.length) return undefined;
      const k = keys[n]!;
      if (b.states.get(k)?.status !== 'pending') continue;
      const wait = pacer.chatWait(b.recipient(k)!.chatId);
      if (wait > 0) {
        b.states.set(k, { ...b.states.get(k)!, notBefore: t + wait });
        later.push(k);
        continue;
      }
      return k;
    }
  }

  /** Skip a recipient who unsubscribed or blocked the bot since the broadcast was created. */
  private async stillWanted(b: Broadcast, r: Recipient): Promise<boolean> {
    const sub = await this.deps.store.getSubscriber(r.key);
    const st = b.states.get(r.key);
    if (!st) return false; // erased while we looked
    if (sub && !sub.blocked) return true;
    b.mark(r.key, { status: 'skipped', attempts: st.attempts, reason: sub ? 'blocked' : 'unsubscribed' }, this.clock.now());
    return false;
  }

  /** Record the outcome of one send. */
  private async settle(b: Broadcast, r: Recipient, attempts: number, res: SendResult, limits: ChannelLimits, pacer: BroadcastPacer, later: string[]): Promise<void> {
    const now = this.clock.now();
    if (res.ok) return b.mark(r.key, { status: 'sent', attempts }, now);
    if (res.permanent) {
      b.mark(r.key, { status: 'failed', attempts, reason: res.reason }, now);
      // Blocked / chat gone: remember it so no later broadcast tries again (re-subscribing clears it).
      const sub = await this.deps.store.getSubscriber(r.key);
      if (sub) await this.deps.store.putSubscriber({ ...sub, blocked: true });
      return;
    }
    // The request may have arrived (timeout, garbled answer): one more try at most, and never a
    // second after another unknown outcome; what stays unknown is recorded as uncertain.
    const wasUncertain = b.states.get(r.key)?.uncertain === true;
    if (res.uncertain && (wasUncertain || attempts >= limits.maxAttempts)) {
      return b.mark(r.key, { status: 'failed', attempts, reason: `outcome unknown: ${res.reason}`, uncertain: true }, now);
    }
    if (attempts >= limits.maxAttempts) return b.mark(r.key, { status: 'failed', attempts, reason: `gave up: ${res.reason}`, uncertain: wasUncertain || undefined }, now);
    if (res.retryAfterMs) pacer.pause(res.retryAfterMs);
    const backoff = Math.max(res.retryAfterMs ?? 0, limits.retryBaseMs * 2 ** (attempts - 1), limits.perChatMs);
    b.mark(r.key, { status: 'pending', attempts, reason: res.reason, notBefore: now + backoff, uncertain: res.uncertain || wasUncertain || undefined }, now);
    later.push(r.key);
  }
}
