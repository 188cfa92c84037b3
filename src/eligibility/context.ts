/** The state one evaluation builds up: the checks so far, the missing fields, derived facts. */
import type { Policy, PolicyBatch } from '../policy/load.js';
import type { Notice, SeriesEntry, Source } from '../policy/schema.js';
import type { Profile } from './profile.js';
import type { CheckTexts } from './texts.js';
import type { Check, CheckStatus } from './verdict.js';
import type { MaterialFacts } from './materials.js';

/** Working state of one `evaluate` call. */
export interface EvalContext {
  policy: Policy;
  profile: Profile;
  now: string;
  texts: CheckTexts;
  batch: PolicyBatch;
  /** The day years are counted to: the batch's cut-off, or today when every window has closed. */
  cutoff: string;
  /** Every window of the notices in rules/ has closed: judged on today's facts, no batch claimed. */
  lapsed: boolean;
  /** The notice of the batch: its number and clauses are cited. */
  notice: Notice;
  seriesName?: string;
  series?: SeriesEntry;
  checks: Check[];
  missing: string[];
  /** Documents the applicant can obtain to close a gap (Verdict `obtain`). */
  obtain: string[];
  facts: MaterialFacts;
}

/** Record one check; `more` are further clauses the message rests on. */
export function addCheck(ctx: EvalContext, rule: string, status: CheckStatus, message: string, source: Source, ...more: Source[]): void {
  const extra = more.filter((s) => s.doc !== source.doc || s.clause !== source.clause);
  ctx.checks.push(extra.length ? { rule, status, message, source, sources: [source, ...extra] } : { rule, status, message, source });
}

/** Record a field the decision needs but the profile lacks (once). */
export function need(ctx: EvalContext, field: string): void {
  if (!ctx.missing.includes(field)) ctx.missing.push(field);
}

/** The clause of the batch's notice that `rule` rests on (rules/notices/*.yaml `clauses`). */
export function noticeClause(ctx: EvalContext, rule: keyof Notice['clauses']): Source {
  return { doc: ctx.notice.doc, clause: ctx.notice.clauses[rule] };
}
