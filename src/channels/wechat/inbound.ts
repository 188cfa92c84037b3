/**
 * Wechaty message → the core's `InboundMessage`. Decides what the bot ignores (its own messages,
 * official accounts, recalls, system notes, room chatter without an @-mention) and what kind
 * of content arrived; a quoted message or a forwarded chat record becomes a question.
 */
import { types, type Message } from 'wechaty';
import type { InboundMessage, MessageKind } from '../../messages/message.js';
import { parseQuote, questionOfQuote as questionOf } from '../quote.js';
import { chatRecordText, isChatRecordCard } from './chat-record.js';

const KIND: Partial<Record<types.Message, MessageKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.ChatHistory]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Audio]: 'voice',
  [types.Message.Video]: 'video',
  [types.Message.Attachment]: 'file',
  [types.Message.Emoticon]: 'sticker',
  [types.Message.Location]: 'location',
  [types.Message.Contact]: 'contact',
  [types.Message.Url]: 'link',
  [types.Message.MiniProgram]: 'mini-program',
  [types.Message.RedEnvelope]: 'money',
  [types.Message.Transfer]: 'money',
};

export { parseQuote } from '../quote.js';

/** A link message's title and description; undefined when the puppet cannot give them. */
async function linkCard(msg: Message): Promise<{ title: string; description: string } | undefined> {
  try {
    const link = await msg.toUrlLink();
    return { title: link.title() ?? '', description: link.description() ?? '' };
  } catch {
    return undefined;
  }
}

/** Translate one Wechaty message; undefined when the bot should not react to it. */
export async function toInbound(msg: Message): Promise<InboundMessage | undefined> {
  if (msg.self()) return undefined;
  const kind = KIND[msg.type()];
  if (!kind) return undefined; // recalls, system notes, group notices, unknown: stay silent
  const talker = msg.talker();
  if (talker.type() === types.Contact.Official) return undefined; // 公众号 pushes
  const room = msg.room();
  const mentioned = room ? await msg.mentionSelf() : undefined;
  if (room && !mentioned) return undefined; // in a room, only speak when spoken to

  let text = kind === 'text' ? (room ? await msg.mentionText() : msg.text()) : '';
  let forwarded = msg.type() === types.Message.ChatHistory;
  let kindOut = kind;
  // A chat record is one question with its context: every line of it, in one message.
  if (forwarded) text = chatRecordText(text) ?? text;
  if (kind === 'link') {
    const card = await linkCard(msg);
    if (card && isChatRecordCard(card.title)) {
      text = [card.title, card.description].filter(Boolean).join('\n');
      forwarded = true;
      kindOut = 'text';
    }
  }
  const quote = kind === 'text' ? parseQuote(text) : undefined;
  if (quote) {
    text = questionOf(quote);
    forwarded = true;
  }
  return {
    channel: 'wechat',
    userId: talker.id,
    chatId: room ? room.id : talker.id,
    text: text.trim(),
    kind: kindOut,
    isGroup: room ? true : undefined,
    mentioned,
    forwarded: forwarded || undefined,
    senderName: talker.name() || undefined,
  };
}
