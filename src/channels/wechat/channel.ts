/**
 * The WeChat channel: a Wechaty bot wired to the bot core. Thin by design — it translates
 * messages in (inbound.ts) and replies out (render.ts, split.ts), paces what it sends
 * (pacer.ts), accepts friend requests with a greeting, and keeps retrying when the puppet
 * service is unreachable. User state lives in the core's store, so a reconnect loses nothing.
 */
import { WechatyBuilder, types, type Contact, type Friendship, type Message, type Room, type Wechaty, type WechatyOptions } from 'wechaty';
import type { BotCore, Reply, Choice, InboundMessage } from '../../messages/message.js';
import type { Config } from '../../config.js';
import type { Sender, SendResult } from '../../messages/sender.js';
import { KeyedQueue } from '../../bot/serial.js';
import { toInbound } from './inbound.js';
import { showLoginQr } from './login.js';
import { DEFAULT_PACE, Pacer, type PaceOptions, type SendPriority } from './pacer.js';
import { puppetOptions } from './puppet.js';
import { offeredChoices, renderReply, resolveChoice } from './render.js';
import { splitText, WECHAT_TEXT_LIMIT } from './split.js';
import { loadWechatTexts, wechatOnlyReply, type WechatTexts } from './texts.js';

/** What the channel needs from the app (a structural subset of `App`). */
export interface ChannelApp {
  config: Config;
  core: BotCore;
}

/** Options of `createWechatChannel`; everything but `app` has a production default. */
export interface WechatChannelOptions {
  app: ChannelApp;
  /** A puppet instance (tests pass a PuppetMock or a PuppetService); default: from `app.config.wechat`. */
  puppet?: WechatyOptions['puppet'];
  pace?: PaceOptions;
  /** Maximum characters per outgoing message. */
  textLimit?: number;
  /** Accept friend requests (default: `app.config.wechat.acceptFriends`, else true). */
  acceptFriends?: boolean;
  /** Messages older than this (seconds) when they arrive are ignored: history replayed after a reconnect. */
  maxMessageAgeSeconds?: number;
  /** Delays between start attempts while the puppet service is unreachable. */
  retry?: { firstDelayMs: number; maxDelayMs: number };
  texts?: WechatTexts;
  /** Operator log (one line, no personal data); default stderr. */
  log?: (line: string) => void;
  /** Where the login QR code is drawn; default stdout. */
  out?: (text: string) => void;
  /** Called after each handled message once its replies are sent (metrics, tests). */
  onTurn?: (turn: { inbound: InboundMessage; replies: Reply[] }) => void;
  /** Called for each message from someone else that the bot deliberately leaves unanswered. */
  onSkip?: (skipped: { userId: string; chatId: string }) => void;
}

/** A running (or starting) WeChat channel. */
export interface WechatChannel {
  /** The Wechaty instance (tests listen to its `login` event). */
  bot: Wechaty;
  /** Broadcast port: paced behind replies to users. */
  sender: Sender;
  /** Start the bot; on failure, logs and keeps retrying in the background. Resolves after the first attempt. */
  start(): Promise<void>;
  /** Finish the messages in hand, then stop the bot. Safe to call twice. */
  stop(): Promise<void>;
}

const MAX_REMEMBERED_CHOICES = 10_000;

/** gRPC / socket errors that mean the puppet service connection is gone. */
const TRANSPORT_LOST = /\b(CANCELLED|UNAVAILABLE|DEADLINE_EXCEEDED|ECONNREFUSED|ECONNRESET|EPIPE)\b/;

