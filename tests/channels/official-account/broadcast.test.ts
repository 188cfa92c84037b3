/**
 * Reminders and staff broadcasts reach official-account followers through the shared outbox and
 * dispatcher: customer-service messages inside the 48-hour window, the subscription-message
 * template outside it, and WeChat's refusals recorded as outcomes staff can read.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/broadcast/audit.js';
import { Dispatcher } from '../../../src/broadcast/dispatcher.js';
import { broadcastContext, statusLines } from '../../../src/broadcast/ops.js';
import { Outbox } from '../../../src/broadcast/outbox.js';
import { enqueueDueReminders } from '../../../src/broadcast/reminders.js';
import { loadBroadcastSettings } from '../../../src/broadcast/settings.js';
import { broadcastTexts } from '../../../src/broadcast/texts.js';
import { OaApi } from '../../../src/channels/official-account/api.js';
import { createOaSender } from '../../../src/channels/official-account/sender.js';
import { loadOaTexts } from '../../../src/channels/official-account/texts.js';
import { fastSettings } from '../../broadcast/helpers.js';
import { startFakeWechatOa } from '../../fakes/wechat-oa.js';
import { startRig, type Rig } from './harness.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** An instant at `hh:00` Asia/Shanghai on `day`. */
const at = (day: string, hh: number) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);

describe('official account as a broadcast channel', { timeout: 60_000 }, () => {
  it.each([false, true])('delivers the window-opening reminder (safe mode: %s): customer service in the window, subscription message outside, refusals recorded', async (safe) => {
    rig = await startRig({ safe, templateId: 'TPL_reminder_0123456789' });
    const { wx, app, store } = rig;
    for (const u of ['o-near', 'o-away', 'o-refused']) expect((await wx.userText(u, '订阅')).reply).toContain('已为您订阅');
    wx.leaveWindow('o-away');
    wx.acceptTemplate('o-away');
    wx.leaveWindow('o-refused');

    const dir = app.config.dataDir;
    const outbox = new Outbox(path.join(dir, 'outbox'));
    const created = await enqueueDueReminders({ policy: app.policy, timing: app.config.reminders, outbox, audit: new AuditLog(dir), store, now: at('2024-04-10', 9) });
    expect(created).toEqual(['reminder-2024-1.opening']);
    expect(outbox.manifest(created[0]!)!.recipients.map((r) => r.channel)).toEqual(['wechat-oa', 'wechat-oa', 'wechat-oa']);

    const results = await new Dispatcher({ outbox, senders: [rig.oa.sender], store, settings: fastSettings(), stateDir: outbox.dir }).deliverAll();
    expect(results[0]!.done).toBe(true);

    expect(wx.inbox('o-near').at(-1)).toContain('开始申报');
    const biz = wx.bizSent.find((b) => b.touser === 'o-away')!;
    expect(biz.template_id).toBe('TPL_reminder_0123456789');
    expect([...biz.data.thing1!.value].length).toBeLessThanOrEqual(20);
    expect(wx.inbox('o-refused').filter((m) => m.includes('开始申报'))).toHaveLength(0);

    const b = outbox.open(created[0]!, false);
    expect(b.states.get('wechat-oa:o-near')!.status).toBe('sent');
    expect(b.states.get('wechat-oa:o-away')!.status).toBe('sent');
    expect(b.states.get('wechat-oa:o-refused')).toMatchObject({ status: 'failed', reason: expect.stringContaining('43101') });
    b.close();
    // A refusal is remembered: later broadcasts skip that follower until they subscribe again.
    expect((await store.getSubscriber('wechat-oa:o-refused'))!.blocked).toBe(true);

    // Staff see this channel's recipients and outcomes like the others'.
    const ctx = broadcastContext(dir, store, loadBroadcastSettings({}), broadcastTexts());
    const lines = statusLines(ctx).join('\n');
    expect(lines).toContain('微信公众号：已发送2/3');
    expect(lines).toContain('失败1');
  });

  it('without a template, a follower outside the 48-hour window is a failure staff can read, not a block', async () => {
    rig = await startRig({ safe: false });
    const { wx } = rig;
    await wx.userText('o-quiet', '订阅');
    wx.leaveWindow('o-quiet');
    const r = await rig.oa.sender.send('o-quiet', { text: '2024年第一批申报已开始' });
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect(!r.ok && r.reason).toContain('45015');
  });
});

describe('official-account sender outcomes', () => {
  it('quota used up (45009) waits and retries; an unfollowed user (43004) is permanent; an expired token is refreshed', async () => {
    const wx = await startFakeWechatOa();
    try {
      const api = new OaApi({ apiRoot: wx.apiRoot, appId: wx.appId, appSecret: wx.appSecret });
      const sender = createOaSender({ api, texts: loadOaTexts(), log: () => undefined });
      wx.enterWindow('o-x');
      wx.failNext('custom/send', 45009);
      expect(await sender.send('o-x', { text: '通知' })).toMatchObject({ ok: false, permanent: false, retryAfterMs: 60_000 });
      wx.failNext('custom/send', 43004);
      expect(await sender.send('o-x', { text: '通知' })).toMatchObject({ ok: false, permanent: true });
      wx.expireTokens();
      expect(await sender.send('o-x', { text: '通知' })).toEqual({ ok: true });
      expect(wx.callsTo('stable_token')).toHaveLength(2);
      expect(wx.customSent.map((m) => m.content)).toEqual(['通知']);
    } finally {
      await wx.close();
    }
  });
});
