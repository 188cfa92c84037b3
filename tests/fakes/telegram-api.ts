/**
 * A fake Telegram Bot API server on 127.0.0.1 (ephemeral port), for tests and benchmarks.
 * Point grammY at it with `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 *
 * ```ts
 * const fake = await startFakeTelegram();
 * // … start the bot against fake.apiRoot / fake.token …
 * fake.userText({ userId: 42, text: '/start' });           // queue an update for getUpdates
 * await fake.waitFor(() => fake.messagesTo(42).length >= 1);
 * fake.pressButton({ userId: 42, messageId: fake.sent.at(-1)!.message_id!, data: '本科' });
 * await fake.close();
 * ```
 *
 * API (everything the broadcast helper and the Telegram tests rely on):
 * - `apiRoot`, `token`: give both to grammY (`client.apiRoot`); URLs are `${apiRoot}/bot${token}/<method>`.
 *   A wrong token gets 401 Unauthorized.
 * - `bot`: what getMe returns (`id`, `username`, …).
 * - `pushUpdate(update)`: queue an update (without `update_id`; one is assigned and returned).
 *   getUpdates long-polls: it answers at once when updates ≥ `offset` exist, otherwise waits up to
 *   `timeout` seconds for one; updates below `offset` are confirmed and dropped, as Telegram does.
 * - `userText(o)`, `userMessage(o)`, `pressButton(o)`: build and push realistic updates (a
 *   private chat by default; `chatType: 'group'` with `chatId` for groups).
 * - `sent`: every SUCCESSFUL outgoing call, in the order the server accepted them:
 *   `{ method, chat_id (always a string; '' for answerCallbackQuery), text? (the alert text for
 *   answerCallbackQuery), reply_markup?, message_id?, callback_query_id?, params (the rest), at }`
 *   for sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery, sendChatAction.
 *   Calls answered with an injected error are NOT in `sent` (they are in `calls`).
 * - `calls`: every request except getUpdates, `{ method, params, status, at }`, failed ones included.
 * - `commands`: the last list given to setMyCommands. `webhook`: the last setWebhook parameters.
 * - `inject429(count, retryAfterSec)`: the next `count` chat calls (the methods listed for `sent`)
 *   fail with 429 "Too Many Requests: retry after N" and `parameters.retry_after` = N
 *   (fractions allowed, to keep tests fast; real Telegram sends whole seconds).
 * - `inject502(count)`: the next `count` chat calls fail with HTTP 502 `{ok:false,error_code:502}`.
 * - `setBlocked(chatId)`: chat calls to that chat fail with 403 "Forbidden: bot was blocked by the user".
 * - `setMissing(chatId)`: chat calls to that chat fail with 400 "Bad Request: chat not found".
 * - `injectHang(count)`: the next `count` chat calls are never answered (nor carried out) until `close()`.
 * - `injectGarbled(count)`: the next `count` chat calls ARE carried out (they are in `sent`), but
 *   the answer is a garbled body (HTTP 200, not JSON), as from a broken proxy.
 * - `refuseConnections(on)`: while on, the server does not listen: connecting is refused (ECONNREFUSED),
 *   as when the API cannot be reached; off listens again on the same port.
 * - `messagesTo(chatId)`: the `sent` sendMessage records for one chat.
 * - `waitFor(predicate, timeoutMs = 5000)`: resolves when the predicate holds (checked after every
 *   request and every 10 ms), rejects with a readable error on timeout.
 * - `close()`: answers pending long polls with `[]` and stops the server.
 *
 * Editing follows Telegram: editing a message that does not exist → 400 "message to edit not found";
 * an edit that changes nothing → 400 "message is not modified". Message ids are per chat and shared
 * by user and bot messages, as in Telegram.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON-ish Telegram object; the fake does not type-check payloads. */
// biome-ignore lint/suspicious/noExplicitAny: a fake server reads arbitrary JSON bodies field by field
type Obj = Record<string, any>;

/** One successful outgoing call recorded by the fake. */
export interface SentRecord {
  method: string;
  chat_id: string;
  text?: string;
  reply_markup?: Obj;
  message_id?: number;
  callback_query_id?: string;
  /** Extra parameters (parse_mode, reply_parameters, callback answer text, …). */
  params: Obj;
  at: number;
}

