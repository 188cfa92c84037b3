/**
 * Pacing of one channel's broadcast sends: evenly spaced sends (with jitter where wanted), a hard ceiling of
 * `perSecond` sends in any one-second window, pauses on "retry after", and a daily cap whose
 * counter is persisted so a restart does not reset it.
 */
import { localDayHour } from './schedule.js';
import { readJsonOrSetAside, writeJsonAtomic } from './journal.js';
import type { ChannelLimits } from './settings.js';

/** Time as the pacer sees it; tests may pass a fake. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock (only the delivery edge uses it). */
export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms))) };

const WINDOW_MS = 1020;

interface Counter {
  day: string;
  count: number;
}

/** Paces one channel's broadcast sends (shared by every broadcast on that channel). */
export class BroadcastPacer {
  private nextAt = 0;
  private pausedUntil = 0;
  private readonly recent: number[] = [];
  private counter: Counter;
  private readonly lastByChat = new Map<string, number>();

  constructor(
    readonly limits: ChannelLimits,
    private readonly counterFile?: string,
    private readonly clock: Clock = realClock,
    private readonly random: () => number = Math.random,
  ) {
    // A damaged counter is set aside; today's count then restarts (the platform's own limits still apply).
    const valid = (v: unknown) => typeof (v as Counter)?.day === 'string' && Number.isFinite((v as Counter)?.count);
    const report = (f: string, to: string) => process.stderr.write(`[broadcast] 计数文件已损坏：${f}，已另存为 ${to}\n`);
    this.counter = (counterFile && readJsonOrSetAside<Counter>(counterFile, valid, report)) || { day: '', count: 0 };
  }

  /** Sends counted today (Asia/Shanghai). */
  sentToday(): number {
    return this.counter.day === localDayHour(this.clock.now()).day ? this.counter.count : 0;
  }

  /** True when today's cap is used up. */
  capped(): boolean {
    return this.limits.dailyCap !== undefined && this.sentToday() >= this.limits.dailyCap;
  }

  /** Hold every send on this channel for `ms` (a 429 "retry after" concerns the whole bot). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Ms to wait before `chatId` may receive again (≤ 1 message per chat per `perChatMs`). */
  chatWait(chatId: string): number {
    const last = this.lastByChat.get(chatId);
    return last === undefined ? 0 : Math.max(0, last + this.limits.perChatMs - this.clock.now());
  }

  /** Wait for a send slot (then call `record` right before sending); resolves false when the daily cap is reached. */
  async acquire(): Promise<boolean> {
    const windowCap = Math.max(1, Math.floor(this.limits.perSecond));
    for (;;) {
      if (this.capped()) return false;
      const now = this.clock.now();
      // A slightly longer window than one second, so clock reads a millisecond apart never let a
      // second carry one send too many.
      while (this.recent.length && this.recent[0]! <= now - WINDOW_MS) this.recent.shift();
      const windowWait = this.recent.length >= windowCap ? this.recent[0]! + WINDOW_MS - now : 0;
      const wait = Math.max(this.pausedUntil - now, this.nextAt - now, windowWait);
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    return true;
  }

  /**
   * Record a send starting now to `chatId`: it takes the slot (spacing and the one-second window
   * count the moment the send starts), the per-chat time, and the persisted daily counter.
   */
  record(chatId: string): void {
    const now = this.clock.now();
    this.recent.push(now);
    // 1 % headroom, so timer and network noise never push the achieved rate above the setting.
    const interval = (1000 / this.limits.perSecond) * 1.01;
    const spread = this.limits.jitter ? 1 + (this.random() * 2 - 1) * this.limits.jitter : 1;
    // Stay on the grid after late timers (a busy event loop) by catching up a few intervals at
    // most (one for slow channels like WeChat): small enough that the 1 % headroom absorbs it, and
    // the one-second window in `acquire` still caps every second.
    const catchUp = interval * (this.limits.perSecond >= 5 ? 4 : 1);
    this.nextAt = Math.max(this.nextAt, now - catchUp) + interval * spread;
    this.lastByChat.set(chatId, now);
    if (this.lastByChat.size > 10_000) {
      for (const [k, t] of this.lastByChat) if (t < now - this.limits.perChatMs) this.lastByChat.delete(k);
    }
    if (this.limits.dailyCap === undefined) return;
    const day = localDayHour(now).day;
    this.counter = this.counter.day === day ? { day, count: this.counter.count + 1 } : { day, count: 1 };
    if (!this.counterFile) return;
    try {
      writeJsonAtomic(this.counterFile, this.counter);
    } catch {
      /* kept in memory; written again with the next send */
    }
  }
}
