/**
 * The verdict when the applicant answered "不知道": every unknown fact with plausible alternatives
 * is judged both ways by the same `evaluate`; when the outcomes differ, the verdict says what it
 * turns on ("取决于…：若…，…；若…，…。请向单位人事确认。") and the rest is told for the favourable
 * case. Unknown facts without alternatives that leave the verdict incomplete are named with whom
 * to ask. Facts whose answer does not change the outcome are not mentioned.
 */
import type { Reply } from '../messages/message.js';
import type { Profile } from '../eligibility/profile.js';
import type { Verdict } from '../eligibility/verdict.js';
import { formatChineseDate } from '../policy/dates.js';
import type { DialogDeps } from './engine.js';
import type { Alternative, Step } from './schema.js';
import { applicableSteps, isUnknown, requiredCertificate, type DialogState } from './state.js';
import { fill } from './text.js';
import { renderVerdict, shortCite } from './verdict-text.js';

/** The judged verdict and the replies telling it. */
export interface Judged {
  verdict: Verdict;
  profile: Profile;
  replies: Reply[];
}

function clone(st: DialogState): DialogState {
  return JSON.parse(JSON.stringify(st)) as DialogState;
}

/** `st` with the unknown step answered as in `alt` (and its follow-ups, when the case names them). */
function assume(st: DialogState, step: Step, alt: Alternative): DialogState {
  const s = clone(st);
  s.answers[step.id] = alt.value;
  s.unknown = s.unknown?.filter((x) => x !== step.id);
  for (const [id, v] of Object.entries(alt.also ?? {})) s.answers[id] = v;
  return s;
}

/** One line for an outcome, as short as a case in a condition allows. */
function outcomeText(v: Verdict, deps: DialogDeps): string {
  const t = deps.dialogs.interview.texts;
  // The first clause of a check's message is enough inside a condition (the details follow below).
  const strip = (m: string) => m.split(/[；;。]/)[0]!.replace(/[，,]$/, '');
  if (v.outcome === 'eligible') {
    const entry = deps.policy.series.series.find((s) => s.name === v.series);
    const name = v.level ? entry?.titles?.[v.level] : undefined;
    return v.level ? fill(t.caseEligible, { level: v.level, title: name ? `（${name}）` : '' }) : t.caseEligibleNoLevel;
  }
  if (v.outcome === 'ineligible') {
    const fail = v.checks.find((c) => c.status === 'fail' && c.rule !== 'level');
    if (!fail && v.qualifiesOn) return fill(t.caseWaiting, { date: formatChineseDate(v.qualifiesOn) });
    const c = fail ?? v.checks.find((x) => x.status === 'fail')!;
    return fill(t.caseIneligible, { message: strip(c.message), cite: shortCite(c.source, deps.dialogs.verdict) });
  }
  if (v.outcome === 'needs_review') {
    const c = v.checks.find((x) => x.status === 'review');
    return fill(t.caseReview, { message: c ? strip(c.message) : '' });
  }
  return fill(t.caseIncomplete, { missing: v.missing.map((m) => deps.dialogs.verdict.fieldNames[m] ?? m).join(t.orJoin) });
}

/** True when the field a step fills is among the verdict's missing fields. */
function leftMissing(step: Step, v: Verdict): boolean {
  const f = step.field;
  return f !== undefined && v.missing.some((m) => m === f || f.startsWith(`${m}.`) || m.startsWith(`${f}.`));
}

/**
 * Judge the interview's answers. `profileOf` builds the profile of a state (with the ID number if
 * one was given); `idNote` is added at the end of the verdict text.
 */
export function judgeAnswers(st: DialogState, deps: DialogDeps, profileOf: (s: DialogState) => Profile, idNote?: string): Judged {
  const iv = deps.dialogs.interview;
  const t = iv.texts;
  const unknownSteps = applicableSteps(iv, st, deps.policy).filter((s) => isUnknown(st, s.id));
  const withAlternatives = unknownSteps.filter((s) => s.unknown?.alternatives);
  // The favourable case: every unknown fact at its first (favourable) alternative.
  let favourable = st;
  for (const s of withAlternatives) favourable = assume(favourable, s, s.unknown!.alternatives![0]!);
  const judge = (s: DialogState) => {
    const profile = profileOf(s);
    return { profile, verdict: deps.evaluate(profile, deps.policy, deps.now) };
  };
  const base = judge(favourable);
  const vars = { certificate: requiredCertificate(deps.policy, st.answers.series, st.answers.specialty) };

  const conditionLines: string[] = [];
  const basis: string[] = [];
  for (const s of withAlternatives) {
    const alts = s.unknown!.alternatives!;
    // Vary this fact alone; the other unknown facts stay favourable.
    const groups = new Map<string, string[]>();
    for (const alt of alts) {
      const out = outcomeText(judge(assume(favourable, s, alt)).verdict, deps);
      groups.set(out, [...(groups.get(out) ?? []), fill(alt.label, vars)]);
    }
    if (groups.size < 2) continue;
    const cases = [...groups].map(([outcome, labels]) => fill(t.conditionalCase, { case: labels.join(t.orJoin), outcome }));
    conditionLines.push(fill(t.conditionalLine, { label: s.label, cases: cases.join(t.conditionalCaseJoin), whom: s.unknown?.whom ?? t.defaultWhom }));
    basis.push(fill(alts[0]!.label, vars));
  }
  const missingUnknown = unknownSteps.filter((s) => !s.unknown?.alternatives && leftMissing(s, base.verdict));
  const missingLine = missingUnknown.length
    ? fill(t.unknownMissing, { items: missingUnknown.map((s) => `${s.label}（${s.unknown?.whom ?? t.defaultWhom}）`).join(t.listJoin) })
    : undefined;

  const { idNumber: _dropped, ...kept } = base.profile;
  const replies = renderVerdict(base.verdict, kept, deps);
  const first = replies[0]!;
  let lines = first.text.split('\n');
  // The favourable case's headline keeps its batch and window, without the mark that would contradict the ⚠️.
  if (conditionLines.length) lines = [t.conditionalHeader, ...conditionLines, fill(t.conditionalBasis, { cases: basis.join('、') }), lines[0]!.replace(/^\S+\s*/u, '→ '), ...lines.slice(1)];
  if (missingLine) lines.splice(conditionLines.length ? conditionLines.length + 2 : 1, 0, missingLine);
  if (idNote) lines.push(idNote);
  replies[0] = { ...first, text: lines.join('\n') };
  return { verdict: base.verdict, profile: kept, replies };
}