/** One request as received (except getUpdates). */
export interface CallRecord {
  method: string;
  params: Obj;
  status: number;
  at: number;
}

/** Options for `startFakeTelegram`. */
export interface FakeTelegramOptions {
  token?: string;
  /** Overrides for the getMe answer. */
  bot?: Partial<FakeBotUser>;
}

/** What getMe answers. */
export interface FakeBotUser {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
}

/** Who writes, and where: a private chat with the user unless `chatId`/`chatType` say otherwise. */
export interface FakeFrom {
  userId: number;
  firstName?: string;
  chatId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
}

/** The fake server handle. */
export interface FakeTelegram {
  apiRoot: string;
  token: string;
  bot: FakeBotUser;
  sent: SentRecord[];
  calls: CallRecord[];
  commands: Obj[] | undefined;
  webhook: Obj | undefined;
  pushUpdate(update: Obj): number;
  userMessage(o: FakeFrom & { message: Obj }): number;
  userText(o: FakeFrom & { text: string; replyToMessageId?: number; forwardOrigin?: Obj }): number;
  pressButton(o: FakeFrom & { messageId: number; data: string }): number;
  inject429(count: number, retryAfterSec: number): void;
  inject502(count: number): void;
  injectHang(count: number): void;
  injectGarbled(count: number): void;
  refuseConnections(on: boolean): Promise<void>;
  setBlocked(chatId: number | string): void;
  setMissing(chatId: number | string): void;
  messagesTo(chatId: number | string): SentRecord[];
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

const CHAT_METHODS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'answerCallbackQuery', 'sendChatAction']);

