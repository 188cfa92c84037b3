/**
 * Which application window applies on a given day: open now, the next one, or none left.
 * Used by eligibility (batch choice), knowledge (date-aware answers) and broadcast (reminders).
 */
import type { Policy, PolicyBatch } from './load.js';
import { daysBetween } from './dates.js';

/** 'general' applicants, or the education system (which only has its own window). */
export type Audience = 'general' | 'education';

/** Where `now` stands relative to the windows open to `audience`. */
export interface WindowStatus {
  /** The batch open on `now` (first day and last day included). */
  open?: PolicyBatch;
  /** Days from `now` to the last day, when open (the last day itself → 0, "today is the last day"). */
  daysLeft?: number;
  /** The next batch that will open after `now`. */
  next?: PolicyBatch;
  /** Days until `next` opens. */
  daysUntilNext?: number;
  /** The most recent batch that has closed before `now`. */
  previous?: PolicyBatch;
  /** The batch an applicant is judged for: open, else next, else the last one. */
  relevant: PolicyBatch;
  state: 'open' | 'upcoming' | 'over';
}

/** Batches that `audience` may apply in, in order. */
export function batchesFor(policy: Policy, audience: Audience): PolicyBatch[] {
  return policy.batches.filter((b) => b.audiences.includes(audience));
}

/** Window status on `now` (YYYY-MM-DD, Asia/Shanghai) for `audience`. */
export function windowStatus(policy: Policy, now: string, audience: Audience = 'general'): WindowStatus {
  const list = batchesFor(policy, audience);
  if (list.length === 0) throw new Error(`no batch for audience ${audience}`);
  const open = list.find((b) => b.opens <= now && now <= b.closes);
  const next = list.find((b) => b.opens > now);
  const previous = [...list].reverse().find((b) => b.closes < now);
  const relevant = open ?? next ?? list[list.length - 1]!;
  return {
    open,
    daysLeft: open ? daysBetween(now, open.closes) : undefined,
    next,
    daysUntilNext: next ? daysBetween(now, next.opens) : undefined,
    previous,
    relevant,
    state: open ? 'open' : next ? 'upcoming' : 'over',
  };
}
