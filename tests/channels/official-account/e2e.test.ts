/**
 * The official account end to end, against the fake WeChat platform, in plaintext and in safe
 * mode: what a follower sees, what WeChat's retries and an attacker's requests can (not) do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINEER } from '../engineer-answers.js';
import { startRig, type Rig, type RigOptions } from './harness.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});
const start = async (o: RigOptions) => (rig = await startRig(o));

/** The number of the line "N. label" in a WeChat message, if offered. */
function numberOf(message: string, label: string): string | undefined {
  const m = new RegExp(`^(\\d+)\\. ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(message);
  return m?.[1];
}

for (const safe of [false, true]) {
  const mode = safe ? 'safe mode' : 'plaintext';

  describe(`official account end to end (${mode})`, { timeout: 60_000 }, () => {
    it('verifies the callback URL for the admin panel, and refuses a forged verification', async () => {
      const r = await start({ safe });
      expect(await r.wx.verify('echo-12345')).toEqual({ status: 200, body: 'echo-12345' });
      expect((await r.wx.verify('echo-12345', false)).status).toBe(403);
    });

    it('runs a whole self-test by numbered answers to a verdict, each answer passive', async () => {
      const r = await start({ safe });
      const user = 'o-interview';
      let shown = (await r.wx.userText(user, '资格自测')).reply!;
      let numbered = 0;
      for (let turn = 0; turn < 30 && !shown.includes('初步判断'); turn++) {
        const a = ENGINEER.find((x) => x.ask.test(shown));
        expect(a, `no scripted answer for: ${shown.slice(0, 80)}`).toBeDefined();
        const n = numberOf(shown, a!.choice ?? a!.answer);
        if (n) numbered++;
        const res = await r.wx.userText(user, n ?? a!.answer);
        // Long verdicts go out as customer-service messages; everything else passively.
        shown = res.reply ?? (await r.turn(`m:${res.msgId}`)).messages.join('\n');
      }
      expect(shown).toContain('可以申报：助理级');
      expect(shown).toContain('2024年第一批');
      expect(shown).toContain('依据：30号文 第五条（四）');
      expect(numbered).toBeGreaterThanOrEqual(8);
      expect(r.wx.replyErrors).toEqual([]);
      // Every message WeChat got from us fits its limit.
      expect(r.wx.inbox(user).every((m) => Buffer.byteLength(m) <= 2048)).toBe(true);
    });

    it('answers a question passively, with its source, in one attempt and without the customer-service API', async () => {
      const r = await start({ safe });
      const res = await r.wx.userText('o-q', '社保缴费证明要上传吗');
      expect(res.attempts).toHaveLength(1);
      expect(res.reply).toMatch(/寻人社发〔2024〕28号|三（四）/);
      expect(r.wx.callsTo('custom/send')).toHaveLength(0);
      expect(r.wx.replyErrors).toEqual([]);
    });

    it('a slow answer: "success" at once, WeChat retries answered but not handled again, one delivery by customer service', async () => {
      // WeChat gives up on an attempt after 400 ms here (5 s in reality); the core needs 1.5 s.
      const r = await start({ safe, retryTimeoutMs: 400, passiveWindowMs: 1000, delay: (m) => (m.text === '现在能申报吗' ? 1500 : 0) });
      r.wx.slowNextCustomSend(800); // the first customer-service message is slow to go out
      const res = await r.wx.userText('o-slow', '现在能申报吗');
      expect(res.attempts.length).toBeGreaterThanOrEqual(2); // retried at least once
      expect(res.attempts.at(-1)!.body).toBe('success');
      expect(res.reply).toBeUndefined();
      // The user writes again at once: that quick answer must not overtake the slow one still on its way.
      const nextPush = r.wx.userText('o-slow', '你好');
      const turn = await r.turn(`m:${res.msgId}`);
      expect(turn.via).toBe('custom');
      const next = await nextPush;
      const welcome = next.reply ?? (await r.turn(`m:${next.msgId}`)).messages.join('\n');
      expect(welcome).toContain('资格自测');
      await r.oa.channel.idle();
      expect(r.coreCalls.filter((m) => m.text === '现在能申报吗')).toHaveLength(1);
      const slow = turn.messages;
      expect(slow.join('\n')).toContain('2024');
      expect(r.wx.inbox('o-slow')).toEqual([...slow, welcome]);
    });

    it('subscribe → welcome with the menu; unsubscribe → subscription and answers deleted', async () => {
      const r = await start({ safe });
      const user = 'o-follow';
      const welcome = (await r.wx.event(user, 'subscribe')).reply!;
      expect(welcome).toContain('感谢关注');
      expect(welcome).toMatch(/1\. 资格自测/);
      expect((await r.wx.userText(user, '订阅')).reply).toContain('已为您订阅');
      expect((await r.wx.userText(user, '资格自测')).reply).toContain('职称系列');
      expect((await r.wx.userText(user, '工程技术')).reply).toContain('申报的专业');
      const key = `wechat-oa:${user}`;
      expect(await r.store.getSubscriber(key)).toBeDefined();
      expect(await r.store.getSession(key)).toBeDefined();
      const bye = await r.wx.event(user, 'unsubscribe');
      expect(bye.attempts.at(-1)!.body).toBe('success');
      expect(await r.store.getSubscriber(key)).toBeUndefined();
      expect(await r.store.getSession(key)).toBeUndefined();
    });

    it('a menu click runs the command of the menu data file; an unknown key says the menu changed', async () => {
      const r = await start({ safe });
      expect((await r.wx.event('o-menu', 'CLICK', 'ZC_SCREEN')).reply).toContain('职称系列');
      expect((await r.wx.event('o-menu2', 'CLICK', 'ZC_SUBSCRIBE')).reply).toContain('已为您订阅');
      expect((await r.wx.event('o-menu3', 'CLICK', 'OLD_KEY')).reply).toContain('菜单项已经调整');
      expect((await r.wx.event('o-menu3', 'VIEW', 'https://example.org')).attempts.at(-1)!.body).toBe('success');
    });

    it('a forwarded (quoted) question is answered in a form ready to forward back', async () => {
      const r = await start({ safe });
      const res = await r.wx.userText('o-hr', '「张三：社保缴费证明要上传吗」\n- - - - - - - - - - - - - - -\n帮忙看下');
      expect(res.reply ?? (await r.turn(`m:${res.msgId}`)).messages.join('\n')).toContain('【寻乌县职称考核认定助手 答复】');
    });

    it('an expired access token is refreshed once, and the message still arrives', async () => {
      const r = await start({ safe, passiveWindowMs: 50, delay: (m) => (m.text.startsWith('现在') ? 200 : 0) });
      const first = await r.wx.userText('o-t1', '现在能申报吗');
      await r.turn(`m:${first.msgId}`);
      expect(r.wx.callsTo('stable_token')).toHaveLength(1);
      r.wx.expireTokens();
      // Two users at once: one refresh between them.
      const [a, b] = await Promise.all([r.wx.userText('o-t2', '现在能申报吗'), r.wx.userText('o-t3', '现在能申报吗')]);
      const ta = await r.turn(`m:${a.msgId}`);
      const tb = await r.turn(`m:${b.msgId}`);
      expect(ta.failed).toBeUndefined();
      expect(tb.failed).toBeUndefined();
      expect(r.wx.callsTo('stable_token')).toHaveLength(2);
      expect(r.wx.callsTo('stable_token')[1]!.body.force_refresh).toBe(true);
      expect(r.wx.inbox('o-t2').length).toBeGreaterThan(0);
      expect(r.wx.inbox('o-t3').length).toBeGreaterThan(0);
    });

    it('refuses a forged signature and a replayed message, without effect', async () => {
      const r = await start({ safe });
      const xml = `<xml><ToUserName><![CDATA[${r.wx.account}]]></ToUserName><FromUserName><![CDATA[o-evil]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[删除我的数据]]></Content><MsgId>1234567890123</MsgId></xml>`;
      const { query, body } = r.wx.seal(xml);
      const forged = await r.wx.post({ ...query, signature: 'a'.repeat(40) }, body);
      expect(forged.status).toBe(403);
      if (safe) expect((await r.wx.post({ ...query, msg_signature: 'b'.repeat(40) }, body)).status).toBe(403);
      expect(r.coreCalls).toHaveLength(0);
      // The genuine push is taken once; the same request replayed is answered from memory, not handled again.
      const first = await r.wx.post(query, body);
      expect(first.status).toBe(200);
      const again = await r.wx.post(query, body);
      expect(again.status).toBe(200);
      expect(again.body).not.toBe('');
      expect(r.coreCalls).toHaveLength(1);
      // A capture replayed later than the accepted clock skew (5 minutes) is refused outright.
      const old = r.wx.seal(xml.replace('1234567890123', '1234567890999'), Math.floor(Date.now() / 1000) - 301);
      expect((await r.wx.post(old.query, old.body)).status).toBe(403);
      expect(r.coreCalls).toHaveLength(1);
      expect(r.wx.callsTo('custom/send')).toHaveLength(0);
    });

    it('refuses a body that is not what it claims, without effect', async () => {
      const r = await start({ safe });
      const ts = String(Math.floor(Date.now() / 1000));
      const { sha1Signature } = await import('../../../src/channels/official-account/crypto.js');
      const signed = { signature: sha1Signature(r.wx.token, ts, '42'), timestamp: ts, nonce: '42' };
      if (safe) {
        // Correctly signed, but sealed with another key: it cannot be decrypted.
        const junk = Buffer.alloc(64, 7).toString('base64');
        const q = { ...signed, encrypt_type: 'aes', msg_signature: sha1Signature(r.wx.token, ts, '42', junk) };
        const res = await r.wx.post(q, `<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[${junk}]]></Encrypt></xml>`);
        expect(res.status).toBe(400);
      }
      expect((await r.wx.post(signed, 'this is not xml')).status).toBe(400);
      expect(r.coreCalls).toHaveLength(0);
      expect(r.turns).toHaveLength(0);
    });
  });
}

describe('official account: EncodingAESKey rotation', { timeout: 30_000 }, () => {
  it('accepts pushes sealed with the previous key and answers with the key they came with', async () => {
    const { OLD_AES_KEY } = await import('./harness.js');
    const r = await start({ safe: true, previousKey: OLD_AES_KEY });
    r.wx.useKey(OLD_AES_KEY);
    expect((await r.wx.userText('o-rot', '你好')).reply).toContain('资格自测');
    expect(r.wx.replyErrors).toEqual([]);
    r.wx.useKey('QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ');
    expect((await r.wx.userText('o-rot', '你好')).status).toBe(400);
  });
});
