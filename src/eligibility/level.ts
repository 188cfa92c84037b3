/**
 * 第五条 and 第六条: which level the years reach by the batch's cut-off, the counting check, the
 * extensions, and — when only time is missing — the day the applicant will qualify.
 */
import { formatChineseDate } from '../policy/dates.js';
import { batchesFor } from '../policy/windows.js';
import { educationLevels, type TitleLevel } from '../policy/schema.js';
import { addCheck, need, type EvalContext } from './context.js';
import { countingStart, evaluateRoute, extensionFor, monthsText, type RouteResult } from './period.js';
import { fill } from './texts.js';

/** What the level decision found. */
export interface LevelResult {
  level: TitleLevel | null;
  qualifiesOn?: string;
  reachable?: TitleLevel | null;
  /**
   * The level check's message when another condition fails or needs confirming: the years as a
   * fact, without "可认定" or "可以先申报", so no line promises a level the verdict refuses.
   */
  gatedMessage?: string;
}

/** Decide the level; pushes the counting, extension and level checks. */
export function decideLevel(ctx: EvalContext, audience: 'general' | 'education'): LevelResult {
  const { profile, policy, batch } = ctx;
  const m = policy.method;
  const t = ctx.texts.level;
  const edu = profile.education;
  // Below the minimum education there is no route (checked and explained by min_education).
  if (!edu || educationLevels.indexOf(edu) < educationLevels.indexOf(m.minimumEducation)) return { level: null };
  if (!profile.graduationDate) need(ctx, 'graduationDate');
  if (!profile.technicalWorkStart) need(ctx, 'technicalWorkStart');
  const start = countingStart(profile);
  if (!start) return { level: null };

  const rank = (l: string) => m.levels.indexOf(l as TitleLevel);
  const cutoff = ctx.cutoff;
  const ext = extensionFor(profile, m);
  const cutoffText = formatChineseDate(cutoff);

  // 三（七）: years counted in full years to the cut-off.
  const counted = evaluateRoute({ id: 'counting', level: '员级', education: [edu], workMonths: 0, source: m.countingSource }, profile, m, cutoff, { months: 0, basic: 0, unsatisfactory: 0 });
  const have = counted.haveMonths;
  addCheck(
    ctx,
    'counting',
    'pass',
    start > cutoff && !ctx.lapsed
      ? fill(ctx.texts.counting.before, { cutoff: cutoffText, batchName: batch.name, from: formatChineseDate(start) })
      : fill(ctx.lapsed ? ctx.texts.counting.today : ctx.texts.counting.pass, { cutoff: cutoffText, batchName: batch.name, from: formatChineseDate(start), have: monthsText(have, ctx.texts.units) }),
    batch.cutoffSource,
  );
  const e = m.extensions;
  if (ext.basic) addCheck(ctx, 'extensions', 'warn', fill(ctx.texts.extensions.basic, { count: ext.basic, months: ext.basic * e.basicallySatisfactory.months }), e.basicallySatisfactory.source);
  if (ext.unsatisfactory) addCheck(ctx, 'extensions', 'warn', fill(ctx.texts.extensions.unsatisfactory, { count: ext.unsatisfactory, months: ext.unsatisfactory * e.unsatisfactory.months }), e.unsatisfactory.source);
  if (ext.disciplinaryEnd) addCheck(ctx, 'extensions', 'warn', fill(ctx.texts.extensions.disciplinary, { end: formatChineseDate(ext.disciplinaryEnd) }), e.disciplinary.source);

  const routes = m.routes.filter((r) => r.education.includes(edu));
  const results = routes.map((r) => evaluateRoute(r, profile, m, cutoff, ext));
  const verified = (r: RouteResult) => r.route.confidence !== 'unverified';
  const best = (list: RouteResult[]) => [...list].sort((a, b) => rank(b.route.level) - rank(a.route.level))[0];
  const target = profile.targetLevel;
  const values = (r: RouteResult, level: string) => ({
    education: edu,
    level: titleName(ctx, level),
    required: monthsText(r.requiredMonths, ctx.texts.units),
    have: monthsText(r.haveMonths, ctx.texts.units),
    titleLevel: r.route.titleHeld?.level,
    cutoff: cutoffText,
  });

  // 硕士/博士 without both 学历 and 学位: not a route we can decide.
  if (results.length && results.every((r) => r.blocked === 'noDegree')) {
    addCheck(ctx, 'level', 'review', fill(t.reviewNoDegree, { education: edu }), m.levelSource);
    return { level: null };
  }
  if ((edu === '硕士' || edu === '博士') && profile.hasDegree === undefined) {
    addCheck(ctx, 'degree', 'warn', fill(t.degreeAssumed, { education: edu }), m.levelSource);
  }

  const candidates = target ? results.filter((r) => rank(r.route.level) >= rank(target)) : results;
  if (candidates.length === 0) {
    const maxLevel = results.length ? best(results)!.route.level : undefined;
    addCheck(ctx, 'level', 'fail', fill(t.failNoRoute, { education: edu, level: target, maxLevel }), m.levelSource);
    const reachable = best(results.filter((r) => r.met && verified(r)));
    return { level: null, reachable: reachable?.route.level ?? null };
  }

  const metVerified = candidates.filter((r) => r.met && verified(r));
  const metUnverified = candidates.filter((r) => r.met && !verified(r));
  if (metVerified.length) {
    const r = best(metVerified)!;
    const level = target ?? r.route.level;
    let msg = fill(r.route.titleHeld ? t.passTitle : t.pass, values(r, level));
    if (target && rank(r.route.level) > rank(target)) msg += fill(t.lowerTarget, { reachable: titleName(ctx, r.route.level), level: titleName(ctx, target) });
    addCheck(ctx, 'level', 'pass', msg, r.route.source, m.countingSource);
    warnAlreadyHeld(ctx, level);
    return { level, gatedMessage: fill(r.route.titleHeld ? t.passTitleGated : t.passGated, values(r, level)) };
  }
  if (metUnverified.length) {
    const r = best(metUnverified)!;
    const level = target ?? r.route.level;
    addCheck(ctx, 'level', 'review', fill(t.review, values(r, level)), r.route.source, m.countingSource);
    return { level };
  }

  // Not met: explain the route that qualifies soonest at the level wanted (or the lowest level).
  const wanted = target ? candidates.filter((r) => r.route.level === target) : candidates;
  const pool = (wanted.length ? wanted : candidates).filter((r) => !r.blocked && r.qualifiesOn);
  const soonest = [...pool].sort((a, b) => (a.qualifiesOn! < b.qualifiesOn! ? -1 : 1))[0];
  const reachableList = results.filter((r) => r.met && verified(r));
  const reachable = reachableList.length ? best(reachableList)!.route.level : null;
  if (!soonest) {
    const r = candidates.find((c) => c.blocked === 'noTitle') ?? candidates[0]!;
    const alt = candidates.find((c) => c.route.workMonths !== undefined && c.route.level === r.route.level);
    const message = alt
      ? fill(t.failNoTitleOrWork, { ...values(r, r.route.level), altRequired: monthsText(alt.requiredMonths, ctx.texts.units) })
      : fill(t.failNoTitle, values(r, r.route.level));
    addCheck(ctx, 'level', 'fail', message, r.route.source);
    return { level: null, reachable };
  }
  const later = laterBatchText(ctx, soonest.qualifiesOn!, audience);
  const v = { ...values(soonest, soonest.route.level), qualifiesOn: formatChineseDate(soonest.qualifiesOn!), later, end: ext.disciplinaryEnd ? formatChineseDate(ext.disciplinaryEnd) : '' };
  const template = soonest.byPunishment ? t.failPunishment : soonest.route.titleHeld ? t.failTitle : t.fail;
  const sources = soonest.byPunishment ? [m.extensions.disciplinary.source, soonest.route.source] : [soonest.route.source, m.countingSource];
  // The level reachable meanwhile is the verdict's `reachableLevel`, told by the renderers.
  addCheck(ctx, 'level', 'fail', fill(template, v), sources[0]!, ...sources.slice(1));
  return { level: null, qualifiesOn: soonest.qualifiesOn, reachable };
}

/** "助理级（助理工程师）" where the series names its titles. */
export function titleName(ctx: EvalContext, level: string): string {
  const name = ctx.series?.titles?.[level as TitleLevel];
  return name ? `${level}（${name}）` : level;
}

function warnAlreadyHeld(ctx: EvalContext, level: TitleLevel): void {
  const held = ctx.profile.currentTitle?.level;
  const levels = ctx.policy.method.levels;
  if (held && levels.indexOf(held) >= levels.indexOf(level)) {
    addCheck(ctx, 'level_held', 'warn', fill(ctx.texts.level.alreadyHeld, { titleLevel: held, level }), ctx.policy.method.levelSource);
  }
}

/** The first batch still ahead whose cut-off is on or after `day`, as a sentence. */
function laterBatchText(ctx: EvalContext, day: string, audience: 'general' | 'education'): string {
  const b = batchesFor(ctx.policy, audience).find((x) => x.cutoff >= day && x.closes >= ctx.now);
  if (!b) return ctx.texts.level.laterUnknown;
  return fill(ctx.texts.level.laterBatch, { batchName: b.name, opens: formatChineseDate(b.opens), closes: formatChineseDate(b.closes) });
}

