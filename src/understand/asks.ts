/**
 * Whether a message asks about a person's own case, and whether it names a person. Besides the listed
 * phrasings (`eligibilityAsks`), a question is recognised by its FORM: a clause that asks yes or no
 * (吗, 不, 没有, 吧, 能不能, 可否 …) about applying for a title (认定, 评, 升, a level, 这批 …) — or a bare
 * "可以吗 / 行不行 / 够了没有" pointing back at the clause before it — and an intent to apply (想…认定)
 * in a sentence that asks nothing else. A clause that asks what, when or how is a knowledge question.
 * Pure; the words are data (rules/vocabulary.yaml `caseQuestion`).
 */
import type { Policy } from '../policy/load.js';
import { findWord, globalPattern, pattern, patterns } from './match.js';

type Vocab = Policy['vocabulary'];

/** The clause mark a space becomes: the full-width comma, which NFKC folds away from every typed comma. */
export const SPACE_MARK = '，';


/** A clause of its own says where someone works or what they do ("在水利站上班，", "以前一直在外面打工，"). */
export function describesWork(t: string, v: Vocab): boolean {
  return patterns(v.caseQuestion?.describes ?? []).some((r) => r.test(t));
}

/** The message names a person (我, 他, 小刘, 我们单位 …) or describes one in a clause of its own. */
export function namesPerson(t: string, v: Vocab): boolean {
  return patterns(v.personal).some((r) => r.test(t)) || describesWork(t, v);
}

/** The clauses of a folded text, each with the mark that ends it (a space is a clause mark). */
function clausesOf(t: string): string[] {
  return t.split(/(?<=[，,。；;！!？?\n])/u).map((c) => c.trim()).filter((c) => c.replace(/[，,。；;！!？?\s]/gu, '') !== '');
}

/** The clause asks yes or no, not what, when or how. */
export function isPolarQuestion(clause: string, v: Vocab): boolean {
  const q = v.caseQuestion;
  if (!q || findWord(clause, q.open)) return false;
  return patterns(q.polar).some((r) => r.test(clause));
}

/** The clause is about applying for a title: a recognition verb, a level or title, a batch. */
function aboutTitle(clause: string, v: Vocab): boolean {
  return patterns(v.caseQuestion?.topics ?? []).some((r) => r.test(clause)) || v.levels.some((l) => l.words.some((w) => clause.includes(w)));
}

/** A polar clause with hardly anything besides its question form ("可以吗", "可否？", "这次行不行", "够了没有哦"). */
function bare(clause: string, v: Vocab): boolean {
  let rest = clause.replace(/[，,。；;！!？?～~\s]/gu, '');
  for (const r of patterns(v.caseQuestion?.polar ?? [])) rest = rest.replace(globalPattern(r.source), '');
  return rest.replace(/^(那|请问|问下|现在|这样|这次|这回|那我|我)/u, '').length <= 3;
}

/** Another topic than eligibility is named (材料, 网址, 考试 …), or what, when or how is asked. */
function otherTopic(text: string, v: Vocab): boolean {
  const allowed = v.caseQuestion?.eligibilityTopics ?? [];
  return v.intentNotWith.some((w) => !allowed.includes(w) && text.includes(w));
}

/** A clause that states something (not a question, not a greeting): "大专", "22年7月参加工作". */
function isStatement(clause: string, v: Vocab): boolean {
  const q = v.caseQuestion!;
  if (/[？?]$/u.test(clause) || findWord(clause, q.open) || isPolarQuestion(clause, v)) return false;
  return !patterns(q.fillers).some((r) => r.test(clause));
}

/**
 * A yes/no question about applying for a title, in its own clause or pointing back at the one before,
 * in a message that states something in a clause of its own: a case described, not a category asked
 * about in one question ("非国企工程类今年组织认定吗").
 */
function polarCaseQuestion(t: string, v: Vocab): boolean {
  const cs = clausesOf(t);
  if (!v.caseQuestion || !cs.some((c) => isStatement(c, v))) return false;
  return cs.some((c, i) => {
    if (!isPolarQuestion(c, v) || otherTopic(c, v)) return false;
    if (aboutTitle(c, v)) return true;
    const before = cs[i - 1];
    return before !== undefined && bare(c, v) && aboutTitle(before, v) && !otherTopic(before, v) && !findWord(before, v.caseQuestion!.open);
  });
}

/**
 * An intent to apply ("想认定检验技师", "想通过考核认定助理经济师") in a sentence that asks nothing else
 * (材料, 网址, 什么时候 …): the other question of the message, in a sentence of its own, is the knowledge
 * base's. Asking for the conditions (条件, 要求) is asking about eligibility.
 */
function intentAsk(t: string, v: Vocab): boolean {
  const q = v.caseQuestion;
  // A loose intent (想回来认定) in a sentence that also asks what, when or how asks the knowledge base,
  // unless it asks for the conditions; a plain one (想认定, 想直接认) is the ask whatever else is asked.
  const asksElse = (s: string) => q !== undefined && findWord(s, q.open) !== undefined && !findWord(s, q.eligibilityTopics);
  return t.split(/(?<=[。！!？?；;\n])/u).some((s) => {
    if (otherTopic(s, v)) return false;
    const plain = s.split(SPACE_MARK).join('');
    return patterns(v.intents).some((r) => r.test(plain)) || (q !== undefined && pattern(q.intent).test(s) && !asksElse(s));
  });
}

/** One clause asks about the person's own case (a level in it is the one asked for, not one held). */
export function asksInClause(clause: string, v: Vocab): boolean {
  if (patterns(v.eligibilityAsks).some((r) => r.test(clause))) return true;
  return isPolarQuestion(clause, v) && !otherTopic(clause, v) && aboutTitle(clause, v);
}

/** The message asks whether, when or at what level (the listed phrasings, or by the question's form). */
export function asksAboutCase(text: string, v: Vocab): boolean {
  // An ask may run across a space ("想直接认助工 这次行不行"): the clause marks spaces left are dropped.
  const joined = text.split(SPACE_MARK).join('');
  if (patterns(v.eligibilityAsks).some((r) => r.test(joined))) return true;
  return intentAsk(text, v) || polarCaseQuestion(text, v);
}
