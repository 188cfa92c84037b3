/**
 * Telegram message → the core's `InboundMessage`. Pure: no API calls, so every case (groups,
 * mentions, forwards, stickers…) is tested without a server.
 */
import type { Message } from 'grammy/types';
import type { InboundMessage, MessageKind } from '../../messages/message.js';

/** What we need to know about our own bot. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** The kind of a non-text message ('text' when it has text). */
export function messageKind(m: Message): MessageKind {
  if (m.text !== undefined) return 'text';
  if (m.sticker) return 'sticker';
  if (m.photo) return 'image';
  if (m.voice || m.audio) return 'voice';
  if (m.video || m.video_note || m.animation) return 'video';
  if (m.document) return 'file';
  if (m.location || m.venue) return 'location';
  if (m.contact) return 'contact';
  return 'other';
}

/** True when a group message is meant for us: an @mention, a reply to us, or a command not addressed to another bot. */
export function isAddressedToBot(m: Message, me: BotIdentity): boolean {
  const text = m.text ?? m.caption ?? '';
  const name = me.username.toLowerCase();
  if (m.reply_to_message?.from?.id === me.id) return true;
  if (text.toLowerCase().includes(`@${name}`)) return true;
  const entities = m.entities ?? m.caption_entities ?? [];
  if (entities.some((e) => e.type === 'text_mention' && e.user.id === me.id)) return true;
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return command !== null && command[1] === undefined;
}

/** Remove `@botname` (also from `/cmd@botname`) so the core sees plain text. */
export function stripMention(text: string, me: BotIdentity): string {
  const at = new RegExp(`@${me.username.replace(/[^A-Za-z0-9_]/g, '')}\\b`, 'gi');
  return text.replace(at, '').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Deep links (`/start screen`) become the command they name, so a group's "private chat" button can start the interview. */
function expandDeepLink(text: string, commands: ReadonlySet<string>): string {
  const m = /^\/start\s+([a-z0-9_]+)$/.exec(text);
  return m && commands.has(m[1]!) ? `/${m[1]}` : text;
}

/**
 * Translate a message. Undefined when the core should not see it: no sender, a bot, or a group
 * message not addressed to us.
 */
export function toInbound(m: Message, me: BotIdentity, commands: ReadonlySet<string> = new Set()): InboundMessage | undefined {
  if (!m.from || m.from.is_bot) return undefined;
  const isGroup = m.chat.type === 'group' || m.chat.type === 'supergroup';
  if (m.chat.type === 'channel') return undefined;
  const mentioned = isGroup ? isAddressedToBot(m, me) : false;
  if (isGroup && !mentioned) return undefined;
  const raw = m.text ?? m.caption ?? '';
  // A forwarded screenshot or document with a caption is a question with its context: the caption is read.
  const kind = m.forward_origin && raw.trim() ? 'text' : messageKind(m);
  const msg: InboundMessage = {
    channel: 'telegram',
    userId: String(m.from.id),
    chatId: String(m.chat.id),
    text: expandDeepLink(stripMention(raw, me), commands),
    kind,
    senderName: m.from.first_name,
  };
  if (isGroup) {
    msg.isGroup = true;
    msg.mentioned = true;
  }
  if (m.forward_origin) msg.forwarded = true;
  return msg;
}
