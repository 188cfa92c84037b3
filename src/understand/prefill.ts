/**
 * Facts → answers of the interview (dialogs/interview.yaml step ids), so the self-test that
 * follows a described situation asks only what is left. Only facts worth not asking again go in:
 * an employer type that was merely assumed, or a year without its month, is asked.
 */
import type { Policy } from '../policy/load.js';
import type { Fact } from './facts.js';

/** One prefilled answer: the stored value and the text shown back to the user. */
export interface PrefillAnswer {
  value: string | number | boolean | null;
  shown: string;
}

/** Step id → prefilled answer. */
export type Prefill = Record<string, PrefillAnswer>;

const YES = '是';
const NO = '否';

function shownDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月`;
}

/** The interview answers the facts give. */
export function prefillFromFacts(facts: readonly Fact[], policy: Policy): Prefill {
  const out: Prefill = {};
  const get = (field: Fact['field']) => facts.find((f) => f.field === field);
  const exact = (f: Fact | undefined) => f && !(f.range && f.range[0] !== f.range[1]);
  const series = get('series');
  if (series) out.series = { value: String(series.value), shown: String(series.value) };
  const edu = get('education');
  if (edu) out.education = { value: String(edu.value), shown: String(edu.value) };
  const target = get('targetLevel');
  if (target) out.targetLevel = { value: String(target.value), shown: String(target.value) };
  for (const [field, step] of [['graduationDate', 'graduationDate'], ['technicalWorkStart', 'technicalWorkStart']] as const) {
    const f = get(field);
    if (exact(f) && typeof f!.value === 'string') out[step] = { value: f!.value, shown: shownDate(f!.value) };
  }
  const held = get('currentTitle.level');
  if (held) out.holdsJuniorTitle = held.value === '员级' ? { value: true, shown: YES } : { value: false, shown: NO };
  const since = get('currentTitle.since');
  if (held?.value === '员级' && exact(since) && typeof since!.value === 'string') out.juniorTitleSince = { value: since!.value, shown: shownDate(since!.value) };
  const type = get('employer.type');
  if (type?.basis === 'said') out.employerType = { value: String(type.value), shown: String(type.value) };
  const name = get('employer.name');
  if (name) out.employerName = { value: String(name.value), shown: String(name.value) };
  const province = get('employer.province');
  if (province?.basis === 'said') out.employerProvince = { value: String(province.value), shown: String(province.value) };
  const kind = get('employer.kind');
  if (kind && series && policy.notices.some((n) => n.educationSystem.series.includes(String(series.value)))) out.employerKind = { value: String(kind.value), shown: String(kind.value) };
  const insurer = get('socialInsuranceEmployer');
  if (insurer) {
    const same = name && insurer.value === name.value;
    out.socialInsuranceSame = same ? { value: true, shown: YES } : { value: false, shown: NO };
    if (!same) out.socialInsuranceEmployer = { value: String(insurer.value), shown: String(insurer.value) };
  }
  const proof = get('hasAffiliationProof');
  if (proof) out.hasAffiliationProof = { value: Boolean(proof.value), shown: proof.value ? YES : NO };
  const certs = get('certificates');
  if (certs?.basis === 'said' && series) {
    const entry = policy.series.series.find((s) => s.name === series.value);
    const keywords = entry?.certificate?.keywords ?? [];
    const has = (certs.value as string[]).some((c) => keywords.some((k) => c.includes(k) || k.includes(c)));
    if (keywords.length) out.hasCertificate = has ? { value: true, shown: YES } : { value: false, shown: NO };
  }
  const basic = get('annualReviews.基本称职');
  const bad = get('annualReviews.不称职');
  if (basic?.basis === 'said' || bad?.basis === 'said') {
    const allGood = Number(basic?.value ?? 0) === 0 && Number(bad?.value ?? 0) === 0 && basic !== undefined && bad !== undefined;
    out.reviewsAllGood = allGood ? { value: true, shown: YES } : { value: false, shown: NO };
    if (!allGood && basic) out.basicallySatisfactory = { value: Number(basic.value), shown: String(basic.value) };
    if (!allGood && bad) out.unsatisfactory = { value: Number(bad.value), shown: String(bad.value) };
  }
  const punished = get('punished');
  if (punished) out.punished = { value: Boolean(punished.value), shown: punished.value ? YES : NO };
  const end = get('disciplinaryEndDate');
  if (punished?.value && exact(end) && typeof end!.value === 'string') out.disciplinaryEndDate = { value: end!.value, shown: shownDate(end!.value) };
  return out;
}
