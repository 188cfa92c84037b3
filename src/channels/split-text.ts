/**
 * Splitting a long reply into messages under a channel's length limit, at sentence boundaries, so
 * an answer never breaks mid-sentence unless one sentence alone is too long. Shared by the
 * channels; each passes its own limit, sentence ends and way of counting length.
 */

/** How a channel counts message length (Telegram: UTF-16 units; WeChat: characters). */
export type Measure = (s: string) => number;

/** UTF-16 code units, as `string.length`. */
export const utf16Length: Measure = (s) => s.length;
/** Unicode code points (what a person calls characters). */
export const codePointLength: Measure = (s) => [...s].length;

/**
 * Split `text` into pieces of at most `limit` (by `measure`), preferring the boundaries after
 * `sentenceEnd`; a sentence longer than the limit is cut hard, never inside a code point.
 */
export function splitAtSentences(text: string, limit: number, sentenceEnd: RegExp, measure: Measure = utf16Length): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  if (measure(text) <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  let size = 0; // measure(current), kept incrementally: texts can be long
  const push = () => {
    const trimmed = current.replace(/^\n+|\n+$/g, '');
    if (trimmed) pieces.push(trimmed);
    current = '';
    size = 0;
  };
  for (const sentence of text.split(sentenceEnd)) {
    const n = measure(sentence);
    if (size + n <= limit) {
      current += sentence;
      size += n;
      continue;
    }
    push();
    for (const ch of sentence) {
      const c = measure(ch);
      if (size + c > limit) push();
      current += ch;
      size += c;
    }
  }
  push();
  return pieces;
}
