/**
 * Splitting long texts under WeChat's practical message length. Long messages get folded or
 * truncated on some clients, so we cut at paragraph, then sentence, boundaries.
 */

/** Default maximum characters per WeChat message (well under the client's folding point). */
export const WECHAT_TEXT_LIMIT = 1500;

const SENTENCE_END = /(?<=[。！？；!?;…\n])/u;

/** Split `text` into pieces of at most `limit` characters, preferring sentence boundaries. */
export function splitText(text: string, limit: number = WECHAT_TEXT_LIMIT): string[] {
  if (limit < 1) throw new RangeError('limit must be positive');
  if ([...text].length <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  const push = () => {
    const trimmed = current.replace(/^\n+|\n+$/g, '');
    if (trimmed) pieces.push(trimmed);
    current = '';
  };
  for (const sentence of text.split(SENTENCE_END)) {
    const chars = [...sentence];
    if ([...current].length + chars.length <= limit) {
      current += sentence;
      continue;
    }
    push();
    // A single sentence longer than the limit is cut hard (by code points, never inside an emoji).
    for (let i = 0; i < chars.length; i += limit) {
      const slice = chars.slice(i, i + limit).join('');
      if (i + limit < chars.length) {
        current = slice;
        push();
      } else current = slice;
    }
  }
  push();
  return pieces;
}
