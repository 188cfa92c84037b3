/**
 * Splitting long texts under WeChat's practical message length: long messages get folded or
 * truncated on some clients, so we cut at sentence boundaries, counting characters.
 */
import { codePointLength, splitAtSentences } from '../split-text.js';

/** Default maximum characters per WeChat message (well under the client's folding point). */
export const WECHAT_TEXT_LIMIT = 1500;

const SENTENCE_END = /(?<=[。！？；!?;…\n])/u;

/** Split `text` into pieces of at most `limit` characters, preferring sentence boundaries. */
export function splitText(text: string, limit: number = WECHAT_TEXT_LIMIT): string[] {
  return splitAtSentences(text, limit, SENTENCE_END, codePointLength);
}
