/**
 * The interview state stored per user, the conditions that decide which steps apply, and the
 * profile built from the answers. Pure.
 */
import { profileSchema, type Profile } from '../eligibility/profile.js';
import type { Policy } from '../policy/load.js';
import type { Condition, Interview, Step } from './schema.js';

/** One stored answer; `null` means "answered, but no value" (e.g. 不确定). */
export type AnswerValue = string | number | boolean | null;

/** Where the interview stands. */
export type Phase = 'asking' | 'confirm' | 'pickEdit' | 'idNumber' | 'done' | 'stopped';

/** Kept when a verdict is given, so "理由"/"材料" rebuild it: the ID number's check result, never the number. */
export interface Judged {
  id?: 'ok' | 'lowercase' | 'invalid';
}

/** The interview state of one user (JSON-safe, stored in the session). Never holds an ID number. */
export interface DialogState {
  v: 1;
  phase: Phase;
  /** The step being asked (phase `asking`). */
  current?: string;
  /** Step id → answer. Answers of steps that no longer apply are kept but ignored. */
  answers: Record<string, AnswerValue>;
  /** Step id → the answer as shown back to the user. */
  shown: Record<string, string>;
  /** Consecutive unreadable answers to the current question. */
  failures: number;
  /** The series step: the user picked "other" and is typing a name. */
  awaitingOther?: boolean;
  /** Steps answered "不知道" (their answer is `null`): judged as conditions, never as a value. */
  unknown?: string[];
  /** Steps answered by inference (not asked); re-inferred when their source answer changes. */
  inferred?: string[];
  /** 退出 paused the interview: the answers are kept until 继续 or 删除我的数据. */
  paused?: boolean;
  /** The step whose "不知道" got its hint once already (the next one is kept). */
  unknownHinted?: string;
  /** A date step answered with a year only: the month is asked next. */
  pendingYear?: number;
  /** The ID number failed its check once (the number itself is never stored). */
  idRetried?: boolean;
  /** Set with the verdict (phase `done`). */
  judged?: Judged;
}

/** A fresh interview. */
export function newState(): DialogState {
  return { v: 1, phase: 'asking', answers: {}, shown: {}, failures: 0 };
}

/** True when `s` looks like a stored DialogState (old or foreign data is ignored). */
export function isDialogState(s: unknown): s is DialogState {
  return typeof s === 'object' && s !== null && (s as DialogState).v === 1 && typeof (s as DialogState).answers === 'object';
}

/** The certificate a series (and specialty) needs before recognition (notice 三（五）), if any. */
export function requiredCertificate(policy: Policy, series: unknown, specialty: unknown): string | undefined {
  const entry = policy.series.series.find((s) => s.name === series);
  if (!entry) return undefined;
  const spec = typeof specialty === 'string' ? specialty : '';
  const bySpecialty = entry.specialtyCertificates?.find((c) => c.keywords.some((k) => spec.includes(k)));
  return bySpecialty?.certificate.name ?? entry.certificate?.name;
}

/** Evaluate a `when` condition on the answers so far; unanswered steps make `in`/`equals` false. */
export function holds(c: Condition | undefined, st: DialogState, policy: Policy): boolean {
  if (!c) return true;
  if ('all' in c) return c.all.every((x) => holds(x, st, policy));
  if ('any' in c) return c.any.some((x) => holds(x, st, policy));
  if ('not' in c) return !holds(c.not, st, policy);
  if ('predicate' in c) return requiredCertificate(policy, st.answers.series, st.answers.specialty) !== undefined;
  // "不知道" is no answer for a condition: it neither matches a value nor counts as answered.
  const has = Object.hasOwn(st.answers, c.step) && !isUnknown(st, c.step);
  const v = st.answers[c.step];
  if (c.answered !== undefined && has !== c.answered) return false;
  if (c.in && !(has && typeof v === 'string' && c.in.includes(v))) return false;
  if (c.equals !== undefined && !(has && v === c.equals)) return false;
  return true;
}

/** Steps that apply given the answers so far, in interview order. */
export function applicableSteps(iv: Interview, st: DialogState, policy: Policy): Step[] {
  return iv.steps.filter((s) => holds(s.when, st, policy));
}

/** True when the step was answered "不知道". */
export function isUnknown(st: DialogState, id: string): boolean {
  return st.unknown?.includes(id) === true;
}

/** Record a known answer (it replaces an earlier "不知道" or inference). */
export function setAnswer(st: DialogState, id: string, value: AnswerValue, shown: string): void {
  st.answers[id] = value;
  st.shown[id] = shown;
  st.unknown = st.unknown?.filter((x) => x !== id);
  st.inferred = st.inferred?.filter((x) => x !== id);
  if (st.unknown?.length === 0) delete st.unknown;
  if (st.inferred?.length === 0) delete st.inferred;
}

/** Record "不知道": answered, with no value. */
export function setUnknown(st: DialogState, id: string, shown: string): void {
  setAnswer(st, id, null, shown);
  st.unknown = [...(st.unknown ?? []), id];
}

/** Number of answered steps (for 退出 and the welcome back). */
export function answerCount(st: DialogState): number {
  return Object.keys(st.answers).length;
}

/** True when the step has an answer. */
export function answered(st: DialogState, id: string): boolean {
  return Object.hasOwn(st.answers, id);
}

/** The first step that applies and has no answer yet, or undefined when the interview is complete. */
export function nextStep(iv: Interview, st: DialogState, policy: Policy): Step | undefined {
  return applicableSteps(iv, st, policy).find((s) => !answered(st, s.id));
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

/** The profile value a step's answer stands for (undefined: leave the field unset). */
function profileValue(step: Step, st: DialogState, policy: Policy): unknown {
  const v = st.answers[step.id];
  if (v === null || v === undefined) return undefined;
  if (step.type !== 'yesno') return v;
  if (step.field === 'certificates') return v ? [requiredCertificate(policy, st.answers.series, st.answers.specialty)] : [];
  if (step.yesValue !== undefined) return v ? step.yesValue : undefined;
  if (step.yesFrom !== undefined) return v ? (st.answers[step.yesFrom] ?? undefined) : undefined;
  return v;
}

/** The applicant profile from the applicable answers; incomplete parts are left out, never guessed. */
export function buildProfile(iv: Interview, st: DialogState, policy: Policy, extra: Partial<Profile> = {}): Profile {
  const raw: Record<string, unknown> = {};
  for (const step of applicableSteps(iv, st, policy)) {
    if (!step.field || !answered(st, step.id)) continue;
    const value = profileValue(step, st, policy);
    if (value !== undefined) setPath(raw, step.field, value);
  }
  Object.assign(raw, extra);
  // Drop what does not validate yet (e.g. a title level without its date) rather than fail.
  for (let i = 0; i < 10; i++) {
    const r = profileSchema.safeParse(raw);
    if (r.success) return r.data;
    const key = String(r.error.issues[0]?.path[0] ?? '');
    if (!key || !(key in raw)) break;
    delete raw[key];
  }
  return {};
}
