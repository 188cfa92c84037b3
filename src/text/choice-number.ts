/**
 * The one rule for "a message that is just a number picks the choice with that number": what the
 * WeChat and official-account adapters, the core's menu and the interview's choice questions all
 * accept. People type 2, ２, ②, 第二, 2. or 第2个; NFKC folds the full-width and circled forms.
 */
import { chineseNumber } from './chinese-number.js';

const NUMBERED = /^第?(\d{1,2}|[一二两三四五六七八九十]{1,3})(?:[.、。)]|个|项)?$/u;

/** The number a message names when it is nothing but a number; undefined otherwise. */
export function typedNumber(text: string): number | undefined {
  const m = NUMBERED.exec(text.normalize('NFKC').replace(/\s+/g, ''));
  return m ? chineseNumber(m[1]!) : undefined;
}

/** The choice a message picks by its number (1-based); undefined when it is no number or out of range. */
export function choiceByNumber<T>(text: string, choices: readonly T[] | undefined): T | undefined {
  const n = typedNumber(text);
  return n !== undefined && choices && n >= 1 && n <= choices.length ? choices[n - 1] : undefined;
}
