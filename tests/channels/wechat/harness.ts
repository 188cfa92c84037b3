/**
 * Test harness: a WeChat channel on an in-process PuppetMock (or a PuppetService over gRPC),
 * with simulated people who talk to the bot and collect what it sends back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { log as wechatyLog, type types } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { PuppetServer, PuppetService } from 'wechaty-puppet-service';
import { createWechatChannel, type WechatChannel } from '../../../src/channels/wechat/index.js';
import type { BotCore, InboundMessage, Reply } from '../../../src/messages/message.js';
import type { Config } from '../../../src/config.js';

wechatyLog.level('error');

/** Quiet wechaty and keep PuppetService's cache (~/.wechaty) in a temp HOME. */
export function isolateEnv(): void {
  process.env.WECHATY_LOG = 'error';
  process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-home-'));
}

/** A minimal config for the channel. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-data-')),
    now: '2024-04-20',
    staff: new Set(),
    reminders: { hour: 9, daysBefore: [3], quietStart: 21, quietEnd: 8 },
    sessionTtlDays: 30,
    wechat: { puppet: 'wechaty-puppet-mock', acceptFriends: true },
    ...overrides,
  };
}

type Turn = { inbound: InboundMessage; replies: Reply[] };

/** A person on WeChat talking to the bot, privately or in a room. */
export class Person {
  /** Every text the bot sent to this person privately. */
  readonly inbox: string[] = [];
  constructor(
    readonly contact: mock.ContactMock,
    private readonly rig: Rig,
  ) {
    contact.on('message', (m) => {
      if (m.talker().id === rig.botUser.id && !m.room()) this.inbox.push(m.text() ?? '');
    });
  }

  /** Send `text` privately and return what the bot answered (all pieces, in order). */
  async say(text: string): Promise<string[]> {
    return this.rig.exchange(this.contact.id, () => this.contact.say(text).to(this.rig.botUser), this.inbox);
  }

  /** Send `text` in `room`, @-mentioning the bot when `mention`; returns what the bot posted in the room. */
  async sayInRoom(room: RoomChat, text: string, mention: boolean): Promise<string[]> {
    return this.rig.exchange(this.contact.id, () => this.contact.say(text, mention ? [this.rig.botUser] : []).to(room.room), room.posts);
  }

  /** Deliver a raw message payload of any type (chat history, image, red packet…). */
  async send(type: types.Message, text = ''): Promise<string[]> {
    const { mocker } = this.rig;
    return this.rig.exchange(this.contact.id, () => {
      const msg = mocker.MessageMock.create({
        id: `m${Math.random().toString(36).slice(2)}`,
        talkerId: this.contact.id,
        listenerId: this.rig.botUser.id,
        type,
        text,
        timestamp: Date.now(),
      } as never);
      mocker.puppet.emit('message', { messageId: msg.id });
    }, this.inbox);
  }
}

/** A room the bot is in; `posts` are the bot's messages there. */
export class RoomChat {
  readonly posts: string[] = [];
  constructor(readonly room: mock.RoomMock, botId: string) {
    room.on('message', (m) => {
      if (m.talker().id === botId) this.posts.push(m.text() ?? '');
    });
  }
}

/** A channel, its mock world, and helpers to converse with it. */
export interface Rig {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  botUser: mock.ContactMock;
  channel: WechatChannel;
  logs: string[];
  turns: Turn[];
  person(name: string): Person;
  room(members: Person[], topic?: string): RoomChat;
  /** gRPC only: drop the puppet service for `downMs`, then bring it back on the same endpoint. */
  restartServer(downMs: number): Promise<void>;
  /** Run `act` and wait (bounded) until the bot finished handling (or chose to ignore) one message of `userId`. */
  exchange(userId: string, act: () => void, box: string[]): Promise<string[]>;
  close(): Promise<void>;
}

const FAST = { minDelayMs: 0, maxDelayMs: 3, perMinute: 10_000 };

