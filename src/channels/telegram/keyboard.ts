/**
 * Choices ↔ inline keyboards. A button's callback_data is the choice value when it fits
 * Telegram's 64-byte limit, else an index into the choices we remember for that message.
 * `KeyboardMemory` remembers, per chat, the one message whose buttons are still live, so a press
 * on an older keyboard is refused instead of being replayed into a later interview step.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Choice } from '../../messages/message.js';

const MAX_CALLBACK_BYTES = 64;
const INDEX_PREFIX = '#i:';
/** Labels up to this many characters are laid out two per row; longer ones get a row each. */
const SHORT_LABEL = 8;

/** The callback_data for choice `i`. */
export function callbackData(choice: Choice, i: number): string {
  const fits = Buffer.byteLength(choice.value, 'utf8') <= MAX_CALLBACK_BYTES && choice.value.length > 0;
  return fits && !choice.value.startsWith(INDEX_PREFIX) ? choice.value : `${INDEX_PREFIX}${i}`;
}

/** The inline keyboard for a list of choices. */
export function inlineKeyboard(choices: Choice[]): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = choices.map((c, i) => ({ text: c.label, callback_data: callbackData(c, i) }));
  const perRow = choices.every((c) => [...c.label].length <= SHORT_LABEL) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** Which choice a press meant, or undefined when the data matches none of them. */
export function decodePress(data: string, choices: Choice[]): Choice | undefined {
  if (data.startsWith(INDEX_PREFIX)) {
    const i = Number(data.slice(INDEX_PREFIX.length));
    return Number.isInteger(i) ? choices[i] : undefined;
  }
  return choices.find((c, i) => callbackData(c, i) === data);
}

/** The live keyboard of one chat. */
export interface LiveKeyboard {
  messageId: number;
  text: string;
  choices: Choice[];
}

/** Per-chat memory of the one live keyboard; bounded so it cannot grow without limit. */
export class KeyboardMemory {
  private readonly live = new Map<string, LiveKeyboard>();

  constructor(private readonly max = 50_000) {}

  /** The live keyboard of `chatId`, if any. */
  get(chatId: string): LiveKeyboard | undefined {
    return this.live.get(chatId);
  }

  /** Make `kb` the only live keyboard of `chatId`; returns the one it replaces. */
  set(chatId: string, kb: LiveKeyboard): LiveKeyboard | undefined {
    const previous = this.live.get(chatId);
    this.live.delete(chatId);
    this.live.set(chatId, kb);
    if (this.live.size > this.max) this.live.delete(this.live.keys().next().value!);
    return previous;
  }

  /** Forget the live keyboard of `chatId`; returns it. */
  take(chatId: string): LiveKeyboard | undefined {
    const kb = this.live.get(chatId);
    this.live.delete(chatId);
    return kb;
  }
}
