/**
 * The channel-neutral answerer used by `ask`, the chat, forwarded messages and groups: a message
 * that describes a person's own case and asks whether, when or at what level is judged with the
 * shared `evaluate`; other questions go to the knowledge base; several questions in one message
 * are each answered, in one reply, with their sources merged.
 *
 * @example
 *   const answerer = createAnswerer({ policy, knowledge });
 *   answerer.answer('我大专毕业，在县电视台做编辑，能不能认定职称', '2024-04-20').situation?.outcome; // 'ineligible'
 */
import type { EvaluateFn, KnowledgeAnswer, KnowledgePort } from '../dialog/ports.js';
import { fill } from '../dialog/text.js';
import { evaluate as realEvaluate } from '../eligibility/evaluate.js';
import type { Policy } from '../policy/load.js';
import type { Source } from '../policy/schema.js';
import { describesWork } from '../understand/asks.js';
import { asksEligibility, foldText, understand } from '../understand/extract.js';
import { substantiveFields, type Fact, type Understanding } from '../understand/facts.js';
import { prefillFromFacts, type Prefill } from '../understand/prefill.js';
import { askScopeOf } from './ask-scope.js';
import { judge, type Situation } from './judge.js';
import { dedupe, renderSituation } from './render.js';
import { isQuestion, splitQuestions } from './split.js';
import { situationTexts, type SituationTexts } from './texts.js';

/** The entry id of a situational answer in `ask --json` (docs/contract.md). */
export const SITUATION_ENTRY = 'situation';

/** One answer: the knowledge contract, plus the situation when the message described a case. */
export interface Answered extends KnowledgeAnswer {
  situation?: Situation;
  /** Interview answers the situation gives (for the self-test offer). */
  prefill?: Prefill;
  /** Number of parts answered (several questions in one message). */
  parts?: number;
  /** The knowledge entries answered beside the situation, in order (not in the JSON contract). */
  partEntries?: string[];
}

/** What the answerer needs. */
export interface AnswererDeps {
  policy: Policy;
  knowledge: KnowledgePort;
  evaluate?: EvaluateFn;
  texts?: SituationTexts;
}

/** The answerer. */
export interface Answerer {
  answer(question: string, now: string): Answered;
  texts: SituationTexts;
}

/**
 * True when the understood message is about a person's own case and asks about eligibility. `describes`:
 * the message says in a clause of its own where the person works ("我以前一直在外面打工，"), which
 * describes the case even when nothing in it is a fact the rules know (then judged needs_info).
 */
export function isSituational(u: Understanding, describes = false): boolean {
  // A series said by name (助理工程师 in the ask itself) does not yet describe a person.
  const substantive = u.facts.filter((f) => substantiveFields.includes(f.field) && !(f.field === 'series' && f.basis === 'said'));
  return u.asksEligibility && (substantive.length >= 1 || (describes && u.personal)) && (u.personal || substantive.length >= 2);
}

/** The message with the words each understood fact came from replaced by a clause mark. */
function withoutFacts(question: string, facts: readonly Fact[]): string {
  let t = foldText(question);
  for (const w of [...new Set(facts.map((f) => f.words))].sort((a, b) => b.length - a.length)) if (w) t = t.split(w).join('，');
  return t;
}

/** Create the answerer. */
export function createAnswerer(deps: AnswererDeps): Answerer {
  const texts = deps.texts ?? situationTexts();
  const evaluate = deps.evaluate ?? realEvaluate;
  const { policy, knowledge } = deps;

  function situational(u: Understanding, question: string, now: string): { text: string; sources: Source[]; situation: Situation; prefill: Prefill } {
    const situation = judge(u.facts, policy, now, evaluate, askScopeOf(question));
    const r = renderSituation(situation, policy, texts);
    return { ...r, situation, prefill: prefillFromFacts(u.facts, policy) };
  }

  /** Knowledge answers of the parts that are questions of their own (distinct entries). */
  function knowledgeParts(parts: string[], now: string, skip: (p: string) => boolean): KnowledgeAnswer[] {
    const out: KnowledgeAnswer[] = [];
    for (const p of parts) {
      if (skip(p) || !isQuestion(p)) continue;
      const a = knowledge.ask(p, now);
      if (a.found && !out.some((x) => x.entry === a.entry)) out.push(a);
    }
    return out;
  }

  function combine(pieces: { text: string; sources: Source[] }[]): { text: string; sources: Source[] } {
    if (pieces.length === 1) return pieces[0]!;
    return {
      text: pieces.map((p, i) => fill(texts.partHeader, { n: i + 1 }) + p.text).join('\n'),
      sources: dedupe(pieces.flatMap((p) => p.sources)),
    };
  }

  return {
    texts,
    answer(question: string, now: string): Answered {
      const parts = splitQuestions(question);
      // Understanding costs a little; a message that asks nothing about eligibility skips it.
      const folded = foldText(question);
      const u = asksEligibility(folded, policy) ? understand(question, policy, now) : undefined;
      // A case described without any fact the rules know is judged only when it is here (no other province
      // named); checked only for a message that asks about a case.
      const describesHere = () => describesWork(folded, policy.vocabulary) && !policy.vocabulary.places.outside.some((p) => p.words.some((w) => folded.includes(w)));
      if (u && isSituational(u, describesHere())) {
        const s = situational(u, question, now);
        // Parts that state facts or ask about the person's own case belong to the situation.
        const others = parts.length > 1 ? knowledgeParts(parts, now, (p) => {
          // The ask of the person's own case (the same test as the whole message's), not a question of its own.
          if (asksEligibility(foldText(p), policy)) return true;
          const up = understand(p, policy, now);
          return isSituational(up) || up.facts.some((f) => substantiveFields.includes(f.field));
        }) : [];
        // When a missing fact decides, the general rule of the topic the knowledge file gives is worth
        // adding. Otherwise the whole message may still ask something the judgement does not answer
        // (材料, 上传, 终算日期) — if the same topic is still found with the words the facts came from
        // taken out, so the person's own details ("在乡镇农技站上班") do not add a topic nobody asked about.
        const whole = knowledge.ask(question, now);
        const undecided = s.situation.outcome === 'needs_info';
        const asked = () => knowledge.ask(withoutFacts(question, u.facts), now).entry === whole.entry;
        const general = undecided || (!policy.vocabulary.supersedes.includes(whole.entry ?? '') && asked());
        if (whole.found && whole.entry && general && !others.some((a) => a.entry === whole.entry)) others.push(whole);
        const pieces = [{ text: s.text, sources: s.sources }, ...others.map((a) => ({ text: a.answer, sources: a.sources }))];
        const c = combine(pieces);
        return { found: true, answer: c.text, sources: c.sources, entry: SITUATION_ENTRY, situation: s.situation, prefill: s.prefill, partEntries: others.map((a) => a.entry!), ...(pieces.length > 1 ? { parts: pieces.length } : {}) };
      }
      if (parts.length > 1) {
        const answers = knowledgeParts(parts, now, () => false);
        if (answers.length > 1) {
          const c = combine(answers.map((a) => ({ text: a.answer, sources: a.sources })));
          return { found: true, answer: c.text, sources: c.sources, entry: answers[0]!.entry, parts: answers.length };
        }
      }
      return knowledge.ask(question, now);
    },
  };
}
