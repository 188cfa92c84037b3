/**
 * A fake WeChat Official Account platform on 127.0.0.1, for tests: it pushes user messages and
 * events to the bot's callback as WeChat does (signed; in safe mode encrypted and msg_signed),
 * waits for the answer and retries on a timeout (WeChat: 5 s, then three retries), reads passive
 * replies (decrypting and checking them in safe mode), and serves the server API the channel uses.
 *
 * ```ts
 * const wx = await startFakeWechatOa({ aesKey: KEY, retryTimeoutMs: 400 });
 * // … start the channel with WECHAT_OA_API_ROOT = wx.apiRoot, then:
 * wx.setCallback(channelUrl);
 * const r = await wx.userText('o-user', '你好');     // r.reply: the passive reply, if any
 * await wx.waitFor(() => wx.inbox('o-user').length >= 2);
 * await wx.close();
 * ```
 *
 * API served (JSON, `?access_token=` checked): POST /cgi-bin/stable_token, /cgi-bin/message/custom/send,
 * /cgi-bin/menu/create, /cgi-bin/message/subscribe/bizsend. Errors as WeChat returns them:
 * - 40013 / 40125 wrong appid / secret on stable_token;
 * - 40001 unknown token, 42001 expired token (`expireTokens()` expires every token issued so far);
 * - 45015 customer-service message outside the 48-hour window (a user is inside it after each
 *   message or event they push; `leaveWindow(openid)` puts them outside);
 * - 45047 a sixth customer-service message after one user message (a fourth after a click or follow);
 * - 43101 subscription message to a user who has not accepted the template (`acceptTemplate`);
 * - any code on demand: `failNext(api, errcode, count)`, e.g. 45009 (quota).
 *
 * Assumption, stated: WeChat pushes one user's messages one after another (the next after the
 * previous was answered or gave up); pushes of different users run concurrently.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { MsgCrypt, sha1Signature } from '../../src/channels/official-account/crypto.js';
import { buildXml, field, parseXml, type XmlFields } from '../../src/channels/official-account/xml.js';

/** A JSON request body as the fake reads it (no type checks: it answers whatever a client sends). */
// biome-ignore lint/suspicious/noExplicitAny: a fake server reads arbitrary JSON bodies field by field
type Body = Record<string, any>;

/** Options; defaults are a valid test account in plaintext mode. */
export interface FakeOaOptions {
  appId?: string;
  appSecret?: string;
  token?: string;
  /** EncodingAESKey: pushes are encrypted (safe mode) when set. */
  aesKey?: string;
  /** Wait this long for an answer before retrying (WeChat: 5000 ms). */
  retryTimeoutMs?: number;
  /** Retries after the first attempt (WeChat: 3). */
  retries?: number;
  /** Lifetime of issued tokens, seconds (WeChat: 7200). */
  tokenTtlSec?: number;
}

/** One HTTP attempt of a push. */
export interface Attempt {
  status: number;
  body: string;
  timedOut: boolean;
}

/** What came of one push. */
export interface PushResult {
  attempts: Attempt[];
  /** The passive reply's text (decrypted and checked), when there was one. */
  reply?: string;
  /** The final attempt's HTTP status (0 when every attempt timed out). */
  status: number;
}

/** One recorded API call. */
export interface ApiCall {
  api: string;
  body: Body;
  errcode: number;
  at: number;
}

const API_NAMES = ['stable_token', 'custom/send', 'menu/create', 'subscribe/bizsend'] as const;
type ApiName = (typeof API_NAMES)[number];