/** How the bot connects to the mock: directly, or through PuppetServer/PuppetService over gRPC. */
export type Transport = 'in-process' | 'grpc';

/** A free TCP port on 127.0.0.1 (PuppetServer does not report the port it bound). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Start a channel around `core` on a fresh mock world and log the bot in. */
export async function startRig(core: BotCore, opts: { transport?: Transport; acceptFriends?: boolean; textLimit?: number; config?: Config } = {}): Promise<Rig> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botUser = mocker.createContact({ name: '职称助手' });
  const logs: string[] = [];
  const turns: Turn[] = [];
  const waiters: { userId: string; resolve: () => void }[] = [];
  /** A message of `userId` was handled (answered or deliberately ignored): wake its waiter. */
  const settle = (userId: string) => {
    const i = waiters.findIndex((w) => w.userId === userId);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve();
  };
  let server: PuppetServer | undefined;
  let botPuppet: PuppetMock | PuppetService = puppet;
  let restartServer = async (_downMs: number): Promise<void> => {
    throw new Error('only the grpc transport has a server');
  };

  if (opts.transport === 'grpc') {
    const endpoint = `127.0.0.1:${await freePort()}`;
    const token = 'insecure_zhicheng_test';
    server = new PuppetServer({ endpoint, puppet, token, tls: { disable: true } });
    await server.start();
    // Like a real puppet service keeping the account's session: whenever the bot's client
    // (re)starts the puppet behind the server, the account is logged in again.
    const onStart = puppet.onStart.bind(puppet);
    puppet.onStart = async () => {
      await onStart();
      setImmediate(() => {
        if (!puppet.isLoggedIn) mocker.login(botUser);
      });
    };
    botPuppet = new PuppetService({ endpoint, token, tls: { disable: true } });
    restartServer = async (downMs: number) => {
      await server!.stop();
      await new Promise((r) => setTimeout(r, downMs));
      server = new PuppetServer({ endpoint, puppet, token, tls: { disable: true } });
      await server.start();
    };
  }

  const channel = createWechatChannel({
    app: { config: opts.config ?? testConfig(), core },
    puppet: botPuppet,
    pace: FAST,
    acceptFriends: opts.acceptFriends,
    textLimit: opts.textLimit,
    retry: { firstDelayMs: 50, maxDelayMs: 200 },
    log: (l) => logs.push(l),
    out: () => undefined,
    onTurn: (t) => {
      turns.push(t);
      settle(t.inbound.userId);
    },
    onSkip: (s) => settle(s.userId),
  });
  const loggedIn = new Promise<void>((resolve) => channel.bot.once('login', () => resolve()));
  await channel.start();
  if (opts.transport !== 'grpc') mocker.login(botUser);
  await withTimeout(loggedIn, 10_000, 'bot login');

  /** Per inbox/room: how far earlier exchanges have read. */
  const consumed = new WeakMap<string[], number>();
  const rig: Rig = {
    mocker,
    puppet,
    botUser,
    channel,
    logs,
    turns,
    restartServer: (ms) => restartServer(ms),
    person: (name) => new Person(mocker.createContact({ name }), rig),
    room: (members, topic = '职称交流群') =>
      new RoomChat(mocker.createRoom({ topic, memberIdList: [botUser.id, ...members.map((m) => m.contact.id)] }), botUser.id),
    async exchange(userId, act, box) {
      const done = new Promise<void>((resolve) => waiters.push({ userId, resolve }));
      act();
      await withTimeout(done, 8_000, 'bot reply');
      // Replies are complete when the turn settles; take what arrived since the previous turn settled.
      const from = consumed.get(box) ?? 0;
      consumed.set(box, box.length);
      return box.slice(from);
    },
    async close() {
      await channel.stop();
      if (server) await server.stop().catch(() => undefined);
      await puppet.stop().catch(() => undefined);
    },
  };
  return rig;
}

/** Reject if `p` takes longer than `ms`, so a broken channel fails the test instead of hanging it. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

/** Wait (bounded) until `check` holds, polling. */
export async function eventually(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
