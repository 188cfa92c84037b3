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
import type { Outcome, Verdict } from './verdict.js';

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
  const ctx: EvalContext = {
    policy, profile, now, texts, batch, notice: batch.notice, seriesName,
    series: seriesName ? seriesEntry(policy, seriesName) : undefined,
    checks: [], missing: [],
    facts: { socialInsuranceDiffers: false, archiveHosted: false, titleLevel: profile.currentTitle?.level },
  };

  // 一: which window, and whether it is open.
  const w = { batchName: batch.name, opens: formatChineseDate(batch.opens), closes: formatChineseDate(batch.closes), daysLeft: ws.daysLeft, daysUntil: ws.daysUntilNext };
  if (ws.state === 'open') addCheck(ctx, 'batch', 'pass', fill(ws.daysLeft === 0 ? texts.batch.lastDay : texts.batch.open, w), batch.source);
  else if (ws.state === 'upcoming') {
    const generalOpen = audience === 'education' && windowStatus(policy, now, 'general').state === 'open';
    addCheck(ctx, 'batch', 'pass', fill(generalOpen ? texts.batch.upcomingEducation : texts.batch.upcoming, w), batch.source);
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
  const onlyTimeMissing = outcome === 'ineligible' && ctx.checks.filter((c) => c.status === 'fail').every((c) => c.rule === 'level') && lv.qualifiesOn !== undefined;

  return {
    outcome,
    level: outcome === 'eligible' || outcome === 'needs_review' ? lv.level : null,
    batch: batch.id,
    cutoffDate: batch.cutoff,
    checks: ctx.checks,
    missing: ctx.missing,
    materials: materialsFor(policy, profile, ctx.facts),
    series: seriesName,
    window: { name: batch.name, opens: batch.opens, closes: batch.closes, state: ws.state, daysLeft: ws.daysLeft, daysUntilOpen: ws.daysUntilNext, source: batch.source },
    ...(onlyTimeMissing ? { qualifiesOn: lv.qualifiesOn } : {}),
    ...(outcome === 'ineligible' && lv.reachable !== undefined ? { reachableLevel: lv.reachable } : {}),
  };
}
