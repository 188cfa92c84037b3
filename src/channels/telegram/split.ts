/** Splitting long texts under Telegram's 4096-character limit (UTF-16 units) at sentence ends. */
import { splitAtSentences, utf16Length } from '../split-text.js';

/** Telegram's maximum message length. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SENTENCE_END = /(?<=[。！？!?\n])/u;

/** Split `text` into pieces of at most `limit` UTF-16 units, preferring sentence boundaries. */
export function splitText(text: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  return splitAtSentences(text, limit, SENTENCE_END, utf16Length);
}