/** Start the fake Bot API server on 127.0.0.1 with an ephemeral port. */
export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = opts.token ?? '123456:TEST-fake-token';
  const bot: FakeBotUser = {
    id: 7000001,
    is_bot: true,
    first_name: '职称助手',
    username: 'zhicheng_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...opts.bot,
  };
  const sent: SentRecord[] = [];
  const sentMessagesByChat = new Map<string, SentRecord[]>(); // index for messagesTo (benchmarks poll it a lot)
  const calls: CallRecord[] = [];
  const queue: Obj[] = []; // unconfirmed updates, ascending update_id
  let nextUpdateId = 1;
  let pendingPolls: Array<() => void> = [];
  const chatSeq = new Map<string, number>();
  const messages = new Map<string, Obj>(); // `${chat}:${id}` → bot message (text, reply_markup)
  const blocked = new Set<string>();
  const missing = new Set<string>();
  let fail429: { count: number; retryAfter: number } = { count: 0, retryAfter: 0 };
  let fail502 = 0;
  let hang = 0;
  let garble = 0;
  let refusing = false;
  const hung: Array<() => void> = [];
  let closed = false;
  let callbackSeq = 1;
  const watchers = new Set<() => void>();

  const notify = () => {
    for (const w of watchers) w();
  };
  const nextMessageId = (chat: string) => {
    const n = (chatSeq.get(chat) ?? 0) + 1;
    chatSeq.set(chat, n);
    return n;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const chatOf = (f: FakeFrom) => {
    const type = f.chatType ?? 'private';
    const id = f.chatId ?? f.userId;
    return type === 'private'
      ? { id, type, first_name: f.firstName ?? `用户${f.userId}` }
      : { id, type, title: `测试群${id}` };
  };
  const userOf = (f: FakeFrom) => ({ id: f.userId, is_bot: false, first_name: f.firstName ?? `用户${f.userId}`, language_code: 'zh-hans' });

  const fake: FakeTelegram = {
    apiRoot: '',
    token,
    bot,
    sent,
    calls,
    commands: undefined,
    webhook: undefined,
    pushUpdate(update) {
      const u = { ...update, update_id: nextUpdateId++ };
      queue.push(u);
      const polls = pendingPolls;
      pendingPolls = [];
      for (const p of polls) p();
      return u.update_id;
    },
    userMessage(o) {
      const chat = chatOf(o);
      const message = { message_id: nextMessageId(String(chat.id)), date: now(), chat, from: userOf(o), ...o.message };
      return fake.pushUpdate({ message });
    },
    userText(o) {
      const chat = String(o.chatId ?? o.userId);
      const extra: Obj = { text: o.text };
      if (o.text.startsWith('/')) {
        const len = o.text.split(/\s/)[0]!.length;
        extra.entities = [{ type: 'bot_command', offset: 0, length: len }];
      }
      if (o.replyToMessageId !== undefined) {
        const replied = messages.get(`${chat}:${o.replyToMessageId}`);
        extra.reply_to_message = { message_id: o.replyToMessageId, date: now(), chat: chatOf(o), from: bot, text: replied?.text ?? '' };
      }
      if (o.forwardOrigin) extra.forward_origin = o.forwardOrigin;
      return fake.userMessage({ ...o, message: extra });
    },
    pressButton(o) {
      const chat = String(o.chatId ?? o.userId);
      const m = messages.get(`${chat}:${o.messageId}`);
      const message = { message_id: o.messageId, date: now(), chat: chatOf(o), from: bot, text: m?.text ?? '', ...(m?.reply_markup ? { reply_markup: m.reply_markup } : {}) };
      return fake.pushUpdate({
        callback_query: { id: String(callbackSeq++), from: userOf(o), chat_instance: `ci${chat}`, message, data: o.data },
      });
    },
    inject429(count, retryAfterSec) {
      fail429 = { count, retryAfter: retryAfterSec };
    },
    inject502(count) {
      fail502 = count;
    },
    injectHang(count) {
      hang = count;
    },
    injectGarbled(count) {
      garble = count;
    },
    async refuseConnections(on) {
      // Really closed: connecting gets ECONNREFUSED, as when the API host is down or firewalled.
      if (on === refusing) return;
      refusing = on;
      if (on) {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      } else await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    },
    setBlocked(chatId) {
      blocked.add(String(chatId));
    },
    setMissing(chatId) {
      missing.add(String(chatId));
    },
    messagesTo(chatId) {
      return [...(sentMessagesByChat.get(String(chatId)) ?? [])];
    },
    waitFor(predicate, timeoutMs = 5000, what = 'condition') {
      return new Promise<void>((resolve, reject) => {
        if (predicate()) return resolve();
        const check = () => {
          if (predicate()) done(resolve);
        };
        const timer = setTimeout(() => done(() => reject(new Error(`fake Telegram: timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
        const interval = setInterval(check, 10);
        const done = (f: () => void) => {
          clearTimeout(timer);
          clearInterval(interval);
          watchers.delete(check);
          f();
        };
        watchers.add(check);
      });
    },
    async close() {
      if (refusing) await fake.refuseConnections(false);
      closed = true;
      for (const h of hung.splice(0)) h();
      const polls = pendingPolls;
      pendingPolls = [];
      for (const p of polls) p();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  /** Handle one Bot API method; returns [httpStatus, body]. */
  async function dispatch(method: string, p: Obj): Promise<[number, Obj]> {
    const ok = (result: unknown): [number, Obj] => [200, { ok: true, result }];
    const err = (code: number, description: string, parameters?: Obj): [number, Obj] => [code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) }];
    const chat = p.chat_id === undefined ? undefined : String(p.chat_id);

    if (CHAT_METHODS.has(method)) {
      if (hang > 0) {
        hang--;
        await new Promise<void>((r) => hung.push(r));
        return [503, { ok: false, error_code: 503, description: 'closed' }];
      }
      if (fail429.count > 0) {
        fail429.count--;
        return err(429, `Too Many Requests: retry after ${fail429.retryAfter}`, { retry_after: fail429.retryAfter });
      }
      if (fail502 > 0) {
        fail502--;
        return err(502, 'Bad Gateway');
      }
      if (chat !== undefined && blocked.has(chat)) return err(403, 'Forbidden: bot was blocked by the user');
      if (chat !== undefined && missing.has(chat)) return err(400, 'Bad Request: chat not found');
    }
    const at = Date.now();
    const record = (extra: Partial<SentRecord>) => {
      const { chat_id: _c, text: _t, reply_markup: _r, message_id: _m, callback_query_id: _q, ...rest } = p;
      const r: SentRecord = { method, chat_id: chat ?? '', params: rest, at, ...extra };
      sent.push(r);
      if (method === 'sendMessage') {
        const list = sentMessagesByChat.get(r.chat_id) ?? [];
        list.push(r);
        sentMessagesByChat.set(r.chat_id, list);
      }
    };

    switch (method) {
      case 'getMe':
        return ok(bot);
      case 'setMyCommands':
        fake.commands = p.commands;
        return ok(true);
      case 'getMyCommands':
        return ok(fake.commands ?? []);
      case 'deleteWebhook':
        fake.webhook = undefined;
        if (p.drop_pending_updates) queue.splice(0);
        return ok(true);
      case 'setWebhook':
        fake.webhook = p;
        return ok(true);
      case 'getUpdates':
        return ok(await getUpdates(p));
      case 'sendMessage': {
        if (chat === undefined || typeof p.text !== 'string' || p.text.length === 0) return err(400, 'Bad Request: message text is empty');
        if (p.text.length > 4096) return err(400, 'Bad Request: message is too long');
        const id = nextMessageId(chat);
        const msg = { message_id: id, date: now(), chat: { id: Number(chat), type: Number(chat) < 0 ? 'group' : 'private' }, from: bot, text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) };
        messages.set(`${chat}:${id}`, msg);
        record({ text: p.text, reply_markup: p.reply_markup, message_id: id });
        return ok(msg);
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const msg = messages.get(`${chat}:${p.message_id}`);
        if (!msg) return err(400, 'Bad Request: message to edit not found');
        const text = method === 'editMessageText' ? p.text : msg.text;
        const markup = p.reply_markup && (p.reply_markup.inline_keyboard?.length ?? 0) > 0 ? p.reply_markup : undefined;
        if (text === msg.text && JSON.stringify(markup) === JSON.stringify(msg.reply_markup)) {
          return err(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        msg.text = text;
        if (markup) msg.reply_markup = markup;
        else delete msg.reply_markup;
        record({ text: method === 'editMessageText' ? p.text : undefined, reply_markup: p.reply_markup, message_id: Number(p.message_id) });
        return ok(msg);
      }
      case 'answerCallbackQuery':
        record({ callback_query_id: String(p.callback_query_id), text: p.text });
        return ok(true);
      case 'sendChatAction':
        record({});
        return ok(true);
      default:
        return err(404, 'Not Found: method not found');
    }
  }

  /** Long polling: confirm below `offset`, answer at once or wait up to `timeout` seconds. */
  async function getUpdates(p: Obj): Promise<Obj[]> {
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Number(p.limit ?? 100));
    const timeoutSec = Number(p.timeout ?? 0);
    while (queue.length && queue[0]!.update_id < offset) queue.shift();
    const take = () => queue.filter((u) => u.update_id >= offset).slice(0, limit);
    const got = take();
    if (got.length || timeoutSec <= 0 || closed) return got;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        pendingPolls = pendingPolls.filter((x) => x !== wake);
        resolve();
      }, timeoutSec * 1000);
      const wake = () => {
        clearTimeout(t);
        resolve();
      };
      pendingPolls.push(wake);
    });
    return closed ? [] : take();
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
        let status: number;
        let body: Obj;
        const method = m?.[2] ?? '';
        let params: Obj = Object.fromEntries(url.searchParams);
        try {
          const raw = Buffer.concat(chunks).toString('utf8');
          if (raw && (req.headers['content-type'] ?? '').includes('json')) params = { ...params, ...JSON.parse(raw) };
          else if (raw) params = { ...params, ...Object.fromEntries(new URLSearchParams(raw)) };
          for (const k of ['reply_markup', 'commands']) if (typeof params[k] === 'string') params[k] = JSON.parse(params[k]);
        } catch {
          params = {};
        }
        if (!m) [status, body] = [404, { ok: false, error_code: 404, description: 'Not Found' }];
        else if (m[1] !== token) [status, body] = [401, { ok: false, error_code: 401, description: 'Unauthorized' }];
        else [status, body] = await dispatch(method, params);
        if (method !== 'getUpdates') calls.push({ method, params, status, at: Date.now() });
        if (!res.destroyed) {
          res.writeHead(status, { 'content-type': 'application/json' });
          const garbled = CHAT_METHODS.has(method) && status === 200 && garble > 0 && garble-- > 0;
          res.end(garbled ? '{"ok":true,"result":{"message_id":\u0000<html>502 Bad Gateway' : JSON.stringify(body));
        }
        notify();
      })();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  fake.apiRoot = `http://127.0.0.1:${port}`;
  return fake;
}
