/**
 * Deletion that deletes, files for the service user alone: 删除我的数据 removes the person from
 * every outbox file (only counts remain), no data file is ever seen readable by others (not even
 * the temporary file of an atomic write), and the WeChat contact cache lives in the data folder.
 */
import { readdirSync, readFileSync, statSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createBroadcastService } from '../../src/broadcast/service.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { loadConfig } from '../../src/config.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { MemoryStore } from '../../src/store/memory.js';
import { puppetOptions } from '../../src/channels/wechat/puppet.js';
import { fastSettings, makeSubscribers, recordingSender, tempDir } from '../broadcast/helpers.js';

/** Every file under `dir`, with its content. */
function files(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .map((f) => [f, readFileSync(f, 'utf8')]);
}

describe('删除我的数据 reaches the outbox', () => {
  it('their id and chat id leave every outbox file (delivered and pending broadcasts); the counts stay', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir });
    const service = createBroadcastService({ config, settings: fastSettings(), clock: () => new Date('2024-06-15T10:00:00+08:00'), log: () => undefined });
    const store = new MemoryStore();
    const subs = makeSubscribers(3, 'telegram', ['general'], 880_000);
    for (const s of subs) await store.putSubscriber(s);
    const app = await createApp(config, { store, now: () => '2024-06-15', handlers: [service.staffHandler] });
    const outbox = new Outbox(path.join(dir, 'outbox'));
    const recipients = subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId }));
    outbox.create({ id: 'sent', kind: 'staff', createdAt: '2024-06-01T00:00:00.000Z', createdBy: 'x', reply: { text: '一' }, recipients });
    service.start(app, [recordingSender('telegram')]);
    await service.tick(); // "sent" is delivered to all three (and snapshotted at the end)
    await service.stop();
    outbox.create({ id: 'pending', kind: 'staff', createdAt: '2024-06-02T00:00:00.000Z', createdBy: 'x', reply: { text: '二' }, recipients });
    const gone = subs[1]!;
    const before = outbox.open('sent').summary();
    expect(files(outbox.dir).some(([, c]) => c.includes(gone.chatId))).toBe(true);

    const userId = gone.key.split(':')[1]!;
    const ask = await app.core.handle({ channel: 'telegram', userId, chatId: gone.chatId, text: '删除我的数据' });
    expect(ask[0]!.text).toContain('确认');
    const reply = await app.core.handle({ channel: 'telegram', userId, chatId: gone.chatId, text: '确认' });
    expect(reply[0]!.text).toContain('已删除');

    for (const [f, c] of files(outbox.dir)) {
      expect(c.includes(gone.chatId), f).toBe(false);
      expect(c.includes(userId), f).toBe(false);
    }
    expect(outbox.open('sent').summary()).toMatchObject({ total: 3, sent: before.sent });
    expect(outbox.open('pending').summary()).toMatchObject({ total: 3, pending: 2, skipped: 1 });
    // The others are untouched and the pending broadcast still goes to them.
    const sender = recordingSender('telegram');
    const again = createBroadcastService({ config, settings: fastSettings(), clock: () => new Date('2024-06-15T10:00:00+08:00'), log: () => undefined });
    again.start(app, [sender]);
    await again.tick();
    expect(sender.delivered.map((d) => d.chatId).sort()).toEqual([subs[0]!.chatId, subs[2]!.chatId]);
    await again.stop();
    await app.close();
  });
});

describe('erasure while a broadcast is being sent', () => {
  it('a person erased mid-send is never written again, and the others are still delivered', async () => {
    const dir = tempDir();
    const outbox = new Outbox(path.join(dir, 'outbox'));
    const subs = makeSubscribers(4, 'telegram', ['general'], 770_000);
    outbox.create({ id: 'live', kind: 'staff', createdAt: '2024-06-01T00:00:00.000Z', createdBy: 'x', reply: { text: '通知' }, recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })) });
    const gone = subs[1]!;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const sender = { channel: 'telegram' as const, delivered: [] as string[], async send(chatId: string) {
      if (chatId === gone.chatId) await held; // their send is in flight when they ask to be deleted
      sender.delivered.push(chatId);
      return { ok: true as const };
    } };
    const { Dispatcher } = await import('../../src/broadcast/dispatcher.js');
    const { memoryStore, fastSettings: fs2 } = await import('../broadcast/helpers.js');
    const delivering = new Dispatcher({ outbox, senders: [sender], store: memoryStore(subs), settings: fs2(), stateDir: outbox.dir }).deliver('live');
    await new Promise((r) => setTimeout(r, 200));
    expect(outbox.erase(gone.key)).toBe(1);
    release();
    await delivering;
    for (const [f, c] of files(outbox.dir)) expect(c.includes(gone.chatId), f).toBe(false);
    expect(sender.delivered.filter((c) => c !== gone.chatId).sort()).toEqual([subs[0]!.chatId, subs[2]!.chatId, subs[3]!.chatId]);
    expect(outbox.open('live').summary()).toMatchObject({ total: 4, sent: 3, pending: 0 });
  });
});

describe('files readable by the service user alone', () => {
  it('no file in the data folder is ever seen with a mode other than 0600, temporary files included (umask 000)', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'zc-mode-')), 'data');
    const old = process.umask(0);
    try {
      const store = await openLowdbStore(dir, { writeDelayMs: 1 });
      const seen = new Map<string, number>();
      let polls = 0;
      let writing = true;
      const poll = async () => {
        while (writing) {
          for (const name of readdirSync(dir)) {
            try {
              const st = statSync(path.join(dir, name));
              if (st.isFile()) seen.set(name, seen.get(name) === undefined || seen.get(name) === 0o600 ? st.mode & 0o777 : seen.get(name)!);
            } catch {
              /* renamed meanwhile */
            }
          }
          polls++;
          await new Promise((r) => setImmediate(r));
        }
      };
      const watcher = poll();
      for (let i = 0; i < 200; i++) {
        await store.putSession({ key: `console:u${i}`, updatedAt: '2024-04-20T00:00:00.000Z', data: { step: 'x'.repeat(2000) } });
        await store.putSubscriber({ key: `telegram:${i}`, channel: 'telegram', chatId: String(i), audiences: ['general'], since: '' });
        await store.flush();
        await new Promise((r) => setImmediate(r));
      }
      writing = false;
      await watcher;
      await store.close();
      expect(polls).toBeGreaterThan(100);
      expect([...seen.keys()].some((n) => n.endsWith('.tmp'))).toBe(true); // temporary files were seen, and…
      for (const [name, mode] of seen) expect(mode.toString(8), name).toBe('600'); // …none was ever readable by others
    } finally {
      process.umask(old);
    }
  }, 60_000);

  it('the WeChat contact cache is kept inside the data folder, not in $HOME/.wechaty', () => {
    const dir = tempDir();
    const o = puppetOptions({ puppet: 'wechaty-puppet-service', token: 'insecure_cache-test', endpoint: '127.0.0.1:1', acceptFriends: true }, dir);
    const storeDir = (o.puppet as unknown as { _payloadStore: { storeDir: string } })._payloadStore.storeDir;
    expect(storeDir.startsWith(path.join(dir, 'wechat-cache'))).toBe(true);
    expect(process.env.HOME).not.toBe(path.join(dir, 'wechat-cache'));
  });
});
