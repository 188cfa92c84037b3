/** Knowledge answers as the user reads them: with their sources, or wrapped for forwarding. */
import type { Dialogs } from '../dialog/load.js';
import { fill, joinSources } from '../dialog/text.js';
import type { KnowledgeAnswer } from '../dialog/ports.js';

/** The answer text with its sources appended, unless the text already names the document. */
export function withSources(a: KnowledgeAnswer, d: Dialogs): string {
  const first = a.sources[0];
  if (!first || a.answer.includes(first.doc)) return a.answer; // already cited in the text
  const { sourceItem, sourceJoin } = d.interview.texts;
  return `${a.answer}\n${fill(d.bot.answerSources, { sources: joinSources(a.sources, sourceItem, sourceJoin) })}`;
}

/** An answer meant to be forwarded back to the person who asked (HR staff forwarding). */
export function forwardable(question: string, a: KnowledgeAnswer, d: Dialogs): string {
  const t = d.bot;
  return [t.forwardHeader, fill(t.forwardQuestion, { question }), withSources(a, d), t.forwardFooter].join('\n');
}
