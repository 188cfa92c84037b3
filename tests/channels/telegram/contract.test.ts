/** The shared channel contract run against Telegram: real app, real grammY client, fake Bot API server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { channelContract, CONTRACT_NOW, type ChannelDriver } from '../contract-suite.js';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryStore } from '../../../src/store/memory.js';
import type { InboundMessage, Reply } from '../../../src/messages/message.js';
import { startTelegram } from '../../../src/channels/telegram/index.js';
import { splitText } from '../../../src/channels/telegram/split.js';
import { startFakeTelegram, type SentRecord } from '../../fakes/telegram-api.js';

const GROUP = -100900;

/** What one chat has been sent, attributed to the user messages in order. */
interface ChatLog {
  consumed: number;
  pending: { expected?: number }[];
}

async function telegramDriver(): Promise<ChannelDriver> {
  const fake = await startFakeTelegram();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-tg-contract-'));
  const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
  const app = await createApp(config, { store: new MemoryStore(), now: () => CONTRACT_NOW });
  const chats = new Map<number, ChatLog>();
  const logOf = (chat: number) => chats.get(chat) ?? chats.set(chat, { consumed: 0, pending: [] }).get(chat)!;
  // The core, wrapped only to learn how many Telegram messages each user message produces.
  const core = {
    async handle(m: InboundMessage): Promise<Reply[]> {
      const replies = await app.core.handle(m);
      const entry = logOf(Number(m.chatId)).pending.find((e) => e.expected === undefined);
      if (entry) entry.expected = replies.filter((r) => r.text.trim()).reduce((n, r) => n + splitText(r.text).length, 0);
      return replies;
    },
  };
  const channel = await startTelegram({ config: app.config, core }, { pollTimeoutSec: 1, log: () => undefined });
  const ids = new Map<string, number>();
  const idOf = (user: string) => ids.get(user) ?? ids.set(user, 500_000 + ids.size).get(user)!;
  const show = (m: SentRecord) => {
    const labels = ((m.reply_markup?.inline_keyboard ?? []) as { text: string }[][]).flat().map((b) => `[${b.text}]`);
    return labels.length ? `${m.text}\n${labels.join(' ')}` : m.text!;
  };
  const tails = new Map<number, Promise<unknown>>();

  /** Push one message and collect exactly the messages it produced (in per-chat order). */
  function exchange(chat: number, push: () => void): Promise<string[]> {
    const log = logOf(chat);
    const entry: { expected?: number } = {};
    log.pending.push(entry);
    push();
    const run = (tails.get(chat) ?? Promise.resolve()).then(async () => {
      await fake.waitFor(() => entry.expected !== undefined && fake.messagesTo(chat).length >= log.consumed + entry.expected, 10_000, 'replies');
      const out = fake.messagesTo(chat).slice(log.consumed, log.consumed + entry.expected!).map(show);
      log.consumed += entry.expected!;
      log.pending.splice(log.pending.indexOf(entry), 1);
      return out;
    });
    tails.set(chat, run.catch(() => undefined));
    return run;
  }

  return {
    send: (user, text) => exchange(idOf(user), () => fake.userText({ userId: idOf(user), text })),
    async sendGroup(user, text, mentioned) {
      const push = () => fake.userText({ userId: idOf(user), chatId: GROUP, chatType: 'supergroup', text: mentioned ? `@${fake.bot.username} ${text}` : text });
      if (mentioned) return exchange(GROUP, push);
      // Not addressed to the bot: the channel must not even ask the core; give it time to (wrongly) answer.
      const before = fake.messagesTo(GROUP).length;
      push();
      await new Promise((r) => setTimeout(r, 300));
      return fake.messagesTo(GROUP).slice(before).map(show);
    },
    async close() {
      await channel.stop();
      await app.close();
      await fake.close();
    },
  };
}

channelContract('telegram (grammY ⇄ fake Bot API server)', telegramDriver);
