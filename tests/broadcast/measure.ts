/**
 * Measuring a broadcast against the rate limit, through the fake Telegram Bot API server and the
 * real Telegram sender. Used by tests/broadcast/rate.test.ts and scripts/bench-broadcast.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import { createTelegramSender } from '../../src/channels/telegram/sender.js';
import { KeyboardMemory } from '../../src/channels/telegram/keyboard.js';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import type { Sender } from '../../src/messages/sender.js';
import { fastSettings, makeSubscribers, memoryStore, tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Figures of one measured broadcast. */
export interface Throughput {
  recipients: number;
  configuredPerSecond: number;
  seconds: number;
  /** (messages − 1) / (last − first), from the server's receive times. */
  achievedPerSecond: number;
  /** Most messages the server received in any one-second window. */
  maxInOneSecondServer: number;
  /** Most sends started in any one-second window (client side: what the pacer controls). */
  maxInOneSecondClient: number;
  duplicates: number;
  lost: number;
}

/** Most timestamps in any half-open window [t, t + 1000). */
export function maxPerSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Send one broadcast to `n` fake subscribers at `perSecond` and measure it. */
export async function measureBroadcast(n: number, perSecond: number, maxInFlight = 32): Promise<Throughput> {
  const fake = await startFakeTelegram();
  try {
    const dir = tempDir();
    const subs = makeSubscribers(n, 'telegram');
    const store = memoryStore(subs);
    const outbox = new Outbox(path.join(dir, 'outbox'));
    outbox.create({
      id: 'bench', kind: 'staff', createdAt: new Date().toISOString(), createdBy: 'bench', reply: { text: '【测试】2024年第二批申报10月10日开始。' },
      recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })),
    });
    const settings = fastSettings(perSecond);
    settings.telegram.maxInFlight = maxInFlight;
    const inner = createTelegramSender({ token: fake.token, apiRoot: fake.apiRoot, keyboards: new KeyboardMemory() });
    const starts: number[] = [];
    const sender: Sender = { channel: 'telegram', send: (chat, reply) => {
        starts.push(Date.now());
        return inner.send(chat, reply);
      },
    };
    const t0 = Date.now();
    const r = await new Dispatcher({ outbox, senders: [sender], store, settings, stateDir: outbox.dir }).deliver('bench');
    const seconds = (Date.now() - t0) / 1000;
    if (!r.done) throw new Error('broadcast did not finish');
    const times = fake.sent.filter((s) => s.method === 'sendMessage').map((s) => s.at);
    const perChat = new Map<string, number>();
    for (const s of fake.sent) perChat.set(s.chat_id, (perChat.get(s.chat_id) ?? 0) + 1);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      recipients: n,
      configuredPerSecond: perSecond,
      seconds,
      achievedPerSecond: (times.length - 1) / span,
      maxInOneSecondServer: maxPerSecond(times),
      maxInOneSecondClient: maxPerSecond(starts),
      duplicates: [...perChat.values()].filter((c) => c > 1).length,
      lost: subs.filter((s) => !perChat.has(s.chatId)).length,
    };
  } finally {
    await fake.close();
  }
}

/** Figures of a broadcast delivered by child processes that are SIGKILLed at random points. */
export interface KillRestart {
  recipients: number;
  kills: number;
  delivered: number;
  duplicates: number;
  lost: number;
  uncertain: number;
  sent: number;
  state: string;
  finalExit: { code: number | null; signal: string | null };
  stderr: string;
}

function startChild(env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null }>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'child-deliver.ts')], {
    cwd: path.resolve(here, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, exited, stderr: () => err };
}

/**
 * Deliver one broadcast to `n` recipients through the fake Telegram server from a child process,
 * SIGKILL it up to `kills` times after a random number (10–59) of messages, then let a last child
 * finish; count what the server received.
 */
export async function measureKillRestart(n: number, perSecond: number, kills: number, seed = 7): Promise<KillRestart> {
  const fake = await startFakeTelegram();
  try {
    const dir = tempDir();
    const subs = makeSubscribers(n);
    const outbox = new Outbox(path.join(dir, 'outbox'));
    outbox.create({
      id: 'kill', kind: 'staff', createdAt: new Date().toISOString(), createdBy: 'test', reply: { text: '【测试】申报提醒' },
      recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })),
    });
    const env = { ZC_DATA: dir, ZC_API_ROOT: fake.apiRoot, ZC_TOKEN: fake.token, ZC_RATE: String(perSecond) };
    const sentCount = () => fake.sent.filter((s) => s.method === 'sendMessage').length;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let done = 0;
    for (let round = 0; round < kills; round++) {
      const before = sentCount();
      const { child, exited } = startChild(env);
      const k = 10 + Math.floor(random() * 50);
      const finished = await Promise.race([fake.waitFor(() => sentCount() >= before + k, 30_000).then(() => false), exited.then(() => true)]);
      if (finished) break;
      child.kill('SIGKILL');
      await exited;
      done++;
    }
    const last = startChild(env);
    const finalExit = await last.exited;
    const perChat = new Map<string, number>();
    for (const s of fake.sent) if (s.method === 'sendMessage') perChat.set(s.chat_id, (perChat.get(s.chat_id) ?? 0) + 1);
    const summary = outbox.open('kill').summary();
    return {
      recipients: n,
      kills: done,
      delivered: perChat.size,
      duplicates: [...perChat.values()].filter((c) => c > 1).length,
      lost: subs.filter((s) => !perChat.has(s.chatId)).length,
      uncertain: summary.uncertain,
      sent: summary.sent,
      state: summary.state,
      finalExit,
      stderr: last.stderr(),
    };
  } finally {
    await fake.close();
  }
}
