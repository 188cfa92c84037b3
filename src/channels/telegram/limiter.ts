/**
 * Outgoing rate limits within Telegram's published limits (about 30 messages a second overall,
 * 20 a minute per group, about 1 a second per private chat with short bursts allowed).
 * A GCRA token bucket per key: reservations are taken synchronously in call order, so messages
 * keep their order, and waiting costs one timer, not a polling loop.
 */
import type { Transformer } from 'grammy';

/** Limits for outgoing messages; `burst` is how many may go at once before the rate applies. */
export interface RateLimits {
  global: { perSecond: number; burst: number };
  group: { perMinute: number; burst: number };
  private: { perSecond: number; burst: number };
}

/** Telegram's limits, with the headroom its FAQ recommends. */
export const TELEGRAM_LIMITS: RateLimits = {
  global: { perSecond: 30, burst: 30 },
  group: { perMinute: 20, burst: 5 },
  private: { perSecond: 1, burst: 4 },
};

/** Methods that send or edit a message and so count towards the limits. */
const LIMITED = new Set([
  'sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'editMessageCaption', 'sendPhoto',
  'sendDocument', 'sendSticker', 'sendVoice', 'sendVideo', 'sendAudio', 'copyMessage', 'forwardMessage',
]);

/** One GCRA bucket: `reserve()` returns how many ms to wait before the caller may send. */
class Bucket {
  private tat = 0; // theoretical arrival time of the next send

  constructor(private readonly intervalMs: number, private readonly burst: number) {}

  reserve(now: number): number {
    const tat = Math.max(this.tat, now);
    const allowAt = tat - this.intervalMs * (this.burst - 1);
    this.tat = tat + this.intervalMs;
    return Math.max(0, allowAt - now);
  }

  /** True when the bucket is back to full and can be forgotten. */
  idle(now: number): boolean {
    return this.tat <= now;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Global plus per-chat limiter shared by the bot's replies and the broadcast sender. */
export class RateLimiter {
  private readonly global: Bucket;
  private readonly chats = new Map<string, Bucket>();
  private reservations = 0;

  constructor(private readonly limits: RateLimits = TELEGRAM_LIMITS) {
    this.global = new Bucket(1000 / limits.global.perSecond, limits.global.burst);
  }

  /** Wait until one more message may go to `chatId` (negative ids are groups). */
  async acquire(chatId: string): Promise<void> {
    const now = Date.now();
    const chatWait = this.chatBucket(chatId).reserve(now);
    if (chatWait > 0) await sleep(chatWait);
    const globalWait = this.global.reserve(Date.now());
    if (globalWait > 0) await sleep(globalWait);
    if (++this.reservations % 1000 === 0) this.prune(Date.now());
  }

  /** A grammY API transformer applying the limits to message-sending methods. */
  transformer(): Transformer {
    return async (prev, method, payload, signal) => {
      const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
      if (LIMITED.has(method) && chatId !== undefined) await this.acquire(String(chatId));
      return prev(method, payload, signal);
    };
  }

  private chatBucket(chatId: string): Bucket {
    let b = this.chats.get(chatId);
    if (!b) {
      const { group, private: dm } = this.limits;
      b = chatId.startsWith('-') ? new Bucket(60_000 / group.perMinute, group.burst) : new Bucket(1000 / dm.perSecond, dm.burst);
      this.chats.set(chatId, b);
    }
    return b;
  }

  private prune(now: number): void {
    for (const [k, b] of this.chats) if (b.idle(now)) this.chats.delete(k);
  }
}
