/**
 * The verdict as the applicant reads it on a phone: the answer in the first line (可以申报 /
 * 暂不能申报 / 不能申报 / 需确认, the level, the batch with its last day and the days left), then only
 * the deciding reasons with a short citation, one line for the rest ("理由" shows them), the next
 * step; then the offer to subscribe. When every window has closed it says so first.
 */
import type { Reply } from '../messages/message.js';
import type { Profile } from '../eligibility/profile.js';
import type { Check, Verdict } from '../eligibility/verdict.js';
import { formatChineseDate } from '../policy/dates.js';
import { latestNotice, type Policy, type PolicyBatch } from '../policy/load.js';
import type { Notice, Source } from '../policy/schema.js';
import type { Dialogs } from './load.js';
import { fill } from './text.js';
import type { VerdictTexts } from './verdict-schema.js';

/** What rendering needs. */
export interface VerdictDeps {
  policy: Policy;
  dialogs: Dialogs;
}

/** The batch the verdict names, or (notice lapsed) the last one that closed. */
export function verdictBatch(v: Verdict, policy: Policy): PolicyBatch | undefined {
  return policy.batches.find((b) => b.id === v.batch) ?? policy.batches.find((b) => b.name === v.window?.name && b.closes === v.window.closes);
}

/** The notice the verdict rests on (its system address, office and year). */
export function verdictNotice(v: Verdict, policy: Policy): Notice {
  return verdictBatch(v, policy)?.notice ?? latestNotice(policy);
}

/** True when no window is open or to come: `batch` is null (docs/contract.md). */
export function isLapsed(v: Verdict): boolean {
  return v.batch === null;
}

/** "28号文 三（六）": the document by its number, as people say it on the phone. */
export function shortCite(s: Source, t: VerdictTexts): string {
  const m = /〔\d{4}〕(\d+)号$/.exec(s.doc);
  const doc = m ? fill(t.shortDoc, { number: m[1] }) : s.doc;
  return fill(t.citeItem, { doc, clause: s.clause });
}

/** "（助理工程师）" where the series names its titles. */
function titleOf(v: Verdict, profile: Profile, policy: Policy, level: string, t: VerdictTexts): string {
  const entry = policy.series.series.find((s) => s.name === (v.series ?? profile.series));
  const name = entry?.titles?.[level as keyof NonNullable<typeof entry.titles>];
  return name ? fill(t.title, { name }) : '';
}

/** Checks with the same status and the same primary clause, told as one line. */
export function mergeByClause(checks: Check[]): Check[] {
  const out: Check[] = [];
  for (const c of checks) {
    const same = out.find((o) => o.status === c.status && o.source.doc === c.source.doc && o.source.clause === c.source.clause);
    if (!same) {
      out.push({ ...c, ...(c.sources ? { sources: [...c.sources] } : {}) });
      continue;
    }
    same.message = `${same.message.replace(/[。.]$/, '')}；${c.message}`;
    const extra = (c.sources ?? []).filter((s) => !(same.sources ?? [same.source]).some((x) => x.doc === s.doc && x.clause === s.clause));
    if (extra.length) same.sources = [...(same.sources ?? [same.source]), ...extra];
  }
  return out;
}

/** The checks told in the short verdict: what decided it. */
function deciding(v: Verdict, hide: string[]): Check[] {
  const shown = v.checks.filter((c) => !hide.includes(c.rule));
  if (v.outcome === 'eligible') return shown.filter((c) => (c.rule === 'level' && c.status === 'pass') || c.status === 'warn');
  if (v.outcome === 'ineligible') return shown.filter((c) => c.status === 'fail');
  if (v.outcome === 'needs_review') return shown.filter((c) => c.status === 'review');
  return [];
}

/** "2024年第一批，2024年5月30日截止，还剩24天。" (an open or coming window). */
function windowText(v: Verdict, t: VerdictTexts): string {
  const w = v.window;
  const key = w.state === 'open' ? (w.daysLeft === 0 ? 'lastDay' : 'open') : 'upcoming';
  return fill(t.window[key], { batchName: w.name, opens: formatChineseDate(w.opens), closes: formatChineseDate(w.closes), daysLeft: w.daysLeft, daysUntilOpen: w.daysUntilOpen });
}