/** `p`, but give up waiting after `ms` (a dead connection must not block shutdown). */
function bounded(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/** A short, non-personal description of an error for the operator log. */
function describe(e: unknown, secrets: (string | undefined)[]): string {
  const err = e instanceof Error ? e : new Error(String(e));
  let line = `${err.name}: ${err.message}`.split('\n')[0]!.slice(0, 200);
  for (const s of secrets) if (s) line = line.split(s).join('***');
  return line;
}

/** Build the WeChat channel around a Wechaty bot; call `start()` to connect. */
export function createWechatChannel(options: WechatChannelOptions): WechatChannel {
  const { app } = options;
  const texts = options.texts ?? loadWechatTexts();
  const token = app.config.wechat?.token;
  const log = (line: string) => (options.log ?? ((l: string) => console.error(`[wechat] ${l}`)))(line);
  const out = options.out ?? ((t: string) => void process.stdout.write(`${t}\n`));
  const acceptFriends = options.acceptFriends ?? app.config.wechat?.acceptFriends ?? true;
  const limit = options.textLimit ?? WECHAT_TEXT_LIMIT;
  const maxAge = options.maxMessageAgeSeconds ?? 30 * 60;
  const retry = options.retry ?? { firstDelayMs: 5_000, maxDelayMs: 5 * 60_000 };
  const configuredPace: PaceOptions | undefined = app.config.wechat?.pace;
  const pacer = new Pacer(options.pace ?? configuredPace ?? DEFAULT_PACE);
  const queue = new KeyedQueue();
  /** Last choices shown per `chatId|userId`, so "2" can be read as the second choice. */
  const lastChoices = new Map<string, Choice[]>();
  const greeted = new Set<string>();
  let stopping = false;
  /** Messages are handed to the per-user queues in the order the puppet announced them. */
  let dispatch: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = retry.firstDelayMs;

  if (!options.puppet && !app.config.wechat) throw new Error('未配置微信渠道（WECHATY_PUPPET / WECHATY_PUPPET_SERVICE_TOKEN）');
  const bot = WechatyBuilder.build(options.puppet ? { puppet: options.puppet } : puppetOptions(app.config.wechat!, app.config.dataDir));
  const err = (e: unknown) => describe(e, [token]);

  const remember = (key: string, choices: Choice[] | undefined) => {
    lastChoices.delete(key);
    if (!choices) return;
    lastChoices.set(key, choices);
    if (lastChoices.size > MAX_REMEMBERED_CHOICES) lastChoices.delete(lastChoices.keys().next().value!);
  };

  /** Render, split and send replies in order, paced. */
  const deliver = async (say: (text: string) => Promise<unknown>, replies: Reply[], priority: SendPriority) => {
    for (const reply of replies) {
      for (const piece of splitText(renderReply(reply, texts.choiceHint), limit)) {
        await pacer.run(() => say(piece), priority);
      }
    }
  };

  const handle = async (msg: Message, inbound: InboundMessage, key: string) => {
    const text = inbound.kind === 'text' ? resolveChoice(inbound.text, lastChoices.get(key)) : inbound.text;
    let replies: Reply[];
    const own = inbound.isGroup ? undefined : wechatOnlyReply(texts, inbound.kind);
    if (own) replies = [{ text: own }];
    else {
      try {
        replies = await app.core.handle({ ...inbound, text });
      } catch (e) {
        // The core's error text might echo what the user typed: log only the error's type.
        log(`处理消息出错（${e instanceof Error ? e.name : typeof e}），已回复用户稍后再试`);
        replies = [{ text: texts.error }];
      }
    }
    if (replies.length === 0 && inbound.kind !== 'text' && !inbound.isGroup) replies = [{ text: texts.nonText.other }];
    if (replies.length > 0) remember(key, offeredChoices(replies));
    const room = msg.room();
    const talker = msg.talker();
    try {
      await deliver((t) => (room ? room.say(t, talker) : talker.say(t)), replies, 'reply');
    } catch (e) {
      if (!stopping) log(`发送回复失败：${err(e)}`);
    }
    options.onTurn?.({ inbound: { ...inbound, text }, replies });
  };

  const onMessage = async (msg: Message) => {
    if (stopping) return;
    let inbound: InboundMessage | undefined;
    try {
      inbound = await toInbound(msg);
    } catch (e) {
      log(`无法读取一条消息：${err(e)}`);
      return;
    }
    if (!inbound || (maxAge > 0 && msg.age() > maxAge)) {
      if (!msg.self()) options.onSkip?.({ userId: msg.talker().id, chatId: msg.room()?.id ?? msg.talker().id });
      return;
    }
    const key = `${inbound.chatId}|${inbound.userId}`;
    void queue.run(key, () => handle(msg, inbound, key)).catch((e) => log(`处理消息出错：${err(e)}`));
  };

  const greet = async (contact: Contact) => {
    if (greeted.has(contact.id)) return;
    greeted.add(contact.id);
    await pacer.run(() => contact.say(texts.friendGreeting));
  };

  const onFriendship = async (friendship: Friendship) => {
    try {
      if (friendship.type() === types.Friendship.Receive) {
        if (!acceptFriends) return;
        await friendship.accept();
        log('已通过一条好友申请');
        await greet(friendship.contact());
      } else if (friendship.type() === types.Friendship.Confirm && acceptFriends) {
        await greet(friendship.contact());
      }
    } catch (e) {
      log(`处理好友申请失败：${err(e)}`);
    }
  };

  const onRoomJoin = async (room: Room, invitees: Contact[]) => {
    if (!invitees.some((c) => c.self())) return;
    try {
      log('已被拉入一个群');
      await pacer.run(() => room.say(texts.roomJoined));
    } catch (e) {
      log(`发送入群介绍失败：${err(e)}`);
    }
  };

  bot
    .on('scan', (qr, status) => showLoginQr(qr, status, log, out))
    .on('login', () => log('微信已登录'))
    .on('logout', () => log('微信已退出登录，等待重新扫码'))
    .on('error', (e) => {
      const line = err(e);
      log(`微信通道错误：${line}`);
      if (TRANSPORT_LOST.test(line)) void reconnect();
    })
    .on('puppet', (puppet) => {
      // Listen to the puppet rather than Wechaty's 'message' event: Wechaty emits messages after
      // loading each payload, so two quick messages can swap places. We load concurrently but
      // dispatch in arrival order, which keeps one user's messages in the order they were sent.
      puppet.on('message', ({ messageId }) => {
        const loading = bot.Message.find({ id: messageId }).catch((e: unknown) => {
          if (!stopping) log(`无法读取一条消息：${err(e)}`);
          return undefined;
        });
        dispatch = dispatch
          .then(async () => {
            const msg = await loading;
            if (msg) await onMessage(msg);
          })
          .catch((e: unknown) => log(`处理一条消息时出错：${err(e)}`));
      });
    })
    .on('friendship', (f) => void onFriendship(f))
    .on('room-join', (room, invitees) => void onRoomJoin(room, invitees));

  /**
   * Connection phases: only a running bot reacts to a dropped transport, so errors raised while
   * we stop or restart it ourselves do not start a second reconnect loop.
   */
  let phase: 'idle' | 'starting' | 'running' | 'waiting' | 'stopped' = 'idle';

  /**
   * One start attempt; on failure, schedule the next with exponential backoff. The first attempt
   * starts Wechaty; later ones restart only the puppet, because Wechaty keeps itself "started"
   * even when its puppet failed (it reports that as an 'error' event, not a rejection).
   */
  let wechatyStarted = false;
  const attempt = async (): Promise<void> => {
    if (stopping) return;
    phase = 'starting';
    try {
      if (!wechatyStarted) {
        wechatyStarted = true;
        await bot.start();
      } else {
        await bot.puppet.start();
      }
      if (stopping) return;
      if (bot.puppet.state.active() !== true) throw new Error('微信协议服务（puppet）没有启动');
      phase = 'running';
      retryDelay = retry.firstDelayMs;
      log('微信通道已启动，等待登录');
    } catch (e) {
      if (stopping) return;
      log(`微信通道启动失败（${err(e)}），${Math.round(retryDelay / 1000)} 秒后重试`);
      await bounded(bot.puppet.stop().catch(() => undefined), 10_000);
      phase = 'waiting';
      retryTimer = setTimeout(() => void attempt(), retryDelay);
      retryTimer.unref?.();
      retryDelay = Math.min(retryDelay * 2, retry.maxDelayMs);
    }
  };

  /** The puppet service went away: restart the puppet; users' places are in the store, nothing is lost. */
  const reconnect = async (): Promise<void> => {
    if (stopping || phase !== 'running') return;
    phase = 'starting';
    log('与微信服务的连接中断，正在重新连接');
    await bounded(bot.puppet.stop().catch(() => undefined), 10_000);
    await attempt();
  };

  const sender: Sender = {
    channel: 'wechat',
    async send(chatId: string, reply: Reply): Promise<SendResult> {
      if (stopping) return { ok: false, permanent: false, reason: 'channel stopping', retryAfterMs: 60_000 };
      if (!bot.isLoggedIn) return { ok: false, permanent: false, reason: 'not logged in', retryAfterMs: 60_000 };
      let target: Contact | Room | undefined;
      try {
        target = chatId.endsWith('@chatroom') ? await bot.Room.find({ id: chatId }) : await bot.Contact.find({ id: chatId });
      } catch (e) {
        const reason = err(e);
        // Unknown ids are permanent; anything else (a dropped connection) is worth retrying.
        if (/not (exist|found)|no payload/i.test(reason)) return { ok: false, permanent: true, reason: 'chat not found' };
        return { ok: false, permanent: false, reason };
      }
      if (!target) return { ok: false, permanent: true, reason: 'chat not found' };
      if ('friend' in target && target.friend() === false) return { ok: false, permanent: true, reason: 'not a friend any more' };
      try {
        const to = target;
        await deliver((t) => to.say(t), [reply], 'broadcast');
        remember(`${chatId}|${chatId}`, offeredChoices([reply]));
        return { ok: true };
      } catch (e) {
        return { ok: false, permanent: false, reason: err(e) };
      }
    },
  };

  return {
    bot,
    sender,
    start: attempt,
    async stop() {
      if (stopping) return;
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      phase = 'stopped';
      // Let replies in hand go out, but never wait forever on a dead connection.
      await bounded(queue.idle(), 10_000);
      pacer.close();
      await bounded(
        bot.stop().catch((e) => log(`停止微信通道时出错：${err(e)}`)),
        10_000,
      );
      log('微信通道已停止');
    },
  };
}
