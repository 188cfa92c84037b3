import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createBroadcastService } from '../../src/broadcast/service.js';
import { loadBroadcastSettings } from '../../src/broadcast/settings.js';
import { loadConfig } from '../../src/config.js';
import { prepareConsole } from '../../src/console/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { Client, rig, tempDir } from './helpers.js';
import type { InboundMessage } from '../../src/messages/message.js';

const tg = (userId: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'telegram', userId, chatId: userId, text, ...extra });

describe('binding a chat account with a one-time code', () => {
  it('a code from the console binds the chat account that sends 绑定 <code>; it then has staff rights', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_CONSOLE_PORT: '0', ZHICHENG_STAFF: 'telegram:1' });
    const prep = prepareConsole(config);
    const service = createBroadcastService({ config, settings: loadBroadcastSettings({}), log: () => {} });
    const app = await createApp(config, { store: new MemoryStore(), now: () => '2024-04-20', handlers: [prep.bindHandler, service.staffHandler] });
    const plain = await createApp(loadConfig({ ZHICHENG_DATA_DIR: tempDir() }), { store: new MemoryStore(), now: () => '2024-04-20' });
    prep.accounts.add('张三', false);

    // Before binding: 广播预览 and a wrong code get exactly what any unknown text gets.
    for (const text of ['广播预览 明天开会', '绑定 123456', '/bind 000000']) {
      expect(await app.core.handle(tg('77', text))).toEqual(await plain.core.handle(tg('77', text)));
    }
    const { code } = prep.accounts.bindCode('张三');
    // Not in a group.
    expect(await app.core.handle(tg('77', `绑定 ${code}`, { chatId: '-5', isGroup: true, mentioned: true }))).toEqual(await plain.core.handle(tg('77', `绑定 ${code}`, { chatId: '-5', isGroup: true, mentioned: true })));
    const bound = await app.core.handle(tg('77', `绑定 ${code}`));
    expect(bound[0]!.text).toContain('已绑定');
    expect(bound[0]!.text).toContain('张三');
    expect(app.isStaff({ channel: 'telegram', userId: '77' })).toBe(true);
    expect((await app.core.handle(tg('77', '广播预览 明天开会')))[0]!.text).toContain('共0人');
    // ZHICHENG_STAFF keeps working.
    expect(app.isStaff({ channel: 'telegram', userId: '1' })).toBe(true);
    // A code works once.
    expect(await app.core.handle(tg('78', `绑定 ${code}`))).toEqual(await plain.core.handle(tg('78', `绑定 ${code}`)));
    expect(prep.audit.read().filter((e) => e.action === 'console.bind')).toEqual([expect.objectContaining({ who: 'console:张三', target: 'telegram' })]);
    // Unbinding removes the rights.
    prep.accounts.unbind('张三', 'telegram:77');
    expect(app.isStaff({ channel: 'telegram', userId: '77' })).toBe(false);
    await app.close();
    await plain.close();
  });

  it('after five wrong codes a chat account is ignored, even with a right code', async () => {
    const { app, prep } = await rig();
    prep.accounts.add('张三', false);
    for (let i = 0; i < 5; i++) await app.core.handle(tg('66', `绑定 ${String(i).padStart(6, '9')}`));
    const { code } = prep.accounts.bindCode('张三');
    const r = await app.core.handle(tg('66', `绑定 ${code}`));
    expect(r[0]?.text ?? '').not.toContain('已绑定');
    expect(app.isStaff({ channel: 'telegram', userId: '66' })).toBe(false);
  });

  it('the bind page shows a fresh code and lists the bindings', async () => {
    const { web, app, prep } = await rig();
    const c = new Client(web);
    await c.login('张三', prep.accounts.add('张三', false));
    await c.get('/bind');
    expect(c.last).toContain('还没有绑定');
    await c.post('/bind/code', {});
    const code = /data-testid="bind-code">(\d{6})</.exec(c.last)![1]!;
    await app.core.handle(tg('4242', `绑定 ${code}`));
    await c.get('/bind');
    expect(c.last).toContain('Telegram 4242');
    await c.post('/bind/remove', { chat: 'telegram:4242' });
    expect(c.last).toContain('已解除绑定');
    expect(app.isStaff({ channel: 'telegram', userId: '4242' })).toBe(false);
  });
});