/** The first line: the answer. */
function headline(v: Verdict, profile: Profile, deps: VerdictDeps): string {
  const t = deps.dialogs.verdict;
  const year = verdictNotice(v, deps.policy).issued.slice(0, 4);
  if (isLapsed(v) && v.outcome !== 'incomplete') return fill(v.outcome === 'ineligible' && !v.qualifiesOn ? t.headline.lapsedIneligible : t.headline.lapsed, { year });
  switch (v.outcome) {
    case 'eligible': {
      const window = windowText(v, t);
      if (!v.level) return fill(t.headline.eligibleNoLevel, { window });
      return fill(t.headline.eligible, { level: v.level, title: titleOf(v, profile, deps.policy, v.level, t), window });
    }
    case 'ineligible': {
      // The level asked for, when only it (or the years) stands in the way.
      const target = profile.targetLevel && v.reachableLevel !== undefined ? profile.targetLevel + titleOf(v, profile, deps.policy, profile.targetLevel, t) : '';
      if (v.qualifiesOn) return fill(t.headline.waiting, { level: target, qualifiesOn: formatChineseDate(v.qualifiesOn) });
      return target ? fill(t.headline.ineligibleLevel, { level: target }) : t.headline.ineligible;
    }
    case 'needs_review':
      return v.obtain?.length ? fill(t.headline.obtain, { obtain: v.obtain.join(t.listJoin) }) : t.headline.needs_review;
    case 'incomplete':
      return fill(t.headline.incomplete, { missing: v.missing.map((m) => t.fieldNames[m] ?? m).join(t.listJoin) });
  }
}

/** The line after the headline, if any: today's basis (lapsed) or the level once settled. */
function secondLine(v: Verdict, profile: Profile, deps: VerdictDeps): string | undefined {
  const t = deps.dialogs.verdict;
  const today = formatChineseDate(v.cutoffDate);
  if (v.outcome === 'needs_review' && v.reachableLevel) {
    const condition = v.obtain?.length ? t.settledObtain : t.settledConfirm;
    const values = { condition, level: v.reachableLevel, title: titleOf(v, profile, deps.policy, v.reachableLevel, t) };
    return isLapsed(v) ? `${fill(t.lapsedBasis, { today })}${fill(t.settledLevelLapsed, values)}` : fill(t.settledLevel, { ...values, window: windowText(v, t) });
  }
  if (v.outcome === 'ineligible' && v.reachableLevel) {
    return fill(isLapsed(v) ? t.reachableLapsed : t.reachable, { level: v.reachableLevel, title: titleOf(v, profile, deps.policy, v.reachableLevel, t) });
  }
  if (isLapsed(v) && (v.outcome === 'eligible' || v.qualifiesOn)) return fill(t.lapsedBasis, { today });
  return undefined;
}

/** "其余 N 项条件都符合，发送“理由”查看". */
function restLine(v: Verdict, told: Check[], t: VerdictTexts): string {
  const rest = mergeByClause(v.checks.filter((c) => !t.hideRules.includes(c.rule) && !told.includes(c)));
  const count = rest.filter((c) => c.status === 'pass').length;
  const notes = rest.length - count;
  if (!count) return t.restNone;
  return notes ? fill(t.restWithNotes, { count, notes }) : fill(t.rest, { count });
}

/** The next step for this outcome. */
function nextLine(v: Verdict, deps: VerdictDeps): string {
  const t = deps.dialogs.verdict;
  const notice = verdictNotice(v, deps.policy);
  const vars = { system: notice.system.name, url: notice.system.url, office: notice.office.name };
  if (v.outcome === 'ineligible' && !v.qualifiesOn) return fill(t.next.ineligible, vars);
  if (isLapsed(v) && v.outcome !== 'incomplete') return fill(t.next.lapsed, vars);
  if (v.outcome === 'ineligible') return fill(t.next.waiting, vars);
  if (v.outcome === 'needs_review' && v.obtain?.length) return fill(t.next.obtain, vars);
  return fill(t.next[v.outcome], vars);
}

/** The short verdict text (one message). */
export function verdictText(v: Verdict, profile: Profile, deps: VerdictDeps): string {
  const t = deps.dialogs.verdict;
  const lines = [headline(v, profile, deps)];
  const second = secondLine(v, profile, deps);
  if (second) lines.push(second);
  const told = deciding(v, t.hideRules);
  for (const c of mergeByClause(told)) lines.push(fill(t.reason, { message: c.message.replace(/[。.]$/, ''), cite: shortCite(c.source, t) }));
  if (v.outcome !== 'incomplete') lines.push(restLine(v, told, t));
  lines.push(nextLine(v, deps));
  lines.push(t.disclaimer);
  return lines.join('\n');
}

/** Render a verdict into replies: the short verdict, then the offer to subscribe. */
export function renderVerdict(v: Verdict, profile: Profile, deps: VerdictDeps): Reply[] {
  const t = deps.dialogs.verdict;
  return [
    { text: verdictText(v, profile, deps) },
    { text: isLapsed(v) ? t.subscribeLapsed : t.subscribe, choices: [{ label: t.subscribeYes, value: t.subscribeYes }, { label: t.subscribeNo, value: t.subscribeNo }] },
  ];
}
