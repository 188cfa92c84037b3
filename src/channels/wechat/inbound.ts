/**
 * Wechaty message → the core's `InboundMessage`. Decides what the bot ignores (its own messages,
 * official accounts, recalls, system notes, room chatter without an @-mention) and what kind
 * of content arrived; a quoted message or a forwarded chat record becomes a question.
 */
import { types, type Message } from 'wechaty';
import type { InboundMessage, MessageKind } from '../../bot/message.js';
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

/**
 * A quoted reply as WeChat puppets deliver it: 「Name：quoted text」, a dashed rule, the reply.
 * Returns the quoted text and the reply, or undefined when `text` is not a quote.
 */
export function parseQuote(text: string): { quoted: string; reply: string } | undefined {
  const m = /^「([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\n?([\s\S]*)$/u.exec(text.trim());
  if (!m) return undefined;
  // Drop the "Name：" the client puts before the quoted words; the name is not needed.
  const quoted = m[1]!.replace(/^[^：:\n]{1,32}[：:]\s*/u, '').trim();
  return { quoted, reply: m[2]!.trim() };
}

/** The question a quote or forward stands for: the quoted words, then what the forwarder added. */
function questionOf(quote: { quoted: string; reply: string }): string {
  return [quote.quoted, quote.reply].filter(Boolean).join('\n');
}

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
