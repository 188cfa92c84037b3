import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { createBroadcastService } from '../../src/broadcast/service.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import type { InboundMessage } from '../../src/messages/message.js';
import path from 'node:path';
import { loadBroadcastSettings } from '../../src/broadcast/settings.js';
import { recordingSender, tempDir } from './helpers.js';

const commands = ['广播预览 明天起开始申报', '/broadcast_preview 明天起开始申报', '广播发送', '/broadcast_send', '确认', '广播状态', '/broadcast_status', '广播取消', '/broadcast_cancel'];

describe('staff commands inside the app (createApp handlers)', () => {
  it('a non-staff user gets exactly the reply an unknown text gets, in private and in groups', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_STAFF: 'telegram:900' });
    const service = createBroadcastService({ config, settings: loadBroadcastSettings({}) });
    const withStaff = await createApp(config, { store: new MemoryStore(), now: () => '2024-04-20', handlers: [service.staffHandler] });
    const plain = await createApp({ ...config, staff: new Set() }, { store: new MemoryStore(), now: () => '2024-04-20' });
    for (const text of commands) {
      for (const where of [{}, { chatId: '-100', isGroup: true, mentioned: true }]) {
        const m: InboundMessage = { channel: 'telegram', userId: '901', chatId: '901', text, ...where };
        expect(await withStaff.core.handle(m)).toEqual(await plain.core.handle({ ...m }));
      }
    }
    expect(new Outbox(path.join(dir, 'outbox')).ids()).toEqual([]);
    await withStaff.close();
    await plain.close();
  });

  it('staff preview → send → confirm through the core, then the service delivers to subscribers', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_STAFF: 'telegram:900' });
    const settings = loadBroadcastSettings({ ZHICHENG_TELEGRAM_PER_SECOND: '200' });
    // Reminders are checked too: between the two windows none is due, so only the staff broadcast goes out.
    const service = createBroadcastService({ config, settings, clock: () => new Date('2024-06-15T10:00:00+08:00'), log: () => {} });
    const store = new MemoryStore();
    for (let i = 0; i < 3; i++) await store.putSubscriber({ key: `telegram:${i}`, channel: 'telegram', chatId: String(i), audiences: ['general'], since: '' });
    const app = await createApp(config, { store, now: () => '2024-04-20', handlers: [service.staffHandler] });
    const staff = (text: string) => app.core.handle({ channel: 'telegram', userId: '900', chatId: '900', text });
    expect((await staff('广播预览 培训通知'))[0]!.text).toContain('共3人');
    expect((await staff('广播发送'))[0]!.text).toContain('将向3人发送');
    expect((await staff('确认'))[0]!.text).toContain('共3人');
    const sender = recordingSender('telegram');
    service.start(app, [sender]);
    await service.tick();
    expect(sender.delivered.map((d) => d.chatId).sort()).toEqual(['0', '1', '2']);
    expect(sender.delivered[0]!.text).toContain('培训通知');
    expect((await staff('广播状态'))[0]!.text).toContain('已完成');
    await service.stop();
    await app.close();
  });

  it('the service sends a due reminder once, however many rounds run', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir });
    const store = new MemoryStore();
    await store.putSubscriber({ key: 'wechat:e', channel: 'wechat', chatId: 'e', audiences: ['education'], since: '' });
    await store.putSubscriber({ key: 'wechat:g', channel: 'wechat', chatId: 'g', audiences: ['general'], since: '' });
    const service = createBroadcastService({ config, settings: loadBroadcastSettings({ ZHICHENG_WECHAT_PER_MINUTE: '600', ZHICHENG_WECHAT_JITTER: '0' }), clock: () => new Date('2024-10-10T09:05:00+08:00'), log: () => {} });
    const app = await createApp(config, { store, now: () => '2024-10-10', handlers: [service.staffHandler] });
    const sender = recordingSender('wechat');
    service.start(app, [sender]);
    await service.tick();
    await service.tick();
    expect(sender.delivered.map((d) => d.chatId).sort()).toEqual(['e', 'g']);
    expect(sender.delivered[0]!.text).toContain('今天（2024年10月10日）开始申报');
    await service.stop();
    await app.close();
  });
});
