/**
 * The core's replies as official-account text messages: choices as numbered lines (shared with
 * the Wechaty channel), everything joined into as few messages as fit WeChat's 2048-byte text
 * limit, cut at sentence ends, and at most 5 messages (the customer-service allowance after a user
 * message; 3 after a menu click or a follow), the last one saying what was left out.
 */
import type { Reply } from '../../messages/message.js';
import { splitAtSentences } from '../split-text.js';
import { renderReply } from '../wechat/render.js';

/** Longest text message WeChat accepts, in UTF-8 bytes. */
export const OA_TEXT_LIMIT_BYTES = 2048;
/** Customer-service messages allowed after one user message (48 hours). */
export const OA_MAX_MESSAGES = 5;
/** Customer-service messages allowed after a menu click or a follow (1 minute). */
export const OA_MAX_AFTER_EVENT = 3;

const SENTENCE_END = /(?<=[。！？；!?;…\n])/u;
const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Split one text into pieces of at most `limit` UTF-8 bytes, preferring sentence ends. */
export function splitBytes(text: string, limit: number = OA_TEXT_LIMIT_BYTES): string[] {
  return splitAtSentences(text, limit, SENTENCE_END, utf8Bytes);
}

/** The messages to send for `replies` (empty when there is nothing to say). */
export function toMessages(replies: Reply[], o: { choiceHint: string; truncated: string; limit?: number; max?: number }): string[] {
  const limit = o.limit ?? OA_TEXT_LIMIT_BYTES;
  const max = o.max ?? OA_MAX_MESSAGES;
  const text = replies
    .map((r) => renderReply(r, o.choiceHint).trim())
    .filter(Boolean)
    .join('\n\n');
  if (!text) return [];
  const pieces = splitBytes(text, limit);
  if (pieces.length <= max) return pieces;
  const kept = pieces.slice(0, max);
  const room = limit - utf8Bytes(o.truncated) - 1;
  kept[max - 1] = `${splitBytes(kept[max - 1]!, Math.max(2, room))[0]}\n${o.truncated}`;
  return kept;
}
