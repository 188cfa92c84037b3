/**
 * evaluate(profile, policy, now) → Verdict: pure, no I/O beyond the cached check texts. Runs every
 * check of the notice and the 2013 method and explains each with its clause.
 */
import { formatChineseDate } from '../policy/dates.js';
import type { Policy } from '../policy/load.js';
import { windowStatus, type Audience } from '../policy/windows.js';
import {
  checkEmployerCoverage,
  checkExamSeries,
  checkIdNumberField,
  checkMajor,
  checkMinEducation,
  checkPracticeCertificate,
  checkSocialInsurance,
  checkStateOwnedEngineering,
  checkVocationalTeacher,
} from './checks.js';
import { addCheck, need, noticeClause, type EvalContext } from './context.js';
import { decideLevel } from './level.js';
import { materialsFor } from './materials.js';
import type { Profile } from './profile.js';
import { resolveSeries, seriesEntry } from './series.js';
import { checkTexts, fill } from './texts.js';
import type { Check, Outcome, Verdict } from './verdict.js';

export { resolveSeries } from './series.js';

/** Education-system applicants only have the education window (notice 一). */
export function audienceOf(policy: Policy, seriesName: string | undefined, employerKind: string | undefined): Audience {
  const inSystem = policy.notices.some(
    (n) =>
      (seriesName !== undefined && n.educationSystem.series.includes(seriesName)) ||
      (employerKind !== undefined && n.educationSystem.employerKinds.some((k) => employerKind.includes(k))),
  );
  return inSystem ? 'education' : 'general';
}

/** Judge one applicant profile on `now` (YYYY-MM-DD, Asia/Shanghai). */
export function evaluate(profile: Profile, policy: Policy, now: string): Verdict {
  const texts = checkTexts();
  const kind = profile.employer?.kind;
  const seriesName = resolveSeries(policy, profile.series, kind);
  const audience = audienceOf(policy, seriesName, kind);
  const ws = windowStatus(policy, now, audience);
  const batch = ws.relevant;
  // No window open or to come: the notice has lapsed. Judge on today's facts (years to today) and
  // claim no batch; the next notice decides when and how to apply.
  const lapsed = ws.state === 'over';
  const ctx: EvalContext = {
    policy, profile, now, texts, batch, cutoff: lapsed ? now : batch.cutoff, lapsed, notice: batch.notice, seriesName,
    series: seriesName ? seriesEntry(policy, seriesName) : undefined,
    checks: [], missing: [], obtain: [],
    facts: { socialInsuranceDiffers: false, archiveHosted: false, titleLevel: profile.currentTitle?.level },
  };

  // 一: which window, and whether it is open.
  const othersOpen = ws.state === 'upcoming' && audience === 'education' && windowStatus(policy, now, 'general').state === 'open';
  const w = { batchName: batch.name, opens: formatChineseDate(batch.opens), closes: formatChineseDate(batch.closes), daysLeft: ws.daysLeft, daysUntil: ws.daysUntilNext, year: batch.notice.issued.slice(0, 4), today: formatChineseDate(now) };
  if (ws.state === 'open') addCheck(ctx, 'batch', 'pass', fill(ws.daysLeft === 0 ? texts.batch.lastDay : texts.batch.open, w), batch.source);
  else if (ws.state === 'upcoming') {
    addCheck(ctx, 'batch', 'pass', fill(othersOpen ? texts.batch.upcomingEducation : texts.batch.upcoming, w), batch.source);
  } else addCheck(ctx, 'batch', 'warn', fill(texts.batch.over, w), batch.source);

  // The series.
  if (!profile.series) need(ctx, 'series');
  else if (!ctx.series) addCheck(ctx, 'series', 'review', fill(texts.series.unknown, { input: profile.series }), noticeClause(ctx, 'conditions'));
  else if (ctx.series.confidence === 'unverified') addCheck(ctx, 'series', 'review', fill(texts.series.unverified, { series: ctx.series.name }), noticeClause(ctx, 'conditions'));

  checkMinEducation(ctx);
  checkMajor(ctx);
  checkVocationalTeacher(ctx);
  checkExamSeries(ctx);
  checkStateOwnedEngineering(ctx);
  checkEmployerCoverage(ctx);
  checkSocialInsurance(ctx);
  checkPracticeCertificate(ctx);
  const lv = decideLevel(ctx, audience);
  checkIdNumberField(ctx);

  const statuses = new Set(ctx.checks.map((c) => c.status));
  const outcome: Outcome = statuses.has('fail') ? 'ineligible' : ctx.missing.length ? 'incomplete' : statuses.has('review') ? 'needs_review' : 'eligible';
  // Every gate but the level passes: only time (or the level asked for) stands in the way.
  const gatesPass = !ctx.checks.some((c) => c.rule !== 'level' && (c.status === 'fail' || c.status === 'review'));
  const onlyTimeMissing = outcome === 'ineligible' && gatesPass && lv.qualifiesOn !== undefined;
  // Not eligible for another reason (a condition fails, needs confirming, or is not known yet):
  // the level line states the years and promises nothing.
  const levelCheck = ctx.checks.find((c) => c.rule === 'level');
  const promise = levelCheck?.status === 'pass' ? outcome === 'eligible' : gatesPass && ctx.missing.length === 0;
  if (!promise && levelCheck && lv.gatedMessage) levelCheck.message = lv.gatedMessage;
  // What the conditions would reach: when only the level fails, or when something is still to settle.
  const reachable = outcome === 'ineligible' ? (gatesPass ? lv.reachable : undefined) : outcome === 'needs_review' ? lv.level : undefined;
  const obtain = ctx.obtain.length && outcome === 'needs_review' ? ctx.obtain : undefined;

  return {
    outcome,
    level: outcome === 'eligible' ? lv.level : null,
    batch: lapsed ? null : batch.id,
    cutoffDate: ctx.cutoff,
    checks: orderChecks(ctx.checks),
    missing: ctx.missing,
    materials: materialsFor(policy, profile, ctx.facts),
    series: seriesName,
    window: { name: batch.name, opens: batch.opens, closes: batch.closes, state: ws.state, daysLeft: ws.daysLeft, daysUntilOpen: ws.daysUntilNext, source: batch.source, ...(othersOpen ? { othersOpen } : {}) },
    ...(onlyTimeMissing ? { qualifiesOn: lv.qualifiesOn } : {}),
    ...(reachable !== undefined ? { reachableLevel: reachable } : {}),
    ...(obtain ? { obtain } : {}),
  };
}

/** Deciding checks first (fail, review, the level), then warnings, then the other passes; stable. */
export function orderChecks(checks: Check[]): Check[] {
  const rank = (c: Check) => (c.status === 'fail' ? 0 : c.status === 'review' ? 1 : c.rule === 'level' ? 2 : c.status === 'warn' ? 3 : 4);
  return checks.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}
