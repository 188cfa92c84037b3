/** The lowdb store: persistence, permissions, coalesced writes, damaged files, expiry. */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore, StoreError } from '../../src/store/lowdb.js';
import { MemoryStore } from '../../src/store/memory.js';

const tmp = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'zhicheng-store-')), 'data');
const rec = (key: string, updatedAt = '2024-04-20T00:00:00.000Z') => ({ key, updatedAt, data: { step: key } });

describe('lowdb store', () => {
  it('creates the data folder 0700 and files 0600, and reads back what it wrote after a reopen', async () => {
    const dir = tmp();
    const s = await openLowdbStore(dir);
    await s.putSession(rec('console:a'));
    await s.putSubscriber({ key: 'telegram:1', channel: 'telegram', chatId: '1', audiences: ['general'], since: '2024-04-20T00:00:00.000Z' });
    await s.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'sessions.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'subscribers.json')).mode & 0o777).toBe(0o600);
    const again = await openLowdbStore(dir);
    expect(await again.getSession('console:a')).toEqual(rec('console:a'));
    expect((await again.listSubscribers()).map((x) => x.key)).toEqual(['telegram:1']);
    await again.close();
  });

  it('coalesces many changes into one write shortly after, without waiting for close', async () => {
    const dir = tmp();
    const s = await openLowdbStore(dir, { writeDelayMs: 20 });
    for (let i = 0; i < 50; i++) await s.putSession(rec(`console:u${i}`));
    expect(existsSync(path.join(dir, 'sessions.json'))).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'sessions.json'), 'utf8'));
    expect(Object.keys(onDisk.sessions)).toHaveLength(50);
    await s.close();
  });

  it('refuses to start on a truncated file, in Chinese, and leaves the file as it was', async () => {
    const dir = tmp();
    const s = await openLowdbStore(dir);
    await s.putSession(rec('console:a'));
    await s.close();
    const file = path.join(dir, 'sessions.json');
    const damaged = readFileSync(file, 'utf8').slice(0, 20);
    writeFileSync(file, damaged);
    await expect(openLowdbStore(dir)).rejects.toThrow(StoreError);
    await expect(openLowdbStore(dir)).rejects.toThrow(/数据文件已损坏/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('refuses a file of the wrong shape too', async () => {
    const dir = tmp();
    const s = await openLowdbStore(dir);
    await s.close();
    writeFileSync(path.join(dir, 'subscribers.json'), JSON.stringify({ subscribers: [1, 2] }));
    await expect(openLowdbStore(dir)).rejects.toThrow(/格式不正确/);
  });

  it('drops sessions not touched since the cut-off, on disk too', async () => {
    for (const make of [async () => new MemoryStore(), async () => openLowdbStore(tmp())]) {
      const s = await make();
      await s.putSession(rec('old', '2024-01-01T00:00:00.000Z'));
      await s.putSession(rec('new', '2024-04-19T00:00:00.000Z'));
      expect(await s.deleteSessionsBefore('2024-03-21T00:00:00.000Z')).toBe(1);
      expect(await s.getSession('old')).toBeUndefined();
      expect(await s.getSession('new')).toBeDefined();
      expect(await s.countSessions()).toBe(1);
      await s.close();
    }
  });
});
