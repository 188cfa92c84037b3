/**
 * Splitting long texts under Telegram's 4096-character message limit, at sentence boundaries
 * (。！？ and line breaks) so an answer never breaks mid-sentence unless one sentence alone is
 * too long. Telegram counts UTF-16 code units, so lengths here are `string.length`.
 */

/** Telegram's maximum message length. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SENTENCE_END = /(?<=[。！？!?\n])/u;

/** Split `text` into pieces of at most `limit` UTF-16 units, preferring sentence boundaries. */
export function splitText(text: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  const push = () => {
    const trimmed = current.replace(/^\n+|\n+$/g, '');
    if (trimmed) pieces.push(trimmed);
    current = '';
  };
  for (const sentence of text.split(SENTENCE_END)) {
    if (current.length + sentence.length <= limit) {
      current += sentence;
      continue;
    }
    push();
    let rest = sentence;
    while (rest.length > limit) {
      // Hard cut, but never between the two halves of a surrogate pair (emoji, rare characters).
      let cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      current = rest.slice(0, cut);
      push();
      rest = rest.slice(cut);
    }
    current = rest;
  }
  push();
  return pieces;
}
