import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { tempDir } from './helpers.js';

const tg = (text: string) => ({ channel: 'telegram' as const, userId: '9', chatId: '9', text });

describe('the self-test consent on a subscription', () => {
  it('subscribing right after a verdict keeps the series and batch with consent; a plain subscription keeps nothing', async () => {
    const store = new MemoryStore();
    const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: tempDir() }), { store, now: () => '2024-09-01' });
    await app.core.handle(tg('订阅'));
    expect((await store.getSubscriber('telegram:9'))!.selfTest).toBeUndefined();
    // A finished self-test (as the interview leaves it), then the offer's "订阅提醒".
    await store.putSession({ key: 'telegram:9', updatedAt: new Date().toISOString(), data: { dialog: { v: 1, phase: 'done', answers: { series: '中小学教师' }, shown: {}, failures: 0 } } });
    await app.core.handle(tg('订阅提醒'));
    expect((await store.getSubscriber('telegram:9'))!.selfTest).toEqual({ series: '中小学教师', batch: '2024-2', consent: true });
    // Unsubscribing drops it with the subscription.
    await app.core.handle(tg('退订'));
    expect(await store.getSubscriber('telegram:9')).toBeUndefined();
    await app.close();
  });

  it('the consent survives a restart of the file store', async () => {
    const dir = tempDir();
    const a = await openLowdbStore(dir);
    await a.putSubscriber({ key: 'wechat:x', channel: 'wechat', chatId: 'x', audiences: ['general'], since: '', selfTest: { series: '工程', batch: '2024-1', consent: true } });
    await a.close();
    const b = await openLowdbStore(dir);
    expect((await b.getSubscriber('wechat:x'))!.selfTest).toEqual({ series: '工程', batch: '2024-1', consent: true });
    await b.close();
  });
});
