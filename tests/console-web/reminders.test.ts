import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createBroadcastService } from '../../src/broadcast/service.js';
import { loadBroadcastSettings } from '../../src/broadcast/settings.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { recordingSender } from '../broadcast/helpers.js';
import { Client, rig } from './helpers.js';

describe('the reminders page', () => {
  it('lists the automatic schedule with its text and audience, and a switched-off reminder is not sent', async () => {
    const { web, prep, app, dir, ctx } = await rig({ now: '2024-09-01' });
    await app.store.putSubscriber({ key: 'wechat:e', channel: 'wechat', chatId: 'e', audiences: ['education'], since: '' });
    await app.store.putSubscriber({ key: 'wechat:g', channel: 'wechat', chatId: 'g', audiences: ['general'], since: '' });
    const c = new Client(web);
    await c.login('张三', prep.accounts.add('张三', false));
    await c.get('/reminders');
    const row = /data-testid="reminder-2024-2.opening">([\s\S]*?)<\/tr>/.exec(c.last)![1]!;
    expect(row).toContain('2024-10-10');
    expect(row).toContain('2 人');
    expect(row).toContain('2024年10月10日');
    await c.post('/reminders/switch', { id: '2024-2.opening', on: '0' });
    expect(c.last).toContain('已关闭这条提醒');
    expect(ctx.audit.read().at(-1)).toMatchObject({ who: 'console:张三', action: 'console.reminder-off', target: '2024-2.opening' });

    const service = createBroadcastService({ config: app.config, settings: loadBroadcastSettings({ ZHICHENG_WECHAT_PER_MINUTE: '600', ZHICHENG_WECHAT_JITTER: '0' }), clock: () => new Date('2024-10-10T09:05:00+08:00'), log: () => {} });
    const sender = recordingSender('wechat');
    service.start(app, [sender]);
    await service.tick();
    expect(sender.delivered).toEqual([]);
    expect(new Outbox(path.join(dir, 'outbox')).ids()).toEqual([]);
    await service.stop();
    // Switched back on, it goes out.
    await c.get('/reminders');
    await c.post('/reminders/switch', { id: '2024-2.opening', on: '1' });
    const again = createBroadcastService({ config: app.config, settings: loadBroadcastSettings({ ZHICHENG_WECHAT_PER_MINUTE: '600', ZHICHENG_WECHAT_JITTER: '0' }), clock: () => new Date('2024-10-10T09:05:00+08:00'), log: () => {} });
    again.start(app, [sender]);
    await again.tick();
    expect(sender.delivered.map((d) => d.chatId).sort()).toEqual(['e', 'g']);
    await again.stop();
  });
});
