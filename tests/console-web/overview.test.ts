import { describe, expect, it } from 'vitest';
import { Client, rig } from './helpers.js';

describe('the overview', () => {
  it('shows aggregates only: subscribers per channel, questions asked and missed this week', async () => {
    const { web, prep, app } = await rig();
    await app.store.putSubscriber({ key: 'telegram:1', channel: 'telegram', chatId: '1', audiences: ['general'], since: '' });
    await app.store.putSubscriber({ key: 'wechat:2', channel: 'wechat', chatId: '2', audiences: ['general'], since: '' });
    await app.store.putSubscriber({ key: 'wechat:3', channel: 'wechat', chatId: '3', audiences: ['general'], since: '' });
    await app.core.handle({ channel: 'telegram', userId: '1', chatId: '1', text: '现在能报吗' });
    await app.core.handle({ channel: 'telegram', userId: '1', chatId: '1', text: '职称认定需要面试答辩吗' });
    const c = new Client(web);
    await c.login('张三', prep.accounts.add('张三', false));
    await c.get('/');
    const tile = (label: string) => new RegExp(`<div class="num">(\\d+)</div>(?:<a [^>]*>)?${label}`).exec(c.last)?.[1];
    expect(tile('Telegram 订阅者')).toBe('1');
    expect(tile('微信 订阅者')).toBe('2');
    expect(tile('近 7 天政策提问')).toBe('2');
    expect(tile('近 7 天没答上')).toBe('1');
    expect(c.last).not.toContain('面试答辩');
    expect(c.last).not.toContain('telegram:1');
  });
});
