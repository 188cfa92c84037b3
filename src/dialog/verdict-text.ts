/**
 * The verdict as the applicant reads it: outcome and level in one sentence, each deciding reason
 * with its clause, the window with days left, the date they will qualify, the materials and the
 * next steps in the online system; then the offer to subscribe to reminders.
 */
import type { Reply } from '../bot/message.js';
import type { Profile } from '../eligibility/profile.js';
import type { Check, Verdict } from '../eligibility/verdict.js';
import { formatChineseDate } from '../policy/dates.js';
import { latestNotice, type Policy } from '../policy/load.js';
import type { Dialogs } from './load.js';
import { fill } from './text.js';

/** The notice the verdict's batch belongs to (for the system url and the office). */
function noticeFor(policy: Policy, batchId: string) {
  return policy.batches.find((x) => x.id === batchId)?.notice ?? latestNotice(policy);
}

/** Which checks are told as reasons: the passes for an eligible verdict, the problems otherwise. */
function reasons(v: Verdict, hide: string[]): Check[] {
  const shown = v.checks.filter((c) => !hide.includes(c.rule));
  if (v.outcome === 'eligible') return shown.filter((c) => c.status === 'pass' || c.status === 'warn');
  const problems = shown.filter((c) => c.status === 'fail' || c.status === 'review');
  return [...problems, ...shown.filter((c) => c.status === 'warn')];
}

/** Render a verdict into replies (texts from dialogs/verdict.yaml). */
export function renderVerdict(v: Verdict, profile: Profile, deps: { policy: Policy; dialogs: Dialogs }): Reply[] {
  const t = deps.dialogs.verdict;
  const { policy } = deps;
  const notice = noticeFor(policy, v.batch);
  const batch = policy.batches.find((b) => b.id === v.batch);
  const batchName = v.window?.name ?? batch?.name ?? v.batch;
  const entry = policy.series.series.find((s) => s.name === (v.series ?? profile.series));
  const lines: string[] = [];

  if (v.outcome === 'eligible') {
    const titleName = v.level ? entry?.titles?.[v.level] : undefined;
    lines.push(v.level ? fill(t.headline.eligible, { level: v.level, title: titleName ? fill(t.title, { name: titleName }) : '', batchName }) : fill(t.headline.eligibleNoLevel, { batchName }));
  } else if (v.outcome === 'ineligible' && v.qualifiesOn && !v.checks.some((c) => c.status === 'fail' && c.rule !== 'level')) {
    lines.push(fill(t.headline.waiting, { qualifiesOn: formatChineseDate(v.qualifiesOn) }));
  } else if (v.outcome === 'incomplete') {
    lines.push(fill(t.headline.incomplete, { missing: v.missing.map((m) => t.fieldNames[m] ?? m).join(t.listJoin) }));
  } else {
    lines.push(t.headline[v.outcome]);
  }
  if (v.outcome !== 'eligible' && v.reachableLevel) lines.push(fill(t.reachable, { level: v.reachableLevel }));

  const rs = reasons(v, t.hideRules);
  if (rs.length) {
    lines.push(t.reasonsHeader);
    for (const c of rs) lines.push(fill(t.reason, { message: c.message.replace(/[。.]$/, ''), doc: c.source.doc, clause: c.source.clause }));
  }

  if (v.window) {
    const w = v.window;
    const key = w.state === 'open' ? (w.daysLeft === 0 ? 'lastDay' : 'open') : w.state === 'upcoming' ? 'upcoming' : 'over';
    lines.push(fill(t.window[key], { batchName: w.name, opens: formatChineseDate(w.opens), closes: formatChineseDate(w.closes), daysLeft: w.daysLeft, daysUntilOpen: w.daysUntilOpen, doc: w.source.doc, clause: w.source.clause }));
  }
  if (v.qualifiesOn) lines.push(fill(t.qualifiesOn, { date: formatChineseDate(v.qualifiesOn) }));

  if (v.materials.length && v.outcome !== 'incomplete') {
    lines.push(t.materialsHeader);
    for (const m of v.materials) lines.push(fill(t.material, { text: m }));
  }
  if (v.outcome === 'eligible' || v.outcome === 'needs_review' || v.qualifiesOn) {
    lines.push(fill(t.nextSteps, { system: notice.system.name, url: notice.system.url, doc: notice.system.source.doc, clause: notice.system.source.clause }));
  }
  lines.push(fill(t.contact, { office: notice.office.name }));
  lines.push(t.disclaimer);
  return [
    { text: lines.join('\n') },
    { text: t.subscribe, choices: [{ label: t.subscribeYes, value: t.subscribeYes }, { label: t.subscribeNo, value: t.subscribeNo }] },
  ];
}
