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
  /** The level to apply for; only when `outcome` is eligible (else `reachableLevel`). */
  level: TitleLevel | null;
  /** The open or coming batch; null when every window in rules/notices/ has closed. */
  batch: string | null;
  cutoffDate: string;
  checks: Check[];
  missing: string[];
  materials: string[];
  /** Canonical series name, when recognised. */
  series?: string;
  /** The batch's window; when `batch` is null, the last window that closed (state `over`). */
  window: {
    name: string; opens: string; closes: string; state: 'open' | 'upcoming' | 'over'; daysLeft?: number; daysUntilOpen?: number; source: Source;
    /** Upcoming for this applicant while everyone else's batch is open now (一: the education system applies only in the second). */
    othersOpen?: boolean;
  };
  /** When only time is missing: the first day the requirement is met. */
  qualifiesOn?: string;
  /**
   * The level the conditions reach although `level` is null: ineligible only for the years or the
   * level asked for (every other condition passes), or needs_review (the level once settled).
   */
  reachableLevel?: TitleLevel | null;
  /** needs_review because of a document the applicant can obtain (e.g. a 隶属关系证明). */
  obtain?: string[];
}
