/** The bot core's routing: groups, forwarded questions, non-text, commands, privacy, order, handlers. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../src/app.js';
import type { InboundMessage, Reply } from '../../src/messages/message.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';

async function setup(opts: AppOptions = {}, env: Record<string, string> = {}) {
  const store = new MemoryStore();
  const config = loadConfig({ ZHICHENG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'zhicheng-core-')), ZHICHENG_NOW: '2024-04-20', ...env });
  const app = await createApp(config, { store, ...opts });
  const say = async (text: string, extra: Partial<InboundMessage> = {}) =>
    (await app.core.handle({ channel: 'telegram', userId: '42', chatId: '42', text, ...extra })).map((r: Reply) => [r.text, ...(r.choices ?? []).map((c) => c.label)].join('\n')).join('\n');
  return { app, store, say };
}

const toEligibleSummary = ['资格自测', '工程技术', '水利水电工程', '本科', '不确定', '2022年6月', '水利水电工程', '相同', '2022年7月', '国企', '寻乌县某水务有限公司', '是', '是', '没有', '确认'];

describe('bot core', () => {
  it('in a group: silent unless mentioned; when mentioned, answers questions but never runs the interview', async () => {
    const { say, store } = await setup();
    expect(await say('现在能申报吗', { isGroup: true, chatId: 'g1' })).toBe('');
    const screen = await say('资格自测', { isGroup: true, mentioned: true, chatId: 'g1' });
    expect(screen).toContain('私聊');
    expect(screen).not.toContain('职称系列');
    expect(await store.countSessions()).toBe(0);
    expect(await say('@助手 查看我的数据', { isGroup: true, mentioned: true, chatId: 'g1' })).toContain('私聊');
  });

  it('a forwarded question gets an answer ready to forward back, with its sources', async () => {
    const { say } = await setup();
    const out = await say('社保缴费证明要上传吗', { forwarded: true });
    expect(out).toContain('问：社保缴费证明要上传吗');
    expect(out).toContain('寻人社发〔2024〕28号');
  });

  it('non-text messages get a short helpful reply', async () => {
    const { say } = await setup();
    expect(await say('', { kind: 'image' })).toContain('图片');
    expect(await say('', { kind: 'voice' })).toContain('语音');
    expect(await say('', { kind: 'sticker' })).toContain('文字');
  });

  it('slash commands work like the Chinese ones', async () => {
    const { say } = await setup();
    expect(await say('/start')).toContain('资格自测');
    expect(await say('/help')).toContain('使用说明');
    expect(await say('/screen')).toContain('职称系列');
    await say('工程技术');
    expect(await say('/mydata')).toContain('职称系列：工程技术人员');
    expect(await say('/forget')).toContain('确定要删除');
    expect(await say('确认')).toContain('已删除');
    expect(await say('/mydata')).toContain('没有保存');
  });

  it('帮助 shows each channel its own way of doing things: slash commands and buttons only on Telegram', async () => {
    const { say } = await setup();
    const telegram = await say('帮助');
    expect(telegram).toContain('/help');
    expect(telegram).toContain('按钮');
    for (const channel of ['console', 'wechat', 'wechat-oa'] as const) {
      const help = await say('帮助', { channel, userId: `${channel}-1`, chatId: `${channel}-1` });
      expect(help, channel).toContain('使用说明');
      expect(help, channel).toContain('编号');
      expect(help, channel).not.toMatch(/\/(help|start|screen)|按钮/);
    }
  });

  it('never stores the ID number: it is checked, then gone', async () => {
    const { say, store } = await setup();
    for (const t of toEligibleSummary) await say(t);
    const out = await say('11010519491231002X');
    expect(out).toContain('可以申报');
    // The check's result is among the reasons sent on request ("理由"), the number is not kept.
    expect(await say('理由')).toContain('身份证号码校验通过');
    const rec = await store.getSession('telegram:42');
    expect(JSON.stringify(rec)).not.toContain('11010519491231002X');
    expect(await say('查看我的数据')).not.toContain('1101051949');
  });

  it('subscribes a teacher to the education window, and unsubscribes', async () => {
    const { say, store } = await setup();
    for (const t of ['资格自测', '中小学教师', '小学数学']) await say(t);
    expect(await say('订阅')).toContain('教育系统批次');
    const sub = await store.getSubscriber('telegram:42');
    expect(sub).toMatchObject({ channel: 'telegram', chatId: '42', audiences: ['education'] });
    expect(await say('退订')).toContain('已取消');
    expect(await store.getSubscriber('telegram:42')).toBeUndefined();
    expect(await say('退订')).toContain('没有订阅');
  });

  it('handles one user\'s messages one at a time, in order, even when they arrive together', async () => {
    const { app } = await setup();
    const m = (text: string) => app.core.handle({ channel: 'wechat', userId: 'w1', chatId: 'w1', text });
    const out = await Promise.all([m('资格自测'), m('工程技术'), m('水利水电工程'), m('本科')]);
    expect(out[1]![0]!.text).toContain('申报的专业');
    expect(out[2]![0]!.text).toContain('最高学历');
    expect(out[3]![0]!.text).toContain('申报哪个级别');
  });

  it('extra handlers run first (staff commands); unknown users get the ordinary reply', async () => {
    const { say } = await setup(
      { handlers: [async (msg, app) => (msg.text === '广播预览' && app.isStaff(msg) ? [{ text: 'STAFF-OK' }] : undefined)] },
      { ZHICHENG_STAFF: 'telegram:42' },
    );
    expect(await say('广播预览')).toBe('STAFF-OK');
    expect(await say('广播预览', { userId: '99', chatId: '99' })).not.toContain('STAFF-OK');
  });

  it('forgets an interview not touched for longer than the TTL', async () => {
    let t = Date.parse('2024-04-20T08:00:00Z');
    const { say } = await setup({ clock: () => new Date(t) }, { ZHICHENG_SESSION_TTL_DAYS: '30' });
    await say('资格自测');
    await say('工程技术');
    t += 31 * 86_400_000;
    const out = await say('查看我的数据');
    expect(out).toContain('没有保存');
  });

  it('a question nobody can answer gets the fallback and the menu', async () => {
    const { say } = await setup();
    const out = await say('寻乌有什么好吃的');
    expect(out).toContain('资格自测');
  });

  it('a number typed after the menu picks that item, in every form WeChat accepts (2, ２, 第二, 2.)', async () => {
    const { say } = await setup();
    const expected = await say('政策问答');
    for (const typed of ['2', '２', '第二', '2.']) {
      const { say: fresh } = await setup();
      await fresh('你好');
      expect(await fresh(typed)).toBe(expected);
    }
  });
});
