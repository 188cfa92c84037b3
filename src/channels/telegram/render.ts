/**
 * The core's replies → Telegram messages: long texts split at sentence boundaries, choices as an
 * inline keyboard on the last piece, and the chat's previous live keyboard retired.
 */
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Reply } from '../../messages/message.js';
import { inlineKeyboard, type KeyboardMemory } from './keyboard.js';
import { splitText } from './split.js';

/** How to deliver one batch of replies. */
export interface DeliverOptions {
  keyboards: KeyboardMemory;
  /** In groups: thread the first piece under the user's message. */
  replyTo?: number;
  /** Extra buttons (e.g. "private chat" link) for the last piece when it has no choices. */
  extraKeyboard?: InlineKeyboardMarkup;
}

/** Remove the buttons under a message; failures are ignored (the message may be gone or already bare). */
export async function removeKeyboard(api: Api, chatId: string, messageId: number): Promise<void> {
  await api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
}

/** Send `replies` to `chatId` in order; throws the first API error (after the API's own retries). */
export async function deliver(api: Api, chatId: string, replies: Reply[], opts: DeliverOptions): Promise<void> {
  const visible = replies.filter((r) => r.text.trim().length > 0);
  let replyTo = opts.replyTo;
  for (const [ri, reply] of visible.entries()) {
    const pieces = splitText(reply.text);
    for (const [pi, piece] of pieces.entries()) {
      const lastPiece = pi === pieces.length - 1;
      const choices = lastPiece && reply.choices?.length ? reply.choices : undefined;
      const markup = choices ? inlineKeyboard(choices) : lastPiece && ri === visible.length - 1 ? opts.extraKeyboard : undefined;
      const sent = await api.sendMessage(chatId, piece, {
        ...(markup ? { reply_markup: markup } : {}),
        ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
      replyTo = undefined;
      if (choices) {
        const previous = opts.keyboards.set(chatId, { messageId: sent.message_id, text: piece, choices });
        if (previous) await removeKeyboard(api, chatId, previous.messageId);
      }
    }
  }
}
