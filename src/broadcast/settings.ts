/**
 * Sending limits per channel, from the environment (defaults are conservative). Telegram allows
 * about 30 messages/s overall and 1/s per chat; WeChat (a personal account via wechaty) is kept
 * slow and irregular, with a daily cap, to look like a person and avoid the account being limited.
 */
import '../zod-locale.js';
import * as z from 'zod';
import { ConfigError } from '../config.js';

/** Limits of one channel. */
export interface ChannelLimits {
  /** Messages per second, overall. */
  perSecond: number;
  /** Random spread of each interval, 0 (regular) to 0.9 (±90 %). */
  jitter: number;
  /** At most this many messages per calendar day (Asia/Shanghai); counted across restarts. */
  dailyCap?: number;
  /** Minimum time between two messages to the same chat. */
  perChatMs: number;
  /** Sends in flight at once (to reach the rate when a round trip is slower than the interval). */
  maxInFlight: number;
  /** Attempts per recipient for transient errors (then failed). */
  maxAttempts: number;
  /** First retry delay after a transient error (doubled each attempt; "retry after" wins if longer). */
  retryBaseMs: number;
}

/** Limits for every channel. */
export type BroadcastSettings = Record<'telegram' | 'wechat' | 'wechat-oa' | 'console', ChannelLimits>;

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const envSchema = z.object({
  ZHICHENG_TELEGRAM_PER_SECOND: num(0.1, 1000).default(20),
  ZHICHENG_WECHAT_PER_MINUTE: num(0.1, 600).default(12),
  ZHICHENG_WECHAT_JITTER: num(0, 0.9).default(0.5),
  ZHICHENG_WECHAT_DAILY_CAP: z.coerce.number().int().min(1).default(300),
  // WeChat Official Account: API calls, under the account's daily quota (see docs/official-account.md).
  ZHICHENG_WECHAT_OA_PER_SECOND: num(0.1, 100).default(10),
  ZHICHENG_WECHAT_OA_DAILY_CAP: z.coerce.number().int().min(1).default(10_000),
});

/** Read the limits from the environment; a bad value is a `ConfigError` naming the variable. */
export function loadBroadcastSettings(env: NodeJS.ProcessEnv = process.env): BroadcastSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? ''), issue.message);
  }
  const e = parsed.data;
  return {
    telegram: { perSecond: e.ZHICHENG_TELEGRAM_PER_SECOND, jitter: 0, perChatMs: 1000, maxInFlight: 8, maxAttempts: 5, retryBaseMs: 1000 },
    wechat: { perSecond: e.ZHICHENG_WECHAT_PER_MINUTE / 60, jitter: e.ZHICHENG_WECHAT_JITTER, dailyCap: e.ZHICHENG_WECHAT_DAILY_CAP, perChatMs: 1000, maxInFlight: 1, maxAttempts: 3, retryBaseMs: 5000 },
    'wechat-oa': { perSecond: e.ZHICHENG_WECHAT_OA_PER_SECOND, jitter: 0, dailyCap: e.ZHICHENG_WECHAT_OA_DAILY_CAP, perChatMs: 1000, maxInFlight: 4, maxAttempts: 3, retryBaseMs: 2000 },
    console: { perSecond: 50, jitter: 0, perChatMs: 0, maxInFlight: 1, maxAttempts: 1, retryBaseMs: 1000 },
  };
}

/** Estimated time (ms) to send `count` messages on a channel, and days when a daily cap applies. */
export function estimateMs(count: number, l: ChannelLimits): { ms: number; days: number } {
  const days = l.dailyCap ? Math.ceil(count / l.dailyCap) : 1;
  const perDay = l.dailyCap ? Math.min(count, l.dailyCap) : count;
  return { ms: Math.round((Math.max(0, perDay - 1) / l.perSecond) * 1000), days };
}
