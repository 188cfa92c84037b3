/**
 * The grammY bot: updates in, the core's replies out. Per-chat sequentialising keeps each chat's
 * messages (and button presses) in order. Flood limits are handled as grammY advises, by
 * auto-retry (a 429 waits its `retry_after`), not by pacing every call ahead of time; broadcasts
 * are paced by their own lanes (src/broadcast/dispatcher.ts).
 * Nothing here reads the clock or logs message content.
 */
import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { sequentialize } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BotCore, InboundMessage, Reply } from '../../messages/message.js';
import { decodePress, KeyboardMemory } from './keyboard.js';
import { isAddressedToBot, toInbound, type BotIdentity } from './inbound.js';
import { deliver, removeKeyboard } from './render.js';
import { nonTextReply, type TelegramTexts } from './texts.js';
import { TELEGRAM_TEXT_LIMIT } from './split.js';
import { boundedCalls, retryNetwork } from './network.js';

/** Update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** Everything needed to build the bot. */
export interface TelegramBotOptions {
  token: string;
  apiRoot?: string;
  core: BotCore;
  texts: TelegramTexts;
  /** Skip getMe (tests that call `bot.handleUpdate` directly). */
  botInfo?: UserFromGetMe;
  /** Operational log line; never receives message content. */
  log?: (line: string) => void;
  /** Long-polling timeout (seconds), so getUpdates gets a fitting deadline (default 30). */
  pollTimeoutSec?: number;
  /** Deadline of every other API call (seconds; default CALL_TIMEOUT_SEC). */
  callTimeoutSec?: number;
}

/** The bot and the per-chat keyboard memory it shares with the sender. */
export interface TelegramBot {
  bot: Bot;
  keyboards: KeyboardMemory;
}

/** Build the bot with all handlers; call `bot.init()` (or pass `botInfo`) before handling updates. */
export function createTelegramBot(o: TelegramBotOptions): TelegramBot {
  const log = o.log ?? ((line: string) => console.error(`[telegram] ${line}`));
  const poll = o.pollTimeoutSec ?? 30;
  // grammY's own default deadline is 500 s; ours are per call (network.ts), this is only the outer bound.
  const bot = new Bot(o.token, { client: { apiRoot: o.apiRoot, timeoutSeconds: poll + 60 }, botInfo: o.botInfo });
  // The per-call deadline first (inner), then auto-retry (429, 5xx) and network retries last
  // (outer): every retry attempt gets its own deadline.
  bot.api.config.use(boundedCalls({ pollTimeoutSec: poll, callTimeoutSec: o.callTimeoutSec }));
  // Network failures are not retried for ever here: retryNetwork bounds them (a send whose outcome is unknown: once).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 120, rethrowHttpErrors: true }));
  bot.api.config.use(retryNetwork({ log }));
  const keyboards = new KeyboardMemory();
  const texts = o.texts;
  const commands = new Set(texts.commands.map((c) => c.command));
  const me = (): BotIdentity => ({ id: bot.botInfo.id, username: bot.botInfo.username });

  /** Ask the core and deliver its answer; a failing core or send is logged, never thrown. */
  async function converse(ctx: Context, inbound: InboundMessage, replyTo?: number): Promise<void> {
    let replies: Reply[];
    try {
      replies = await o.core.handle(inbound);
    } catch (e) {
      log(`core failed on update ${ctx.update.update_id}: ${(e as Error)?.name ?? 'error'}`);
      replies = [{ text: texts.error }];
    }
    if (replies.length === 0 && inbound.kind && inbound.kind !== 'text' && !inbound.isGroup) {
      replies = [{ text: nonTextReply(texts, inbound.kind) }];
    }
    const inviteButton = inbound.isGroup && inbound.text.startsWith('/')
      ? { inline_keyboard: [[{ text: texts.privateChatButton, url: `https://t.me/${bot.botInfo.username}?start=screen` }]] }
      : undefined;
    await send(inbound.chatId, replies, replyTo, inviteButton);
  }

  async function send(chatId: string, replies: Reply[], replyTo?: number, extraKeyboard?: { inline_keyboard: { text: string; url: string }[][] }): Promise<void> {
    try {
      await deliver(bot.api, chatId, replies, { keyboards, replyTo, extraKeyboard });
    } catch (e) {
      log(`发送失败：${(e as { error_code?: number }).error_code ?? (e as Error)?.name}`);
    }
  }

  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));

  bot.on('callback_query:data', async (ctx) => {
    const msg = ctx.callbackQuery.message;
    if (!msg) {
      await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const chatId = String(msg.chat.id);
    const live = keyboards.get(chatId);
    const choice = live && live.messageId === msg.message_id ? decodePress(ctx.callbackQuery.data, live.choices) : undefined;
    if (!live || !choice) {
      // An old keyboard (or one from before a restart): refuse it rather than replay it into another step.
      await ctx.answerCallbackQuery({ text: texts.staleButton, show_alert: false }).catch(() => undefined);
      await removeKeyboard(ctx.api, chatId, msg.message_id);
      return;
    }
    keyboards.take(chatId);
    await ctx.answerCallbackQuery().catch(() => undefined);
    const marked = `${live.text}\n${texts.chosen.replaceAll('{label}', choice.label)}`;
    if (marked.length <= TELEGRAM_TEXT_LIMIT) await ctx.api.editMessageText(chatId, msg.message_id, marked).catch(() => removeKeyboard(ctx.api, chatId, msg.message_id));
    else await removeKeyboard(ctx.api, chatId, msg.message_id);
    const isGroup = msg.chat.type === 'group' || msg.chat.type === 'supergroup';
    const inbound: InboundMessage = {
      channel: 'telegram',
      userId: String(ctx.from.id),
      chatId,
      text: choice.value,
      kind: 'text',
      senderName: ctx.from.first_name,
      ...(isGroup ? { isGroup: true, mentioned: true } : {}),
    };
    await converse(ctx, inbound);
  });

  bot.on('message', async (ctx) => {
    const inbound = toInbound(ctx.message, me(), commands);
    if (!inbound) return;
    // A typed answer retires the live keyboard, so its buttons cannot answer a later question.
    const live = keyboards.take(inbound.chatId);
    if (live) await removeKeyboard(ctx.api, inbound.chatId, live.messageId);
    await converse(ctx, inbound, inbound.isGroup ? ctx.message.message_id : undefined);
  });

  bot.on('edited_message', async (ctx) => {
    const m = ctx.editedMessage;
    const isGroup = m.chat.type !== 'private';
    if (!m.from || m.from.is_bot || (isGroup && !isAddressedToBot(m, me()))) return;
    await send(String(m.chat.id), [{ text: texts.edited }], m.message_id);
  });

  bot.on('my_chat_member', async (ctx) => {
    const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const joined = ['left', 'kicked'].includes(before.status) && ['member', 'administrator'].includes(after.status);
    if (joined && (chat.type === 'group' || chat.type === 'supergroup')) await send(String(chat.id), [{ text: texts.groupJoined }]);
  });

  bot.catch((err) => log(`update ${err.ctx.update.update_id} failed: ${(err.error as Error)?.name ?? 'error'}`));
  return { bot, keyboards };
}
