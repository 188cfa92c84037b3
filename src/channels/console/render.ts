/** Rendering replies for a terminal: text, then numbered choices (typing the number picks one). */
import type { Reply } from '../../messages/message.js';

/** One reply as terminal lines; choices become "  1. label". */
export function renderReply(r: Reply): string {
  const lines = [r.text];
  r.choices?.forEach((c, i) => {
    lines.push(`  ${i + 1}. ${c.label}`);
  });
  return lines.join('\n');
}

/** Map "2" to the value of the 2nd choice last shown; anything else is passed through. */
export function pickChoice(input: string, last: Reply | undefined): string {
  const t = input.trim();
  const n = /^\d{1,2}$/.test(t) ? Number(t) : 0;
  const c = last?.choices?.[n - 1];
  return c ? c.value : input;
}
