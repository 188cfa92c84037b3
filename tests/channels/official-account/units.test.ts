/** Official-account building blocks: crypto against WeChat's published samples, rendering, the token cache, config. */
import { describe, expect, it } from 'vitest';
import { aesKeyOf, decryptWith, encryptWith, MsgCrypt, sha1Signature } from '../../../src/channels/official-account/crypto.js';
import { OaApi, OaApiError } from '../../../src/channels/official-account/api.js';
import { SeenPushes } from '../../../src/channels/official-account/dedup.js';
import { pushKey, toPush } from '../../../src/channels/official-account/inbound.js';
import { OA_TEXT_LIMIT_BYTES, toMessages } from '../../../src/channels/official-account/render.js';
import { templateData } from '../../../src/channels/official-account/sender.js';
import { loadOaTexts } from '../../../src/channels/official-account/texts.js';
import { menuBody } from '../../../src/cli/oa.js';
import { parseXml } from '../../../src/channels/official-account/xml.js';
import { type ConfigError, loadConfig } from '../../../src/config.js';
import { startFakeWechatOa } from '../../fakes/wechat-oa.js';
import { Hono } from 'hono';
import { createOfficialAccountChannel, oaRoutes } from '../../../src/channels/official-account/index.js';

/**
 * Sample values of WeChat's message-encryption SDK (WXBizMsgCrypt, 2014): the Python sample's
 * pushed message (token spamtest, appid wx2c2769f8efd9abc2, msg_signature 5d197aaf…), and the Java
 * SDK test's encryption of "我是中文abcd123" with the random prefix "aaaabbbbccccdddd".
 */
const SAMPLE_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const SAMPLE_PUSH = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};
const SAMPLE_ENCRYPTED = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';

