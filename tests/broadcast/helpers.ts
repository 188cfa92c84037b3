/** Test helpers for the broadcast suites: an in-memory Store, a recording fake Sender, temp dirs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelName, Reply } from '../../src/messages/message.js';
import type { Sender, SendResult } from '../../src/messages/sender.js';
import type { SessionRecord, Store, Subscriber } from '../../src/store/port.js';

/** A fresh temp dir. */
export function tempDir(prefix = 'zc-bc-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An in-memory Store (subscribers only matter here). */
export function memoryStore(subscribers: Subscriber[] = []): Store & { subs: Map<string, Subscriber> } {
  const subs = new Map(subscribers.map((s) => [s.key, s]));
  const sessions = new Map<string, SessionRecord>();
  return {
    subs,
    getSession: async (k) => sessions.get(k),
    putSession: async (r) => void sessions.set(r.key, r),
    deleteSession: async (k) => void sessions.delete(k),
    countSessions: async () => sessions.size,
    getSubscriber: async (k) => subs.get(k),
    putSubscriber: async (s) => void subs.set(s.key, s),
    deleteSubscriber: async (k) => void subs.delete(k),
    listSubscribers: async () => [...subs.values()],
    flush: async () => {},
    close: async () => {},
  };
}

/** `n` subscribers on a channel, keys `channel:u<i>`, chat ids `<base + i>`. */
export function makeSubscribers(n: number, channel: ChannelName = 'telegram', audiences = ['general'], base = 100_000): Subscriber[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${channel}:u${base + i}`,
    channel,
    chatId: String(base + i),
    audiences,
    since: '2024-04-01T00:00:00.000Z',
  }));
}

/** A fake Sender recording every delivered message; `behave` can fail or hang chosen sends. */
export function recordingSender(
  channel: ChannelName = 'telegram',
  behave: (chatId: string, call: number) => SendResult | 'hang' | 'deliver-then-hang' | undefined = () => undefined,
): Sender & { delivered: { chatId: string; text: string; at: number }[]; calls: number } {
  const s = {
    channel,
    delivered: [] as { chatId: string; text: string; at: number }[],
    calls: 0,
    async send(chatId: string, reply: Reply): Promise<SendResult> {
      const call = ++s.calls;
      const b = behave(chatId, call);
      if (b === 'hang') return new Promise<SendResult>(() => {});
      if (b === 'deliver-then-hang') {
        s.delivered.push({ chatId, text: reply.text, at: Date.now() });
        return new Promise<SendResult>(() => {});
      }
      if (b) return b;
      s.delivered.push({ chatId, text: reply.text, at: Date.now() });
      return { ok: true };
    },
  };
  return s;
}

/** Settings with fast limits for tests. */
export function fastSettings(perSecond = 1000) {
  const base = { jitter: 0, perChatMs: 20, maxInFlight: 8, maxAttempts: 3, retryBaseMs: 10 };
  return {
    telegram: { ...base, perSecond },
    wechat: { ...base, perSecond, dailyCap: 1_000_000, maxInFlight: 1 },
    'wechat-oa': { ...base, perSecond },
    console: { ...base, perSecond },
  };
}
