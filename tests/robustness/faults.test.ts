/**
 * Faults a user or an operator would notice: one user's messages arriving all at once, a damaged
 * data file at start-up, a data folder that cannot be written, a Telegram API failing mid-interview.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Reply } from '../../src/messages/message.js';
import { startTelegram } from '../../src/channels/telegram/index.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { StoreError } from '../../src/store/lowdb.js';
import { startFakeTelegram } from '../fakes/telegram-api.js';

const NOW = '2024-04-20';
const SCRIPT = ['资格自测', '工程技术', '水利水电工程', '本科', '不确定', '2022年6月', '水利水电工程', '相同', '2022年7月', '国企', '寻乌县某水务有限公司', '江西', '是', '是', '没有', '确认', '跳过'];
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `zc-robust-${name}-`));
const config = (dataDir: string, env: Record<string, string> = {}) => loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: NOW, ...env });
const texts = (rs: Reply[]) => rs.map((r) => r.text).join('\n');

describe('robustness: one user, many messages at once', () => {
  it('processes them in arrival order, exactly like one at a time (lowdb store on)', async () => {
    const app = await createApp(config(tmp('order')), { now: () => NOW });
    const one = (userId: string, text: string) => app.core.handle({ channel: 'wechat', userId, chatId: userId, text });
    const sequential: string[] = [];
    for (const t of SCRIPT) sequential.push(texts(await one('calm', t)));
    // The same messages, all sent before any reply (as a burst from a phone that was offline).
    const burst = (await Promise.all(SCRIPT.map((t) => one('hasty', t)))).map(texts);
    expect(burst).toEqual(sequential);
    expect(burst.at(-1)).toContain('初步判断');
    await app.close();
  });
});

describe('robustness: damaged data files at start-up', () => {
  const cases: Array<[string, string, (valid: string) => string]> = [
    ['truncated sessions.json', 'sessions.json', (v) => v.slice(0, Math.floor(v.length / 2))],
    ['garbage in sessions.json', 'sessions.json', () => '\u0000\u0001PK\u0003\u0004 not json at all'],
    ['sessions.json of the wrong shape', 'sessions.json', () => JSON.stringify({ sessions: [1, 2, 3] })],
    ['truncated subscribers.json', 'subscribers.json', (v) => v.slice(0, 10)],
  ];
  for (const [name, file, damage] of cases) {
    it(`${name}: createApp refuses with a clear Chinese message and keeps the damaged file byte for byte`, async () => {
      const dir = tmp('damaged');
      // A real data folder first: a user mid-interview and a subscriber.
      const app = await createApp(config(dir), { now: () => NOW });
      for (const t of ['资格自测', '工程技术', '订阅']) await app.core.handle({ channel: 'wechat', userId: 'u1', chatId: 'u1', text: t });
      await app.core.handle({ channel: 'wechat', userId: 'u2', chatId: 'u2', text: '订阅' });
      await app.close();
      const full = path.join(dir, file);
      const damaged = Buffer.from(damage(readFileSync(full, 'utf8')), 'utf8');
      writeFileSync(full, damaged);

      const err = await createApp(config(dir), { now: () => NOW }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect(err!.message).toMatch(/数据文件.*(已损坏|格式不正确)/);
      expect(err!.message).toContain(full);
      expect(err!.message).toMatch(/原文件保持不变/);
      expect(readFileSync(full).equals(damaged)).toBe(true);
    });
  }
});

describe('robustness: a data folder that cannot be written', () => {
  // Tests run as root, so chmod 0500 would not stop writes. Instead the data path is made
  // unusable in a way root cannot bypass: a path under a regular file (ENOTDIR).
  it('at start-up: createApp refuses with a clear Chinese message', async () => {
    const base = tmp('unwritable');
    writeFileSync(path.join(base, 'a-file'), 'x');
    const err = await createApp(config(path.join(base, 'a-file', 'data')), { now: () => NOW }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect(err!.message).toMatch(/无法创建数据目录/);
  });

  it('while running: writes fail with a clear error, no acknowledged answer is lost, and they are saved once the folder is back', async () => {
    const dir = tmp('vanishing');
    const app = await createApp(config(dir), { now: () => NOW });
    const say = (t: string) => app.core.handle({ channel: 'wechat', userId: 'u1', chatId: 'u1', text: t });
    for (const t of SCRIPT.slice(0, 4)) await say(t);
    await app.store.flush();
    // The folder disappears and a regular file takes its place: every write now fails (ENOTDIR).
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
    const acknowledged = await say(SCRIPT[4]!); // 不确定 (level)
    expect(texts(acknowledged)).toContain('毕业');
    const acknowledged2 = await say(SCRIPT[5]!); // 2022年6月 (graduation)
    expect(texts(acknowledged2)).toContain('所学的专业');
    const err = await app.store.flush().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/无法写入数据目录.*已收到的回答仍在内存中/);
    // The folder is back (space freed, mount restored): the next flush saves everything.
    rmSync(dir);
    mkdirSync(dir);
    await app.close();
    const again = await createApp(config(dir), { now: () => NOW });
    const mine = await again.core.handle({ channel: 'wechat', userId: 'u1', chatId: 'u1', text: '查看答案' });
    expect(texts(mine)).toContain('本科');
    expect(texts(mine)).toContain('2022年6月');
    await again.close();
  });
});

describe('robustness: Telegram API failures mid-interview', () => {
  it('after a 502 and a 429 the user keeps their place and the next message continues the interview', async () => {
    const fake = await startFakeTelegram();
    const app = await createApp(config(tmp('tg'), { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }), { store: new MemoryStore(), now: () => NOW });
    const channel = await startTelegram(app, { pollTimeoutSec: 1, log: () => undefined });
    const user = 4242;
    const lastText = () => fake.messagesTo(user).at(-1)?.text ?? '';
    try {
      const say = async (text: string) => {
        const before = fake.messagesTo(user).length;
        fake.userText({ userId: user, text });
        await fake.waitFor(() => fake.messagesTo(user).length > before, 15_000, `reply to ${text}`);
        await new Promise((r) => setTimeout(r, 50)); // a second reply of the same turn
      };
      for (const t of SCRIPT.slice(0, 3)) await say(t); // … up to the education question
      expect(lastText()).toContain('最高学历');
      fake.inject502(1);
      await say('本科'); // the reply is retried past the 502
      expect(lastText()).toContain('级别');
      fake.inject429(1, 0.2);
      await say('不确定');
      expect(lastText()).toContain('毕业');
      await say('2022年6月'); // the place was kept: this is read as the graduation date
      expect(lastText()).toContain('所学的专业');
      expect(fake.calls.filter((c) => c.status >= 400).length).toBeGreaterThanOrEqual(2);
    } finally {
      await channel.stop();
      await app.close();
      await fake.close();
    }
  });
});
