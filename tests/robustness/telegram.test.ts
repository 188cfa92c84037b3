/**
 * Bounded waits on the Bot API, against a fake that hangs, garbles and refuses: a hung call is
 * given up in seconds and the user still gets the reply once; a send whose answer was garbled is
 * repeated at most once (recorded as uncertain), never three times; an API that cannot be reached
 * at start is reported in Chinese within seconds while the bot keeps trying, and it connects once
 * the API is back.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { startTelegram } from '../../src/channels/telegram/index.js';
import { createTelegramSender } from '../../src/channels/telegram/sender.js';
import { KeyboardMemory } from '../../src/channels/telegram/keyboard.js';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-api.js';
import { fastSettings, makeSubscribers, memoryStore, tempDir } from '../broadcast/helpers.js';

const fakes: FakeTelegram[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s().catch(() => undefined);
  for (const f of fakes.splice(0)) await f.close();
});

async function bot(o: { refusing?: boolean } = {}) {
  const fake = await startFakeTelegram();
  fakes.push(fake);
  if (o.refusing) await fake.refuseConnections(true);
  const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: tempDir(), ZHICHENG_NOW: '2024-04-20', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }), { store: new MemoryStore(), now: () => '2024-04-20' });
  const logs: { at: number; line: string }[] = [];
  const t0 = Date.now();
  const channel = startTelegram(app, { pollTimeoutSec: 1, callTimeoutSec: 1, maxStartDelayMs: 500, log: (line) => logs.push({ at: Date.now() - t0, line }) });
  stops.push(async () => (await channel).stop(), () => app.close());
  return { fake, channel, logs, app };
}

describe('Bot API calls that hang, garble or are refused', () => {
  it('a reply whose call hangs is given up after the call deadline and sent again: the user gets it once, in seconds', async () => {
    const { fake, channel } = await bot();
    await channel;
    fake.injectHang(1);
    const t0 = Date.now();
    fake.userText({ userId: 51, text: '帮助' });
    await fake.waitFor(() => fake.messagesTo(51).length >= 1, 10_000, 'the reply');
    expect(Date.now() - t0).toBeLessThan(8_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messagesTo(51)).toHaveLength(1);
  }, 30_000);

  it('a reply whose answer comes back garbled is repeated once at most (never three times), and the operator log says the outcome was unknown', async () => {
    const { fake, channel, logs } = await bot();
    await channel;
    fake.injectGarbled(5);
    fake.userText({ userId: 52, text: '帮助' });
    await fake.waitFor(() => logs.some((l) => l.line.includes('不再重试')), 10_000, 'the give-up log line');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messagesTo(52).length).toBe(2);
    expect(logs.some((l) => l.line.includes('sendMessage 的结果未知'))).toBe(true);
  }, 30_000);

  it('unreachable at start: a Chinese log line within seconds while retrying, then it connects and answers when the API is back', async () => {
    const { fake, channel, logs } = await bot({ refusing: true });
    await new Promise((r) => setTimeout(r, 3_000));
    const first = logs.find((l) => l.line.includes('连接不上 Telegram Bot API'));
    expect(first, JSON.stringify(logs)).toBeDefined();
    expect(first!.at).toBeLessThan(3_000);
    expect(first!.line).toContain(fake.apiRoot);
    await fake.refuseConnections(false);
    await channel;
    fake.userText({ userId: 53, text: '帮助' });
    await fake.waitFor(() => fake.messagesTo(53).length >= 1, 10_000, 'the reply after reconnecting');
  }, 30_000);

  it('a broadcast send with a garbled answer is retried once and then recorded as uncertain, never sent a third time', async () => {
    const fake = await startFakeTelegram();
    fakes.push(fake);
    const subs = makeSubscribers(3);
    const outbox = new Outbox(path.join(tempDir(), 'outbox'));
    outbox.create({ id: 'g', kind: 'staff', createdAt: new Date().toISOString(), createdBy: 'x', reply: { text: '通知' }, recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })) });
    fake.setMissing('nobody');
    const sender = createTelegramSender({ token: fake.token, apiRoot: fake.apiRoot, keyboards: new KeyboardMemory(), callTimeoutSec: 1 });
    fake.injectGarbled(100);
    await new Dispatcher({ outbox, senders: [sender], store: memoryStore(subs), settings: fastSettings(), stateDir: outbox.dir }).deliver('g');
    for (const s of subs) expect(fake.messagesTo(s.chatId)).toHaveLength(2);
    const summary = outbox.open('g').summary();
    expect(summary).toMatchObject({ failed: 3, uncertain: 3 });
  }, 30_000);
});
