/**
 * The official-account channel: WeChat POSTs each user message or event to the callback URL; we
 * check the signature (and in safe mode the msg_signature, then decrypt), recognise WeChat's
 * retries, hand the message to the core, and answer passively in the response body when the
 * core is quick enough (one message, within ~4.5 s). Otherwise we answer "success" at once and
 * deliver through the customer-service API (客服消息), in order per user.
 *
 * The callback is a plain web-standard `fetch(Request) → Response`, so it can run on its own
 * server (server.ts) or be mounted on another hono app (the staff console) unchanged.
 */
import { randomInt } from 'node:crypto';
import type { BotCore, Choice, InboundMessage, Reply } from '../../messages/message.js';
import { userKey } from '../../messages/message.js';
import { KeyedQueue } from '../../bot/serial.js';
import type { OfficialAccountConfig } from '../../config.js';
import type { Store } from '../../store/port.js';
import type { Sender } from '../../messages/sender.js';
import { offeredChoices, resolveChoice } from '../wechat/render.js';
import { OaApi, OaApiError } from './api.js';
import { DecryptError, MsgCrypt, sameSignature, sha1Signature } from './crypto.js';
import { SeenPushes } from './dedup.js';
import { OA_CHANNEL, pushKey, toPush, type Push } from './inbound.js';
import { OA_MAX_AFTER_EVENT, OA_MAX_MESSAGES, toMessages } from './render.js';
import { createOaSender } from './sender.js';
import { loadOaTexts, type OaTexts } from './texts.js';
import { buildXml, field, parseXml } from './xml.js';

/** What the channel needs from the app (the real `App` has it). */
export interface OaHost {
  config: { officialAccount?: OfficialAccountConfig };
  core: BotCore;
  store: Pick<Store, 'deleteSubscriber' | 'deleteSession'>;
}

/** How one push was answered (for tests and metrics; never the text in logs). */
export interface OaTurn {
  openid: string;
  key: string;
  /** `passive`: in the response body; `custom`: through 客服消息; `none`: nothing to say. */
  via: 'passive' | 'custom' | 'none';
  /** The messages delivered, in order. */
  messages: string[];
  /** Why customer-service delivery stopped early (an API error code). */
  failed?: string;
}

/** Knobs for tests; production uses the defaults. */
export interface OaChannelOptions {
  /** Wait this long for the core before answering "success" and sending later (default 4500 ms). */
  passiveWindowMs?: number;
  /** Pushes whose timestamp is further than this from our clock are refused (default 300 s). */
  maxSkewSeconds?: number;
  /** Largest request body accepted (default 64 KB; WeChat's pushes are a few KB). */
  maxBodyBytes?: number;
  texts?: OaTexts;
  api?: OaApi;
  /** Milliseconds since the epoch (tests move it to check the replay window). */
  now?: () => number;
  log?: (line: string) => void;
  onTurn?: (turn: OaTurn) => void;
}

/** A channel instance: the callback, the broadcast sender and the API client they share. */
export interface OfficialAccountChannel {
  /** The callback for GET (URL verification) and POST (pushes); ignores the path. */
  fetch(req: Request): Promise<Response>;
  sender: Sender;
  api: OaApi;
  /** Resolves once every customer-service delivery started so far has finished. */
  idle(): Promise<void>;
  /** Stop taking pushes and wait (bounded) for deliveries in hand. */
  stop(): Promise<void>;
}

const MAX_REMEMBERED_CHOICES = 10_000;

