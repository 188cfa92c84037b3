/**
 * Forwarded chat records arrive as "姓名：内容" lines. The names are noise to the answerer (a
 * name is a word the knowledge file has never seen, which weighs against answering at all), so
 * they are removed before the question is judged; the reply still quotes the original lines.
 */

/** A line's leading "speaker：" (up to 12 characters without punctuation or spaces). */
const SPEAKER = /^[^\s：:，。？！,.?!]{1,12}[：:][ \t]*/gmu;

/** `text` without the speaker names at the start of its lines. */
export function withoutSpeakers(text: string): string {
  const lines = text.split('\n');
  // Only a record where most lines name a speaker: a single "问题：…" line is left as it is.
  const named = lines.filter((l) => new RegExp(SPEAKER.source, 'u').test(l)).length;
  if (lines.length < 2 || named * 2 < lines.length) return text;
  return text.replace(SPEAKER, '');
}
