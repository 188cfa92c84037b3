/**
 * Rendering core replies for WeChat, which has no buttons: choices become numbered lines
 * ("1. 本科"), and a typed number is mapped back to the choice value the core expects (by the
 * shared rule of src/text/choice-number.ts).
 */
import type { Choice, Reply } from '../../messages/message.js';
import { choiceByNumber } from '../../text/choice-number.js';

/** One reply as WeChat text: the text, then one numbered line per choice and a hint. */
export function renderReply(reply: Reply, choiceHint: string): string {
  const choices = reply.choices ?? [];
  if (choices.length === 0) return reply.text;
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`);
  return [reply.text, ...lines, choiceHint].filter((l) => l.length > 0).join('\n');
}

/** The choices the user is answering after this batch of replies: the last reply that offered any. */
export function offeredChoices(replies: Reply[]): Choice[] | undefined {
  for (let i = replies.length - 1; i >= 0; i--) {
    const c = replies[i]!.choices;
    if (c && c.length > 0) return c;
  }
  return undefined;
}

/** If `text` is just a number naming one of `choices`, the choice's value; otherwise the text. */
export function resolveChoice(text: string, choices: Choice[] | undefined): string {
  return choiceByNumber(text, choices)?.value ?? text;
}
