/** Building the fact list of one message: each field once, the first reading kept; spans masked once read. */
import type { Basis, Fact, FactField } from './facts.js';

/** Replace the spans of `hits` with a filler so later searches do not see them again. */
export function mask(text: string, hits: { start: number; end: number }[]): string {
  const chars = [...text];
  // Positions are UTF-16 offsets; every character used here is in the BMP, so they agree.
  for (const h of hits) for (let i = h.start; i < h.end; i++) chars[i] = '□';
  return chars.join('');
}

/** Add a fact unless the field already has one (the first reading of a message wins). */
export function push(out: Fact[], field: FactField, value: Fact['value'], basis: Basis, words: string, range?: [string, string]): void {
  if (out.some((f) => f.field === field)) return;
  out.push(range ? { field, value, basis, words, range } : { field, value, basis, words });
}