describe('safe-mode crypto matches WeChat’s published samples', () => {
  it('computes the sample msg_signature and decrypts the sample push', () => {
    const c = new MsgCrypt(SAMPLE_PUSH.token, SAMPLE_PUSH.appId, SAMPLE_KEY);
    expect(c.signature(SAMPLE_PUSH.timestamp, SAMPLE_PUSH.nonce, SAMPLE_PUSH.encrypt)).toBe(SAMPLE_PUSH.msgSignature);
    const x = parseXml(c.decrypt(SAMPLE_PUSH.encrypt).xml)!;
    expect(x).toMatchObject({ FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', MsgType: 'text', Content: 'abcdteT', MsgId: '6054768590064713728' });
  });

  it('encrypts exactly as the SDK does (same random prefix → same ciphertext), and back', () => {
    const key = aesKeyOf(SAMPLE_KEY);
    expect(encryptWith(key, '我是中文abcd123', 'wxb11529c136998cb6', Buffer.from('aaaabbbbccccdddd'))).toBe(SAMPLE_ENCRYPTED);
    expect(decryptWith(key, SAMPLE_ENCRYPTED)).toEqual({ xml: '我是中文abcd123', appId: 'wxb11529c136998cb6' });
  });

  it('refuses a body sealed for another appId, and accepts the previous key after a rotation', () => {
    const other = new MsgCrypt('t', 'wxother000000000', SAMPLE_KEY).encrypt('<xml/>');
    expect(() => new MsgCrypt('t', 'wxmine0000000000', SAMPLE_KEY).decrypt(other)).toThrow('appId');
    const old = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
    const sealedOld = new MsgCrypt('t', 'wxmine0000000000', old).encrypt('<xml>老</xml>');
    expect(() => new MsgCrypt('t', 'wxmine0000000000', SAMPLE_KEY).decrypt(sealedOld)).toThrow();
    expect(new MsgCrypt('t', 'wxmine0000000000', SAMPLE_KEY, old).decrypt(sealedOld)).toEqual({ xml: '<xml>老</xml>', keyIndex: 1 });
  });

  it('signature is the SHA-1 of the sorted strings', () => {
    expect(sha1Signature('b', 'a', 'c')).toBe(sha1Signature('c', 'b', 'a'));
  });
});

describe('official-account messages', () => {
  const texts = loadOaTexts();
  const opts = { choiceHint: texts.choiceHint, truncated: texts.truncated };

  it('choices become numbered lines with the hint; replies join into one message when they fit', () => {
    const m = toMessages([{ text: '最高学历？', choices: [{ label: '本科', value: '本科' }, { label: '大专', value: '大专' }] }, { text: '第二条' }], opts);
    expect(m).toEqual([`最高学历？\n1. 本科\n2. 大专\n${texts.choiceHint}\n\n第二条`]);
  });

  it('a long answer is cut at sentence ends under 2048 bytes; more than 5 messages end with a note', () => {
    const long = '这是一句关于申报材料的说明。'.repeat(300); // ~12.6 KB: 7 pieces
    const m = toMessages([{ text: long }], opts);
    expect(m.length).toBe(5);
    expect(m.every((x) => Buffer.byteLength(x) <= OA_TEXT_LIMIT_BYTES)).toBe(true);
    expect(m.slice(0, 4).every((x) => x.endsWith('。'))).toBe(true);
    expect(m[4]).toContain(texts.truncated);
    const medium = '这是一句关于申报材料的说明。'.repeat(100); // ~4.2 KB
    expect(toMessages([{ text: medium }], opts)).toHaveLength(3);
  });

  it('retries are recognised by MsgId, events by sender, time and event', () => {
    expect(pushKey({ FromUserName: 'o1', MsgId: '99' })).toBe('m:99');
    expect(pushKey({ FromUserName: 'o1', CreateTime: '123', Event: 'subscribe' })).toBe('e:o1:123:subscribe');
    expect(pushKey({})).toBeUndefined();
  });

  it('voice with speech recognition is read as text; other kinds keep their kind', () => {
    const p = toPush({ FromUserName: 'o1', ToUserName: 'gh', MsgType: 'voice', Recognition: '现在能申报吗' });
    expect(p).toMatchObject({ type: 'message', message: { kind: 'text', text: '现在能申报吗', channel: 'wechat-oa', userId: 'o1' } });
    expect(toPush({ FromUserName: 'o1', ToUserName: 'gh', MsgType: 'image' })).toMatchObject({ message: { kind: 'image' } });
  });

  it('remembers pushes for its time only', () => {
    let t = 0;
    const s = new SeenPushes(1000, 10, () => t);
    s.add('a', Promise.resolve('x'));
    expect(s.get('a')).toBeDefined();
    t = 1001;
    expect(s.get('a')).toBeUndefined();
  });

  it('template fields: the first line of the notice, cut to 20 characters', () => {
    const d = templateData({ text: '2024年第一批职称考核认定申报今天开始，截止日期为2024年4月30日\n详情……' }, texts);
    expect([...d.thing1!].length).toBeLessThanOrEqual(20);
    expect(d.thing1!.startsWith('2024年第一批')).toBe(true);
  });

  it('the menu comes from the data file: 资格自测, 政策问答, 订阅提醒 as click buttons', () => {
    expect(menuBody(texts).button.map((b) => [b.type, b.name])).toEqual([
      ['click', '资格自测'],
      ['click', '政策问答'],
      ['click', '订阅提醒'],
    ]);
  });
});

describe('access token', () => {
  it('is fetched once for concurrent callers, reused, refreshed before expiry, and refreshed once on an invalid-token error', async () => {
    const wx = await startFakeWechatOa({ tokenTtlSec: 7200 });
    try {
      let now = Date.now();
      const api = new OaApi({ apiRoot: wx.apiRoot, appId: wx.appId, appSecret: wx.appSecret, now: () => now });
      const tokens = await Promise.all([api.token(), api.token(), api.token()]);
      expect(new Set(tokens).size).toBe(1);
      expect(wx.callsTo('stable_token')).toHaveLength(1);
      now += 7200_000 - 6 * 60_000; // 6 minutes before expiry: still good
      await api.token();
      expect(wx.callsTo('stable_token')).toHaveLength(1);
      now += 2 * 60_000; // inside the 5-minute margin: refreshed
      await api.token();
      expect(wx.callsTo('stable_token')).toHaveLength(2);

      wx.enterWindow('o1');
      wx.expireTokens();
      await api.sendText('o1', '一');
      expect(wx.callsTo('stable_token')).toHaveLength(3);
      // The refreshed token is invalid again at once: no second refresh, the error surfaces.
      wx.failNext('custom/send', 40001, 2);
      await expect(api.sendText('o1', '二')).rejects.toBeInstanceOf(OaApiError);
      expect(wx.callsTo('stable_token')).toHaveLength(4);
    } finally {
      await wx.close();
    }
  });

  it('a wrong secret is a clear error, not a token', async () => {
    const wx = await startFakeWechatOa();
    try {
      const api = new OaApi({ apiRoot: wx.apiRoot, appId: wx.appId, appSecret: 'wrongsecret0000000000' });
      await expect(api.token()).rejects.toMatchObject({ errcode: 40125 });
    } finally {
      await wx.close();
    }
  });
});

describe('official-account configuration', () => {
  const full = { WECHAT_OA_APP_ID: 'wx0123456789abcdef', WECHAT_OA_APP_SECRET: 'secret0123456789abcdef', WECHAT_OA_TOKEN: 'tok123' };
  const err = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return e as ConfigError;
    }
    throw new Error('no error');
  };

  it('is absent when nothing is set, and complete with defaults when the three are', () => {
    expect(loadConfig({}).officialAccount).toBeUndefined();
    expect(loadConfig(full).officialAccount).toMatchObject({ path: '/wechat', port: 8090, host: '127.0.0.1', apiRoot: 'https://api.weixin.qq.com' });
  });

  it('names the missing or malformed variable in Chinese', () => {
    expect(err({ WECHAT_OA_APP_ID: full.WECHAT_OA_APP_ID, WECHAT_OA_TOKEN: 'tok123' })).toMatchObject({ variable: 'WECHAT_OA_APP_SECRET' });
    expect(err({ ...full, WECHAT_OA_AES_KEY: 'short' }).message).toMatch(/WECHAT_OA_AES_KEY.*43 位/);
    expect(err({ ...full, WECHAT_OA_AES_KEY_PREVIOUS: SAMPLE_KEY }).variable).toBe('WECHAT_OA_AES_KEY');
    expect(err({ ...full, WECHAT_OA_PATH: 'wechat' }).variable).toBe('WECHAT_OA_PATH');
    expect(err({ ...full, WECHAT_OA_APP_ID: 'abc' }).message).toContain('AppID');
  });
});

