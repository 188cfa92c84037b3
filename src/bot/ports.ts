/**
 * What the bot core and the dialog engine need from the other engines, as structural types, so
 * tests can hand in fakes and the core does not depend on how knowledge or eligibility are built.
 */
import type { Profile } from '../eligibility/profile.js';
import type { Verdict } from '../eligibility/verdict.js';
import type { Policy } from '../policy/load.js';
import type { Source } from '../policy/schema.js';

/** A knowledge answer (same shape as `Answer` in src/knowledge/index.ts). */
export interface KnowledgeAnswer {
  found: boolean;
  answer: string;
  sources: Source[];
  entry?: string;
  score?: number;
  related?: string[];
}

/** The knowledge base as the core uses it (same shape as `KnowledgeBase`). */
export interface KnowledgePort {
  ask(question: string, now: string): KnowledgeAnswer;
}

/** `evaluate(profile, policy, now)` from src/eligibility/evaluate.ts. */
export type EvaluateFn = (profile: Profile, policy: Policy, now: string) => Verdict;

/** `resolveSeries(policy, text, employerKind?)` from src/eligibility. */
export type ResolveSeriesFn = (policy: Policy, text: string | undefined, employerKind?: string) => string | undefined;
