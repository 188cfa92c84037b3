/**
 * A pushed message or event (the decrypted XML fields) → what the channel does with it: a message
 * for the core, an event (subscribe, unsubscribe, menu click), or nothing. Also the key WeChat's
 * retries are recognised by: MsgId for messages, FromUserName + CreateTime for events.
 */
import type { InboundMessage, MessageKind } from '../../messages/message.js';
import { parseQuote, questionOfQuote } from '../quote.js';
import { field } from './xml.js';

/** What a push asks of the channel. */
export type Push =
  | { type: 'message'; openid: string; account: string; message: InboundMessage }
  | { type: 'subscribe'; openid: string; account: string }
  | { type: 'unsubscribe'; openid: string; account: string }
  | { type: 'click'; openid: string; account: string; key: string }
  | { type: 'ignore'; openid: string; account: string };

/** The channel name official-account users are stored under (`wechat-oa:<openid>`). */
export const OA_CHANNEL = 'wechat-oa' as const;

const KIND: Record<string, MessageKind> = {
  text: 'text',
  image: 'image',
  voice: 'voice',
  video: 'video',
  shortvideo: 'video',
  location: 'location',
  link: 'link',
  file: 'file',
};

/** The de-duplication key of a push (WeChat retries carry the same one); undefined without a sender. */
export function pushKey(x: Record<string, unknown>): string | undefined {
  const from = field(x, 'FromUserName');
  if (!from) return undefined;
  const id = field(x, 'MsgId') || field(x, 'MsgID');
  if (id) return `m:${id}`;
  return `e:${from}:${field(x, 'CreateTime')}:${field(x, 'Event')}`;
}

/** Interpret the fields of one push. */
export function toPush(x: Record<string, unknown>): Push {
  const openid = field(x, 'FromUserName');
  const account = field(x, 'ToUserName');
  const msgType = field(x, 'MsgType');
  const base = { openid, account };
  if (msgType === 'event') {
    const ev = field(x, 'Event').toLowerCase();
    if (ev === 'subscribe') return { type: 'subscribe', ...base };
    if (ev === 'unsubscribe') return { type: 'unsubscribe', ...base };
    if (ev === 'click') return { type: 'click', ...base, key: field(x, 'EventKey') };
    // VIEW (a link in the menu), SCAN, LOCATION, template/subscription reports: nothing to say.
    return { type: 'ignore', ...base };
  }
  let kind: MessageKind = KIND[msgType] ?? 'other';
  let text = kind === 'text' ? field(x, 'Content') : '';
  // Voice with WeChat's speech recognition switched on carries the words: read them as text.
  const recognised = msgType === 'voice' ? field(x, 'Recognition').trim() : '';
  if (recognised) {
    kind = 'text';
    text = recognised;
  }
  const quote = kind === 'text' ? parseQuote(text) : undefined;
  if (quote) text = questionOfQuote(quote);
  const message: InboundMessage = { channel: OA_CHANNEL, userId: openid, chatId: openid, text: text.trim(), kind, forwarded: quote ? true : undefined };
  return { type: 'message', ...base, message };
}