/** Build the channel for `host.config.officialAccount`. */
export function createOfficialAccountChannel(host: OaHost, o: OaChannelOptions = {}): OfficialAccountChannel {
  const cfg = host.config.officialAccount;
  if (!cfg) throw new Error('未设置 WECHAT_OA_APP_ID，无法启动微信公众号渠道');
  const texts = o.texts ?? loadOaTexts();
  const now = o.now ?? Date.now;
  const log = o.log ?? ((line: string) => console.error(`[wechat-oa] ${line}`));
  const windowMs = o.passiveWindowMs ?? 4500;
  const skew = o.maxSkewSeconds ?? 300;
  const maxBody = o.maxBodyBytes ?? 64 * 1024;
  const api = o.api ?? new OaApi({ apiRoot: cfg.apiRoot, appId: cfg.appId, appSecret: cfg.appSecret });
  const crypt = cfg.aesKey ? new MsgCrypt(cfg.token, cfg.appId, cfg.aesKey, cfg.aesKeyPrevious) : undefined;
  // Remember pushes a little longer than a replay could still pass the timestamp check.
  const seen = new SeenPushes((2 * skew + 60) * 1000, 50_000, now);
  const turns = new KeyedQueue();
  const outgoing = new KeyedQueue();
  const pendingCustom = new Map<string, number>();
  const deliveries = new Set<Promise<void>>();
  const lastChoices = new Map<string, Choice[]>();
  let stopping = false;
  const renderOpts = { choiceHint: texts.choiceHint, truncated: texts.truncated };

  const remember = (openid: string, replies: Reply[]) => {
    const choices = offeredChoices(replies);
    lastChoices.delete(openid);
    if (!choices) return;
    lastChoices.set(openid, choices);
    if (lastChoices.size > MAX_REMEMBERED_CHOICES) lastChoices.delete(lastChoices.keys().next().value!);
  };

  /** Ask the core, one push of a user at a time; never rejects. */
  const ask = (openid: string, message: InboundMessage, before: Reply[] = []): Promise<Reply[]> =>
    turns.run(openid, async () => {
      try {
        const text = message.kind === 'text' ? resolveChoice(message.text, lastChoices.get(openid)) : message.text;
        const replies = [...before, ...(await host.core.handle({ ...message, text }))];
        remember(openid, replies);
        return replies;
      } catch (e) {
        log(`处理消息出错（${e instanceof Error ? e.name : typeof e}），已回复用户稍后再试`);
        return [{ text: texts.error }];
      }
    });

  const asText = (openid: string, text: string): InboundMessage => ({ channel: OA_CHANNEL, userId: openid, chatId: openid, text, kind: 'text' });

  /** What the core says for a push (after deleting data for an unsubscribe). */
  const work = (p: Push): Promise<Reply[]> => {
    switch (p.type) {
      case 'message':
        return ask(p.openid, p.message);
      case 'subscribe':
        return ask(p.openid, asText(p.openid, texts.subscribeCommand), [{ text: texts.subscribeGreeting }]);
      case 'click': {
        const item = texts.menu.find((m) => m.key === p.key);
        return item ? ask(p.openid, asText(p.openid, item.command)) : Promise.resolve([{ text: texts.unknownClick }]);
      }
      case 'unsubscribe':
        // In the user's queue, so a turn still running cannot write their session back afterwards.
        return turns.run(p.openid, async () => {
          const key = userKey({ channel: OA_CHANNEL, userId: p.openid });
          await host.store.deleteSubscriber(key);
          await host.store.deleteSession(key);
          lastChoices.delete(p.openid);
          log('一位用户取消关注，已删除其订阅和自测数据');
          return [];
        });
      case 'ignore':
        return Promise.resolve([]);
    }
  };

  /** Send through 客服消息 after the earlier deliveries to the same user. */
  const deliverLater = (openid: string, key: string, replies: Promise<Reply[]>, max: number) => {
    pendingCustom.set(openid, (pendingCustom.get(openid) ?? 0) + 1);
    const job = outgoing
      .run(openid, async () => {
        const messages = toMessages(await replies.catch(() => [{ text: texts.error }]), { ...renderOpts, max });
        const sent: string[] = [];
        let failed: string | undefined;
        for (const m of messages) {
          try {
            await api.sendText(openid, m);
            sent.push(m);
          } catch (e) {
            failed = e instanceof OaApiError ? String(e.errcode) : 'network';
            log(`客服消息发送失败（${e instanceof OaApiError ? `${e.errcode} ${e.errmsg}` : (e as Error).name}）`);
            break;
          }
        }
        o.onTurn?.({ openid, key, via: messages.length ? 'custom' : 'none', messages: sent, failed });
      })
      .finally(() => {
        const n = (pendingCustom.get(openid) ?? 1) - 1;
        if (n > 0) pendingCustom.set(openid, n);
        else pendingCustom.delete(openid);
      });
    deliveries.add(job);
    void job.finally(() => deliveries.delete(job));
  };

  /** Decide how to answer a new push; resolves with the passive reply text, or undefined ("success"). */
  const take = async (p: Push, key: string): Promise<string | undefined> => {
    const replies = work(p);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      replies.then((r) => ({ r })),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), windowMs))),
    ]).finally(() => clearTimeout(timer));
    // A passive reply would overtake customer-service messages still on their way to this user.
    if (inTime && !pendingCustom.has(p.openid)) {
      const messages = toMessages(inTime.r, renderOpts);
      if (messages.length <= 1) {
        o.onTurn?.({ openid: p.openid, key, via: messages.length ? 'passive' : 'none', messages });
        return messages[0];
      }
    }
    // WeChat allows 5 customer-service messages after a user's message, 3 after a menu click or a follow.
    deliverLater(p.openid, key, replies, p.type === 'message' ? OA_MAX_MESSAGES : OA_MAX_AFTER_EVENT);
    return undefined;
  };

  const plain = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  /** Refused requests get a bare status: nothing for a forger to learn from. */
  const refuse = (status: number, why: string) => {
    log(`拒绝一个回调请求：${why}`);
    return plain('', status);
  };

  /** The response body for a passive reply (or "success"), sealed in safe mode. */
  const answer = (text: string | undefined, push: Record<string, unknown>, keyIndex: number | undefined): Response => {
    if (text === undefined) return plain('success');
    const created = Math.floor(now() / 1000);
    const xml = buildXml({ ToUserName: field(push, 'FromUserName'), FromUserName: field(push, 'ToUserName'), CreateTime: created, MsgType: 'text', Content: text });
    if (keyIndex === undefined || !crypt) return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
    const encrypted = crypt.encrypt(xml, keyIndex);
    const ts = String(created);
    const nonce = String(randomInt(100_000_000, 999_999_999));
    const sealed = buildXml({ Encrypt: encrypted, MsgSignature: crypt.signature(ts, nonce, encrypted), TimeStamp: created, Nonce: nonce });
    return new Response(sealed, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
  };

  const readBody = async (req: Request): Promise<string | undefined> => {
    const declared = Number(req.headers.get('content-length') ?? 0);
    if (declared > maxBody) return undefined;
    const buf = await req.arrayBuffer();
    return buf.byteLength > maxBody ? undefined : new TextDecoder().decode(buf);
  };

  async function fetchHandler(req: Request): Promise<Response> {
    const q = new URL(req.url).searchParams;
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    if (!sameSignature(q.get('signature'), sha1Signature(cfg!.token, timestamp, nonce))) return refuse(403, '签名不符');
    // URL verification when the URL is saved in the admin panel: echo echostr back.
    if (req.method === 'GET') return plain(q.get('echostr') ?? '');
    if (req.method !== 'POST') return plain('', 405);
    if (stopping) return plain('', 503);
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(now() / 1000 - ts) > skew) return refuse(403, '时间戳过期（可能是重放）');
    const body = await readBody(req);
    if (body === undefined) return refuse(413, '请求过大');
    let fields = parseXml(body);
    if (!fields) return refuse(400, '不是有效的 XML');
    let keyIndex: number | undefined;
    if (q.get('encrypt_type') === 'aes') {
      if (!crypt) return refuse(400, '收到加密消息，但未设置 WECHAT_OA_AES_KEY');
      const encrypted = field(fields, 'Encrypt');
      if (!encrypted || !sameSignature(q.get('msg_signature'), crypt.signature(timestamp, nonce, encrypted))) return refuse(403, 'msg_signature 不符');
      try {
        const opened = crypt.decrypt(encrypted);
        keyIndex = opened.keyIndex;
        fields = parseXml(opened.xml);
      } catch (e) {
        return refuse(400, `无法解密（${e instanceof DecryptError ? e.message : 'error'}）`);
      }
      if (!fields) return refuse(400, '解密后不是有效的 XML');
      if (keyIndex > 0) log('收到用旧 EncodingAESKey 加密的消息（已接受）');
    }
    const key = pushKey(fields);
    if (!key) return refuse(400, '缺少 FromUserName');
    const earlier = seen.get(key);
    // WeChat's retry (or a replay): the same answer as the first time, and nothing done twice.
    if (earlier) return answer(await earlier.answer, fields, keyIndex);
    const decided = take(toPush(fields), key);
    seen.add(key, decided);
    return answer(await decided, fields, keyIndex);
  }

  const sender = createOaSender({ api, texts, templateId: cfg.templateId, log });

  return {
    fetch: async (req) => {
      try {
        return await fetchHandler(req);
      } catch (e) {
        log(`回调处理出错：${(e as Error).name}`);
        return plain('success');
      }
    },
    sender,
    api,
    idle: async () => {
      while (deliveries.size) await Promise.allSettled([...deliveries]);
    },
    async stop() {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        (async () => {
          while (deliveries.size) await Promise.allSettled([...deliveries]);
        })(),
        new Promise((r) => (timer = setTimeout(r, 10_000))),
      ]).finally(() => clearTimeout(timer));
    },
  };
}
