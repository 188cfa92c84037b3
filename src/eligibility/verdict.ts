/** The verdict (CONTRACT.md "Verdict"): outcome, level, batch, and every check with its source. */
import type { Source, TitleLevel } from '../policy/schema.js';

export type CheckStatus = 'pass' | 'fail' | 'review' | 'warn';
export type Outcome = 'eligible' | 'ineligible' | 'needs_review' | 'incomplete';

/** One rule applied to the profile, with a Chinese message for the applicant and its clause. */
export interface Check {
  rule: string;
  status: CheckStatus;
  message: string;
  source: Source;
  /** Further clauses the message rests on (the primary one is `source`). */
  sources?: Source[];
}

/** The result of `evaluate`. Fields after `materials` extend the contract. */
export interface Verdict {
  outcome: Outcome;
  level: TitleLevel | null;
  batch: string;
  cutoffDate: string;
  checks: Check[];
  missing: string[];
  materials: string[];
  /** Canonical series name, when recognised. */
  series?: string;
  /** The batch's window. */
  window: { name: string; opens: string; closes: string; state: 'open' | 'upcoming' | 'over'; daysLeft?: number; daysUntilOpen?: number; source: Source };
  /** When only time is missing: the first day the requirement is met. */
  qualifiesOn?: string;
  /** The level the applicant could reach now when the target is out of reach. */
  reachableLevel?: TitleLevel | null;
}
