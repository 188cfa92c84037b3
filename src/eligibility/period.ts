/** Counting periods for the 第五条 routes, with the 第六条 extensions, to a batch's cut-off. */
import { addMonthsToDay, fullMonthsBetween } from '../policy/dates.js';
import type { Method, Route } from '../policy/schema.js';
import type { Profile } from './profile.js';

/** How a period is written, from dialogs/checks.yaml `units`. */
export interface PeriodUnits {
  yearsMonths: string;
  years: string;
  months: string;
}

/** "1年", "3个月", "1年6个月" (wording from `units`). */
export function monthsText(months: number, units: PeriodUnits): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const template = years && rest ? units.yearsMonths : years ? units.years : units.months;
  return template.replace('{years}', String(years)).replace('{months}', String(rest));
}

/** Extra months from annual reviews and punishments (第六条), with the parts for the messages. */
export interface Extension {
  months: number;
  basic: number;
  unsatisfactory: number;
  /** A punishment: the period must also run one year past its end. */
  disciplinaryEnd?: string;
}

/** The 第六条 extension for this profile. */
export function extensionFor(profile: Profile, method: Method): Extension {
  const basic = profile.annualReviews?.基本称职 ?? 0;
  const unsatisfactory = profile.annualReviews?.不称职 ?? 0;
  const e = method.extensions;
  const months = basic * e.basicallySatisfactory.months + unsatisfactory * e.unsatisfactory.months;
  return { months, basic, unsatisfactory, disciplinaryEnd: profile.disciplinaryEndDate };
}

/** How one route stands for this profile on the cut-off. */
export interface RouteResult {
  route: Route;
  /** Route not usable at all (no title held, no degree). */
  blocked?: 'noTitle' | 'noDegree';
  met: boolean;
  /** First day the route's requirement is met. */
  qualifiesOn?: string;
  requiredMonths: number;
  haveMonths: number;
  /** The punishment rule decides the date. */
  byPunishment?: boolean;
}

/** The later of graduation and the start of technical work: where work years are counted from. */
export function countingStart(profile: Profile): string | undefined {
  const { graduationDate: g, technicalWorkStart: w } = profile;
  if (!g || !w) return undefined;
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compared as text; Math.max would give NaN
  return g > w ? g : w;
}

/** Evaluate one route on `cutoff`. */
export function evaluateRoute(route: Route, profile: Profile, method: Method, cutoff: string, ext: Extension): RouteResult {
  if (route.requiresDegree && profile.hasDegree === false) {
    return { route, blocked: 'noDegree', met: false, requiredMonths: 0, haveMonths: 0 };
  }
  let from: string | undefined;
  let base: number;
  if (route.titleHeld) {
    const t = profile.currentTitle;
    const rank = (l: string) => method.levels.indexOf(l as never);
    if (!t || rank(t.level) < rank(route.titleHeld.level)) {
      return { route, blocked: 'noTitle', met: false, requiredMonths: route.titleHeld.months + ext.months, haveMonths: 0 };
    }
    from = t.since;
    base = route.titleHeld.months;
  } else {
    from = countingStart(profile);
    base = route.workMonths ?? 0;
  }
  const requiredMonths = base + ext.months;
  if (!from) return { route, met: false, requiredMonths, haveMonths: 0 };
  let qualifiesOn = addMonthsToDay(from, requiredMonths);
  let byPunishment = false;
  if (ext.disciplinaryEnd) {
    const afterPunishment = addMonthsToDay(ext.disciplinaryEnd, method.extensions.disciplinary.months);
    if (afterPunishment > qualifiesOn) {
      qualifiesOn = afterPunishment;
      byPunishment = true;
    }
  }
  return { route, met: qualifiesOn <= cutoff, qualifiesOn, requiredMonths, haveMonths: fullMonthsBetween(from, cutoff), byPunishment };
}
