/**
 * Filling answer templates from the policy data and the day of the question, so that dates,
 * windows, the system address and the office name are written once, in rules/.
 */
import type { Policy, PolicyBatch } from '../policy/load.js';
import type { Notice } from '../policy/schema.js';
import { daysBetween, formatChineseDate } from '../policy/dates.js';
import { windowStatus, type Audience } from '../policy/windows.js';
import type { AskTexts } from './schema.js';

import { fill } from '../template.js';

/** The one `{name}` filler (src/template.ts), and placeholders removed for indexing. */
export { fill, stripPlaceholders } from '../template.js';

const d = formatChineseDate;

/** The notice whose windows matter on `now`: the one holding the open, next or last batch. */
export function currentNotice(policy: Policy, now: string): Notice {
  return windowStatus(policy, now, 'general').relevant.notice;
}

/** One batch seen from `now` ({b1.status} …). */
function batchStatus(b: PolicyBatch, now: string, t: AskTexts): string {
  const vars = { now: d(now), closes: d(b.closes), daysLeft: daysBetween(now, b.closes), daysUntil: daysBetween(now, b.opens) };
  if (now < b.opens) return fill(t.batch.upcoming, vars);
  if (now > b.closes) return fill(t.batch.closed, vars);
  return fill(now === b.closes ? t.batch.lastDay : t.batch.open, vars);
}

/** Where `now` stands for `audience` ({status}). */
function status(policy: Policy, now: string, audience: Audience, notice: Notice, office: string, t: AskTexts): string {
  const ws = windowStatus(policy, now, audience);
  const prefix = audience === 'education' ? t.status.educationPrefix : '';
  if (ws.open) {
    const b = ws.open;
    const vars = { name: b.name, opens: d(b.opens), closes: d(b.closes), now: d(now), daysLeft: ws.daysLeft ?? 0 };
    return prefix + fill(ws.daysLeft === 0 ? t.status.lastDay : t.status.open, vars);
  }
  if (ws.next) {
    const b = ws.next;
    const before = ws.previous ? fill(t.status.upcomingAfterPrevious, { prevName: ws.previous.name, prevCloses: d(ws.previous.closes) }) : '';
    return prefix + before + fill(t.status.upcoming, { name: b.name, opens: d(b.opens), closes: d(b.closes), now: d(now), daysUntil: ws.daysUntilNext ?? 0 });
  }
  const last = ws.relevant;
  return prefix + fill(t.status.over, { year: notice.issued.slice(0, 4), name: last.name, closes: d(last.closes), office });
}

/** What comes after `now` for `audience` ({next}). */
function next(policy: Policy, now: string, audience: Audience, notice: Notice, office: string, t: AskTexts): string {
  const ws = windowStatus(policy, now, audience);
  const prefix = audience === 'education' ? t.status.educationPrefix : '';
  const year = notice.issued.slice(0, 4);
  if (ws.open) {
    const after = policy.batches.filter((b) => b.audiences.includes(audience) && b.opens > ws.open!.closes)[0];
    const base = { openName: ws.open.name, openCloses: d(ws.open.closes), year };
    if (!after) return prefix + fill(t.next.lastOfYear, base);
    return prefix + fill(t.next.whileOpen, { ...base, name: after.name, opens: d(after.opens), closes: d(after.closes) });
  }
  if (ws.next) {
    return prefix + fill(t.next.upcoming, { name: ws.next.name, opens: d(ws.next.opens), closes: d(ws.next.closes), daysUntil: ws.daysUntilNext ?? 0 });
  }
  return prefix + fill(t.next.over, { year, office });
}

/** Every placeholder value for a question asked on `now` by `audience`. */
export function answerVars(policy: Policy, now: string, audience: Audience, t: AskTexts): Record<string, string | number> {
  const notice = currentNotice(policy, now);
  const office = notice.office.name;
  const batches = policy.batches.filter((b) => b.notice === notice);
  const vars: Record<string, string | number> = {
    doc: notice.doc,
    title: notice.title,
    issuer: notice.issuer,
    issued: d(notice.issued),
    year: notice.issued.slice(0, 4),
    methodDoc: policy.method.doc,
    methodTitle: policy.method.title,
    system: notice.system.name,
    url: notice.system.url,
    office,
    employerDeadline: d(notice.employerDeadline.date),
    batchCount: batches.length,
    schedule: batches.map((b) => fill(t.scheduleItem, { name: b.name, opens: d(b.opens), closes: d(b.closes) })).join(t.scheduleSeparator),
    status: status(policy, now, audience, notice, office, t),
    next: next(policy, now, audience, notice, office, t),
    now: d(now),
  };
  // Every window of the notices has closed: answers that give the notice's dates say so first
  // ({lapsedNote}, a line of its own), and an answer that already opens with {status} does not
  // repeat it in {nextAfterStatus}.
  const lapsed = windowStatus(policy, now, audience).state === 'over';
  vars.lapsedNote = lapsed ? `${vars.status}\n` : '';
  vars.nextAfterStatus = lapsed ? '' : vars.next!;
  const put = (prefix: string, b: PolicyBatch) => {
    vars[`${prefix}.name`] = b.name;
    vars[`${prefix}.opens`] = d(b.opens);
    vars[`${prefix}.closes`] = d(b.closes);
    vars[`${prefix}.cutoff`] = d(b.cutoff);
    vars[`${prefix}.status`] = batchStatus(b, now, t);
  };
  batches.forEach((b, i) => {
    put(`b${i + 1}`, b);
  });
  const edu = batches.find((b) => b.audiences.includes('education'));
  if (edu) put('edu', edu);
  return vars;
}
