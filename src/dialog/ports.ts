/**
 * What the dialog engine (and the answerer and the bot core above it) need from the other engines,
 * as structural types, so tests can hand in fakes and the callers do not depend on how knowledge
 * or eligibility are built.
 */
import type { Profile } from '../eligibility/profile.js';
import type { Verdict } from '../eligibility/verdict.js';
import type { Policy } from '../policy/load.js';

/** A knowledge answer and the knowledge base as the core uses them (type-only: no runtime coupling). */
export type { Answer as KnowledgeAnswer, KnowledgeBase as KnowledgePort } from '../knowledge/index.js';

/** `evaluate(profile, policy, now)` from src/eligibility/evaluate.ts. */
export type EvaluateFn = (profile: Profile, policy: Policy, now: string) => Verdict;

/** `resolveSeries(policy, text, employerKind?)` from src/eligibility. */
export type ResolveSeriesFn = (policy: Policy, text: string | undefined, employerKind?: string) => string | undefined;