describe('mounting the callback on another hono server (the staff console)', () => {
  it('answers URL verification and refuses a forged push through app.request, without a socket', async () => {
    const cfg = loadConfig({ WECHAT_OA_APP_ID: 'wx0123456789abcdef', WECHAT_OA_APP_SECRET: 'secret0123456789abcdef', WECHAT_OA_TOKEN: 'tok123' }).officialAccount!;
    const calls: unknown[] = [];
    const host = { config: { officialAccount: cfg }, core: {
        handle: async (m: unknown) => {
          calls.push(m);
          return [];
        },
      }, store: { deleteSubscriber: async () => {}, deleteSession: async () => {} } };
    const app = new Hono();
    app.get('/staff', (c) => c.text('console'));
    app.route('/', oaRoutes(createOfficialAccountChannel(host, { log: () => undefined }), cfg.path));
    const ts = String(Math.floor(Date.now() / 1000));
    const ok = await app.request(`/wechat?signature=${sha1Signature('tok123', ts, '7')}&timestamp=${ts}&nonce=7&echostr=e1`);
    expect(await ok.text()).toBe('e1');
    const forged = await app.request(`/wechat?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=7`, { method: 'POST', body: '<xml><FromUserName>o</FromUserName><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>' });
    expect(forged.status).toBe(403);
    expect(calls).toHaveLength(0);
    expect(await (await app.request('/staff')).text()).toBe('console');
  });
});