/** Start the fake platform. */
export async function startFakeWechatOa(o: FakeOaOptions = {}) {
  const appId = o.appId ?? 'wx0123456789abcdef';
  const appSecret = o.appSecret ?? 'secret0123456789abcdef0123456789';
  const token = o.token ?? 'fakeToken123';
  const account = 'gh_fake_account';
  const retryTimeoutMs = o.retryTimeoutMs ?? 5000;
  const retries = o.retries ?? 3;
  const tokenTtlSec = o.tokenTtlSec ?? 7200;
  let aesKey = o.aesKey;
  let crypt = aesKey ? new MsgCrypt(token, appId, aesKey) : undefined;
  let callback = '';
  let msgSeq = 7_000_000_000_000_000_000n;
  let tokenSeq = 0;
  let current: { value: string; expiresAt: number } | undefined;
  const valid = new Set<string>();
  const expired = new Set<string>();
  /** openid → customer-service messages sent since their last push, and how many that push allows. */
  const inWindow = new Map<string, { sent: number; limit: number }>();
  const accepted = new Set<string>();
  const failures = new Map<ApiName, { errcode: number; count: number }>();
  /** Extra latency of customer-service calls (a slow network between the bot and WeChat). */
  let customDelayMs = 0;
  const inboxes = new Map<string, string[]>();
  const chains = new Map<string, Promise<unknown>>();
  const calls: ApiCall[] = [];
  const customSent: { touser: string; content: string }[] = [];
  const bizSent: { touser: string; template_id: string; data: Record<string, { value: string }> }[] = [];
  const menus: unknown[] = [];
  /** Problems WeChat would have with our answers (bad signature, undecryptable reply). */
  const replyErrors: string[] = [];

  const inbox = (openid: string) => inboxes.get(openid) ?? inboxes.set(openid, []).get(openid)!;
  const nonce = () => String(100000 + Math.floor(Math.random() * 899999));

  const issue = () => {
    const value = `tok${++tokenSeq}_${randomBytes(6).toString('hex')}`;
    valid.add(value);
    current = { value, expiresAt: Date.now() + tokenTtlSec * 1000 };
    return { access_token: value, expires_in: tokenTtlSec };
  };

  /** The error an API call gets, or 0. */
  const check = (api: ApiName, url: URL, body: Body): number => {
    const f = failures.get(api);
    if (f && f.count > 0) {
      f.count--;
      return f.errcode;
    }
    if (api === 'stable_token') return body.appid !== appId ? 40013 : body.secret !== appSecret ? 40125 : 0;
    const t = url.searchParams.get('access_token') ?? '';
    if (expired.has(t)) return 42001;
    if (!valid.has(t)) return 40001;
    if (api === 'custom/send') {
      const w = inWindow.get(body.touser);
      if (w === undefined) return 45015;
      if (w.sent >= w.limit) return 45047;
    }
    if (api === 'subscribe/bizsend' && !accepted.has(body.touser)) return 43101;
    return 0;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const api = API_NAMES.find((a) => url.pathname.endsWith(`/${a}`));
      let body: Body = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        /* a bad body is answered like an unknown call below */
      }
      const send = (obj: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (!api || req.method !== 'POST') return send({ errcode: 44002, errmsg: 'empty post data / unknown api' });
      if (api === 'custom/send' && customDelayMs > 0) {
        const delay = customDelayMs;
        customDelayMs = 0; // only the next call is slow; later ones are handled as they come
        setTimeout(() => answerApi(api, url, body, send), delay);
        return;
      }
      answerApi(api, url, body, send);
    });
  });

  /** Answer one API call (after any injected latency). */
  function answerApi(api: ApiName, url: URL, body: Body, send: (obj: unknown) => void): void {
    const errcode = check(api, url, body);
    calls.push({ api, body, errcode, at: Date.now() });
    if (errcode) {
      send({ errcode, errmsg: `fake error ${errcode}` });
      return;
    }
    switch (api) {
      case 'stable_token':
        if (body.force_refresh || !current || current.expiresAt <= Date.now() || expired.has(current.value)) {
          if (current) valid.delete(current.value);
          send(issue());
          return;
        }
        send({ access_token: current.value, expires_in: Math.round((current.expiresAt - Date.now()) / 1000) });
        return;
      case 'custom/send': {
        const content = String(body.text?.content ?? '');
        if (Buffer.byteLength(content) > 2048) {
          send({ errcode: 45002, errmsg: 'content size out of limit' });
          return;
        }
        inWindow.get(body.touser)!.sent++;
        customSent.push({ touser: body.touser, content });
        inbox(body.touser).push(content);
        send({ errcode: 0, errmsg: 'ok' });
        return;
      }
      case 'menu/create':
        menus.push(body);
        send({ errcode: 0, errmsg: 'ok' });
        return;
      case 'subscribe/bizsend':
        bizSent.push({ touser: body.touser, template_id: body.template_id, data: body.data });
        inbox(body.touser).push(`[订阅通知] ${Object.values(body.data as Record<string, { value: string }>).map((v) => v.value).join(' / ')}`);
        send({ errcode: 0, errmsg: 'ok' });
        return;
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Sign (and in safe mode seal) `xml` as WeChat would: the query string and the body. */
  function seal(xml: string, at = Math.floor(Date.now() / 1000)): { query: Record<string, string>; body: string } {
    const timestamp = String(at);
    const n = nonce();
    const query: Record<string, string> = { signature: sha1Signature(token, timestamp, n), timestamp, nonce: n };
    const x = parseXml(xml)!;
    query.openid = field(x, 'FromUserName');
    if (!crypt) return { query, body: xml };
    const encrypted = crypt.encrypt(xml);
    query.encrypt_type = 'aes';
    query.msg_signature = crypt.signature(timestamp, n, encrypted);
    return { query, body: buildXml({ ToUserName: account, Encrypt: encrypted }) };
  }

  /** One POST to the callback, given up after the retry timeout. */
  async function post(query: Record<string, string>, body: string, timeoutMs = retryTimeoutMs): Promise<Attempt> {
    const url = `${callback}?${new URLSearchParams(query)}`;
    try {
      const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(timeoutMs) });
      return { status: r.status, body: await r.text(), timedOut: false };
    } catch (e) {
      if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') return { status: 0, body: '', timedOut: true };
      throw e;
    }
  }

  /** Read a passive reply as WeChat does; records a problem when it would not be accepted. */
  function readReply(a: Attempt, openid: string): string | undefined {
    const text = a.body.trim();
    if (a.status !== 200 || text === '' || text === 'success') return undefined;
    let x = parseXml(text);
    if (!x) return void replyErrors.push(`not xml: ${text.slice(0, 40)}`);
    if (crypt && field(x, 'Encrypt')) {
      const enc = field(x, 'Encrypt');
      if (crypt.signature(field(x, 'TimeStamp'), field(x, 'Nonce'), enc) !== field(x, 'MsgSignature')) return void replyErrors.push('bad MsgSignature');
      try {
        x = parseXml(crypt.decrypt(enc).xml);
      } catch (e) {
        return void replyErrors.push(`undecryptable reply: ${(e as Error).message}`);
      }
      if (!x) return void replyErrors.push('decrypted reply is not xml');
    } else if (crypt) {
      return void replyErrors.push('plaintext reply in safe mode');
    }
    if (field(x, 'ToUserName') !== openid || field(x, 'FromUserName') !== account) return void replyErrors.push('reply addressed wrongly');
    if (field(x, 'MsgType') !== 'text') return void replyErrors.push(`reply type ${field(x, 'MsgType')}`);
    const content = field(x, 'Content');
    if (Buffer.byteLength(content) > 2048) return void replyErrors.push('passive reply over 2048 bytes');
    return content;
  }

  /**
   * Push one message or event from `openid`: sign/seal it, POST it, and retry on a timeout like
   * WeChat. Pushes of one user go one after another.
   */
  function push(openid: string, fields: XmlFields, opts: { at?: number } = {}): Promise<PushResult> {
    const xml = buildXml({ ToUserName: account, FromUserName: openid, CreateTime: opts.at ?? Math.floor(Date.now() / 1000), ...fields });
    const run = async (): Promise<PushResult> => {
      // A user's message allows 5 customer-service messages (48 hours); a click or a follow 3 (1 minute, not modelled).
      inWindow.set(openid, { sent: 0, limit: fields.MsgType === 'event' ? 3 : 5 });
      const attempts: Attempt[] = [];
      for (let i = 0; i <= retries; i++) {
        const { query, body } = seal(xml, opts.at);
        const a = await post(query, body);
        attempts.push(a);
        if (a.timedOut) continue;
        const reply = readReply(a, openid);
        if (reply !== undefined) inbox(openid).push(reply);
        return { attempts, reply, status: a.status };
      }
      return { attempts, status: 0 };
    };
    const prev = chains.get(openid) ?? Promise.resolve();
    const next = prev.then(run, run);
    chains.set(openid, next.catch(() => undefined));
    return next;
  }

  return {
    apiRoot,
    appId,
    appSecret,
    token,
    account,
    /** The callback URL pushes go to. */
    setCallback(url: string) {
      callback = url;
    },
    /** Switch the key pushes are sealed with (a rotation in the admin panel); undefined: plaintext mode. */
    useKey(key: string | undefined) {
      aesKey = key;
      crypt = key ? new MsgCrypt(token, appId, key) : undefined;
    },
    push,
    /** A text message from a user (with a fresh MsgId, returned in `msgId`). */
    async userText(openid: string, text: string, opts: { at?: number } = {}): Promise<PushResult & { msgId: string }> {
      const msgId = String(++msgSeq);
      return { ...(await push(openid, { MsgType: 'text', Content: text, MsgId: msgId }, opts)), msgId };
    },
    /** An event from a user: subscribe, unsubscribe, CLICK (with the menu key), VIEW… */
    event(openid: string, event: string, eventKey?: string, opts: { at?: number } = {}) {
      return push(openid, { MsgType: 'event', Event: event, ...(eventKey !== undefined ? { EventKey: eventKey } : {}) }, opts);
    },
    /** The last MsgId handed out. */
    lastMsgId: () => String(msgSeq),
    /** Sign/seal `xml` (for crafting replays and forgeries), and POST raw query + body once. */
    seal,
    post,
    /** GET the callback (URL verification as the admin panel does it). */
    async verify(echostr: string, sign = true): Promise<{ status: number; body: string }> {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const n = nonce();
      const q = new URLSearchParams({ signature: sign ? sha1Signature(token, timestamp, n) : 'f'.repeat(40), timestamp, nonce: n, echostr });
      const r = await fetch(`${callback}?${q}`);
      return { status: r.status, body: await r.text() };
    },
    /** Everything the user saw from the account, in order (passive replies, customer-service and subscription messages). */
    inbox,
    customSent,
    bizSent,
    menus,
    calls,
    replyErrors,
    /** Calls of one API (`stable_token`, `custom/send`, `menu/create`, `subscribe/bizsend`). */
    callsTo: (api: ApiName) => calls.filter((c) => c.api === api),
    /** Every token issued so far now answers 42001 (expired), as after WeChat's 2 hours. */
    expireTokens() {
      for (const t of valid) expired.add(t);
      valid.clear();
      if (current) current.expiresAt = 0;
    },
    /** The user wrote just now (without pushing anything): customer-service messages are allowed. */
    enterWindow(openid: string) {
      inWindow.set(openid, { sent: 0, limit: 5 });
    },
    /** The user has not written for 48 hours: customer-service messages get 45015. */
    leaveWindow(openid: string) {
      inWindow.delete(openid);
    },
    /** The user accepted the subscription-message template. */
    acceptTemplate(openid: string) {
      accepted.add(openid);
    },
    /** The next customer-service call takes `ms` longer to be answered. */
    slowNextCustomSend(ms: number) {
      customDelayMs = ms;
    },
    /** The next `count` calls of `api` fail with `errcode`. */
    failNext(api: ApiName, errcode: number, count = 1) {
      failures.set(api, { errcode, count });
    },
    /** Resolve when `pred` holds (checked every 10 ms); reject after `timeoutMs`. */
    async waitFor(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
      const end = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`fake WeChat: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The fake platform's handle. */
export type FakeWechatOa = Awaited<ReturnType<typeof startFakeWechatOa>>;
