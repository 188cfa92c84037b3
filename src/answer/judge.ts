/**
 * Judging a described situation with the shared `evaluate`: the facts said or assumed, the usual
 * defaults (major and work match, reviews fine), and for every fact that is missing or only
 * assumed, its alternatives — a fact decides when an alternative changes the outcome or level.
 * The current batch first, then the batches still ahead. Pure.
 */
import { addMonthsToDay } from '../policy/dates.js';
import type { EvaluateFn } from '../dialog/ports.js';
import { audienceOf } from '../eligibility/evaluate.js';
import type { Profile } from '../eligibility/profile.js';
import type { Check, Verdict } from '../eligibility/verdict.js';
import type { Policy } from '../policy/load.js';
import type { TitleLevel } from '../policy/schema.js';
import { batchesFor } from '../policy/windows.js';
import { factOf, type Fact } from '../understand/facts.js';
import { pattern } from '../understand/match.js';
import { openFacts } from '../understand/open-facts.js';
import { profileFromFacts } from '../understand/profile.js';
import type { AskScope } from './ask-scope.js';

/** The outcome classes of a situational answer (docs/contract.md). */
export type SituationOutcome = 'eligible' | 'ineligible' | 'not_yet' | 'conditional' | 'needs_info';

/** A fact the answer depends on but does not know for sure. */
export interface Unknown {
  /** Missing-fact name (graduationDate, employer.type, certificates, dates …). */
  field: string;
  kind: 'missing' | 'assumed';
  /** Profile patches; the first is the reading the answer is given on. */
  alternatives: ((p: Profile) => Profile)[];
  /** The assumed value and the words it came from (kind `assumed`). */
  value?: string;
  words?: string;
  /** The rules that fail (or need review) under another alternative. */
  rules?: string[];
}

/** The judgement of one situation. */
export interface Situation {
  outcome: SituationOutcome;
  level: TitleLevel | null;
  /** Batch name the answer is for (null: no window left, or not eligible). */
  batch: string | null;
  /** The verdict on the reading given (current batch). */
  verdict: Verdict;
  /** For `not_yet`: the verdict in the first batch ahead that works. */
  later?: Verdict;
  deciding: string[];
  /** Missing facts that decide the answer. */
  missing: Unknown[];
  /** Assumptions that decide the answer (stated as conditions). */
  assumptions: Unknown[];
  /** The profile judged (the reading given). */
  profile: Profile;
  facts: Fact[];
  /** Defaults applied because nothing was said (majorRelation, province …). */
  defaults: string[];
  /** The level asked has no route yet (第五条); the answer is the lower level reachable, and this says why. */
  askedLevel?: Check;
  /** The level asked is below the one reached (想先报个员级): the answer gives the higher, and says the one asked may be applied for too. */
  lowerAsked?: TitleLevel;
}

type Cls = 'eligible' | 'review' | 'not_yet' | 'ineligible' | 'incomplete';

function cls(v: Verdict): Cls {
  if (v.outcome === 'eligible') return 'eligible';
  if (v.outcome === 'needs_review') return 'review';
  if (v.outcome === 'incomplete') return 'incomplete';
  return v.qualifiesOn ? 'not_yet' : 'ineligible';
}

/** A series with no special rule (minimum education 中专, no exam, no certificate, verified). */
function plainSeries(policy: Policy): string | undefined {
  return policy.series.series.find((s) => !s.minEducation && !s.examInsteadOfReview && !s.certificate && !s.specialtyCertificates && !s.stateOwnedEnterpriseOnly && !s.examSpecialties && (s.confidence ?? 'high') === 'high')?.name;
}

/** The practice certificate the series, or a regulated specialty in it (兽医), needs (三（五）; as checkPracticeCertificate). */
function requiredCertificate(policy: Policy, series: string | undefined, specialty: string | undefined): { name: string; keyword: string } | undefined {
  const e = policy.series.series.find((s) => s.name === series);
  const said = `${specialty ?? ''} ${series ?? ''}`;
  const c = e?.specialtyCertificates?.find((x) => x.keywords.some((k) => said.includes(k)))?.certificate ?? e?.certificate;
  return c ? { name: c.name, keyword: c.keywords[0]! } : undefined;
}

const set = <K extends keyof Profile>(key: K, value: Profile[K]) => (p: Profile): Profile => ({ ...p, [key]: value });
const setEmployer = (patch: Partial<NonNullable<Profile['employer']>>) => (p: Profile): Profile => ({ ...p, employer: { ...p.employer, ...patch } });

/** 三（六）: an enterprise the county names as its own (县供电公司), read from its name alone: state-owned, firmly. */
function countyOwned(policy: Policy, type: Fact, name: string | undefined): boolean {
  const rule = policy.series.countyOwnedEnterprise;
  return !!rule && type.value === '国有企业' && !!name && name.includes(type.words) && pattern(rule.pattern).test(name);
}


/** Every reading of the missing facts (their alternatives combined; assumptions at their reading), at most `cap`. */
function readingsOf(base: Profile, unknowns: readonly Unknown[], cap = 256): Profile[] | undefined {
  let out = [base];
  for (const u of unknowns) {
    out = u.kind === 'missing' ? out.flatMap((p) => u.alternatives.map((a) => a(p))) : out.map((p) => u.alternatives[0]!(p));
    if (out.length > cap) return undefined;
  }
  return out;
}

const failRules = (v: Verdict) => v.checks.filter((c) => c.status === 'fail').map((c) => c.rule);

/** The rules that fail in every verdict, all of them ineligible (a rule that decides whatever is missing). */
function failingInEvery(verdicts: readonly Verdict[]): string[] {
  if (!verdicts.length || !verdicts.every((v) => cls(v) === 'ineligible')) return [];
  return failRules(verdicts[0]!).filter((r) => verdicts.every((v) => failRules(v).includes(r)));
}

/** 三（三）: the series a vocational-school teacher asks for by its titles ("中学二级教师"), when not theirs. */
function askedOtherSeries(policy: Policy, facts: readonly Fact[], p: Profile): string | undefined {
  const v = policy.series.vocationalSchools;
  const target = factOf([...facts], 'targetLevel');
  const kind = p.employer?.kind;
  if (!v.otherSeriesTitles || !target || !kind || !v.kinds.some((k) => kind.includes(k))) return undefined;
  return v.otherSeriesTitles.words.some((w) => target.words.includes(w)) ? v.otherSeriesTitles.series : undefined;
}

/**
 * The series fact, where a series word said only as part of the workplace's name (卫生 in 乡卫生院)
 * counts as read from the workplace: an exam-only series named that way is where the person works,
 * not their post (the workplace also has engineers and archivists), so the post is asked.
 */
function readFromName(facts: readonly Fact[], policy: Policy): Fact | undefined {
  const f = factOf([...facts], 'series');
  if (!f) return undefined;
  const name = factOf([...facts], 'employer.name')?.value;
  const exam = policy.series.series.find((s) => s.name === f.value)?.examInsteadOfReview?.value;
  if (f.basis !== 'said' || !exam || typeof name !== 'string' || !name.includes(f.words)) return f;
  return { ...f, basis: 'assumed', firm: false };
}

/** The unknowns of a profile built from facts, and the defaults filled in. */
export function unknownsOf(facts: readonly Fact[], policy: Policy, now: string): { profile: Profile; unknowns: Unknown[]; defaults: string[] } {
  const p = profileFromFacts(facts);
  const unknowns: Unknown[] = [];
  const defaults: string[] = [];
  const longAgo = addMonthsToDay(`${now.slice(0, 7)}-01`, -120);
  const today = now;

  const exam = examSeries(policy);
  const seriesFact = readFromName(facts, policy);
  if (!p.series) {
    unknowns.push({ field: 'series', kind: 'missing', alternatives: [set('series', plainSeries(policy)), set('series', exam)] });
  } else if (seriesFact && seriesFact.basis === 'assumed' && !seriesFact.firm && !seriesFact.fromMajor && policy.series.series.find((s) => s.name === p.series)?.examInsteadOfReview?.value) {
    // Only the workplace is said, and its usual series is 以考代评 (县人民医院): the post decides — a
    // doctor or nurse there is exam-only, an engineer or archivist is not. Asked, not assumed.
    const plain = plainSeries(policy);
    if (plain) unknowns.push({ field: 'series', kind: 'missing', value: String(seriesFact.value), words: seriesFact.words, alternatives: [set('series', plain), set('series', p.series)] });
  } else if (seriesFact && seriesFact.basis === 'assumed' && !seriesFact.firm) {
    // Read from the workplace or the major, not from a job: the other readings are judged too, and
    // a workplace may also employ an accountant (an exam-instead series) — unless the major studied
    // fits the workplace's series (学园林、在林场): working in the field studied is the reading.
    const majorFits = factOf([...facts], 'majorStudied') && factOf([...facts], 'majorRelation')?.value === '相同';
    const others = [...(seriesFact.options ?? []), ...(seriesFact.fromMajor || majorFits ? [] : [exam])].filter((x): x is string => !!x && x !== p.series);
    if (others.length) unknowns.push({ field: 'series', kind: 'assumed', value: String(seriesFact.value), words: seriesFact.words, alternatives: [(x) => x, ...others.map((o) => set('series', o))] });
  }
  if (!p.education) unknowns.push({ field: 'education', kind: 'missing', alternatives: (['本科', '大专', '中专'] as const).map((e) => set('education', e)) });

  // Dates: a year without month is an unknown month; a missing one is read the natural way.
  const grad = factOf([...facts], 'graduationDate');
  const work = factOf([...facts], 'technicalWorkStart');
  // A date the other one is read from (only one said): its other readings move both.
  const rangeUnknown = (f: Fact, key: 'graduationDate' | 'technicalWorkStart') => {
    const both = (d: string) => (x: Profile): Profile => (grad && work ? { ...x, [key]: d } : { ...x, graduationDate: d, technicalWorkStart: d });
    if (f.range && f.range[0] !== f.range[1]) unknowns.push({ field: key, kind: 'missing', alternatives: [both(f.range[0]), both(f.range[1])], words: f.words });
  };
  if (grad) rangeUnknown(grad, 'graduationDate');
  if (work) rangeUnknown(work, 'technicalWorkStart');
  if (grad && !work) {
    p.technicalWorkStart = p.graduationDate;
    defaults.push('technicalWorkStart');
  } else if (work && !grad) {
    p.graduationDate = p.technicalWorkStart;
    defaults.push('graduationDate');
  } else if (!grad && !work) {
    unknowns.push({
      field: 'dates',
      kind: 'missing',
      alternatives: [(x) => ({ ...x, graduationDate: longAgo, technicalWorkStart: longAgo }), (x) => ({ ...x, graduationDate: today, technicalWorkStart: today })],
    });
  }

  // The employer: its type said, assumed from its name, or unknown.
  const type = factOf([...facts], 'employer.type');
  const companyWords = /公司|集团|企业|厂/u.test(p.employer?.name ?? '');
  if (!type) {
    // Not said: read as a covered employer, and say so as the condition it is.
    const alts = companyWords ? (['国有企业', '民营企业'] as const) : (['事业单位', '国有企业', '民营企业', '机关'] as const);
    unknowns.push({ field: 'employer.type', kind: 'assumed', alternatives: alts.map((t) => setEmployer({ type: t })) });
  } else if (type.basis === 'assumed' && !type.firm && !countyOwned(policy, type, p.employer?.name)) {
    const counter = type.value === '国有企业' ? '民营企业' : type.value === '事业单位' ? '机关' : undefined;
    // "有人说是私人控股的，我也搞不清": a private company only guessed at; read on the covered reading.
    if (type.value === '民营企业') unknowns.push({ field: 'employer.type', kind: 'assumed', value: '国有企业', words: type.words, alternatives: [setEmployer({ type: '国有企业' }), setEmployer({ type: '民营企业' })] });
    else if (counter) unknowns.push({ field: 'employer.type', kind: 'assumed', value: String(type.value), words: type.words, alternatives: [(x) => x, setEmployer({ type: counter })] });
  }
  if (!p.employer?.province) {
    p.employer = { ...p.employer, province: policy.method.coveredProvince };
    defaults.push('employer.province');
  }
  if (!p.employer?.name) p.employer = { ...p.employer, name: '申报单位' };
  if (!p.socialInsuranceEmployer) {
    p.socialInsuranceEmployer = p.employer.name;
    defaults.push('socialInsuranceEmployer');
  }
  if (!p.majorRelation) {
    p.majorRelation = '相同';
    defaults.push('majorRelation');
  }

  // A practice certificate the series needs and nothing said about it.
  const seriesForCert = p.series ?? undefined;
  const cert = requiredCertificate(policy, seriesForCert, p.specialty);
  const pending = factOf([...facts], 'certificatePending');
  if (cert && pending) unknowns.push({ field: 'certificates', kind: 'assumed', value: cert.name, words: pending.words, alternatives: [set('certificates', [cert.keyword]), set('certificates', [])] });
  // Not said: read as held, the condition stated (most who ask hold it; those without say so: 还没考过).
  else if (cert && !p.certificates) unknowns.push({ field: 'certificates', kind: 'assumed', value: cert.name, alternatives: [set('certificates', [cert.keyword]), set('certificates', [])] });
  if (!p.certificates && !cert) p.certificates = [];

  const held = factOf([...facts], 'currentTitle.level');
  if (typeof held?.value === 'string' && !p.currentTitle) {
    const level = held.value as '员级' | '助理级';
    unknowns.push({ field: 'currentTitle.since', kind: 'missing', alternatives: [set('currentTitle', { level, since: longAgo }), set('currentTitle', { level, since: today })] });
  }
  // 四（二）: work before the move to the current employer counts only with proof uploaded.
  const moved = factOf([...facts], 'transferDate');
  if (typeof moved?.value === 'string' && p.technicalWorkStart && moved.value > p.technicalWorkStart) {
    unknowns.push({ field: 'priorWork', kind: 'assumed', value: String(moved.value), words: moved.words, alternatives: [(x) => x, set('technicalWorkStart', moved.value)] });
  }
  const received = factOf([...facts], 'punishmentReceived');
  if ((factOf([...facts], 'punished')?.value === true || received) && !p.disciplinaryEndDate) {
    // Received on a known day: the shortest punishment (警告) runs six months, the longest we read two years.
    const r = typeof received?.value === 'string' ? received.value : undefined;
    const alts = r ? [addMonthsToDay(r, 6), addMonthsToDay(r, 24)] : [longAgo, today];
    unknowns.push({ field: 'disciplinaryEndDate', kind: 'missing', alternatives: alts.map((d) => set('disciplinaryEndDate', d)) });
  }
  // Facts the words leave open (记不清是合格还是基本称职, 学位证10月才发): every value judged.
  unknowns.push(...openFacts(facts));
  return { profile: p, unknowns, defaults };
}

/** First batch ahead (after `verdict`'s) in which the profile qualifies, judged on its opening day. */
function laterVerdict(profile: Profile, policy: Policy, now: string, current: Verdict, evaluate: EvaluateFn): Verdict | undefined {
  const audience = audienceOf(policy, current.series, profile.employer?.kind);
  for (const b of batchesFor(policy, audience)) {
    if (b.closes < now || b.id === current.batch || b.opens <= now) continue;
    const v = evaluate(profile, policy, b.opens);
    if (cls(v) === 'eligible' || cls(v) === 'review') return v;
  }
  return undefined;
}

/** The level reached once the years are met (no batch of this notice left): judged with the dates moved back. */
function eventualLevel(profile: Profile, policy: Policy, now: string, v: Verdict, evaluate: EvaluateFn): TitleLevel | null {
  if (!v.qualifiesOn || !profile.graduationDate || !profile.technicalWorkStart) return null;
  const months = Math.max(1, Math.ceil((Date.parse(v.qualifiesOn) - Date.parse(v.cutoffDate)) / (30 * 86_400_000)) + 1);
  const shift = (d: string) => addMonthsToDay(d, -months);
  const moved = { ...profile, graduationDate: shift(profile.graduationDate), technicalWorkStart: shift(profile.technicalWorkStart), ...(profile.disciplinaryEndDate ? { disciplinaryEndDate: shift(profile.disciplinaryEndDate) } : {}) };
  return evaluate(moved, policy, now).level;
}

function key(v: Verdict): string {
  return `${cls(v)}|${v.level ?? ''}`;
}

const problemRules = (v: Verdict) => v.checks.filter((c) => c.status === 'fail' || c.status === 'review').map((c) => c.rule);

/** The exam-instead-of-review series (以考代评) used as the other reading of an unknown series. */
function examSeries(policy: Policy): string | undefined {
  return policy.series.series.find((s) => s.examInsteadOfReview?.value)?.name;
}

/**
 * The readings that stay open when the series is not known at all (no job, no workplace hint): the
 * exam-only reading is set aside when it fails anyway — someone in such a series cannot be
 * recognised at any time, so it cannot turn a "not now" into a "yes"; the answer states the series as
 * its condition. Otherwise every reading.
 */
function openReadings(readings: readonly Profile[], all: readonly Verdict[], missing: readonly Unknown[], policy: Policy): number[] {
  const exam = examSeries(policy);
  const seriesOpen = missing.some((u) => u.field === 'series' && u.value === undefined);
  const isExam = (i: number) => seriesOpen && readings[i]!.series === exam;
  const every = all.map((_, i) => i);
  if (!all.every((v, i) => !isExam(i) || cls(v) === 'ineligible')) return every;
  return every.filter((i) => !isExam(i));
}

/**
 * Judge the facts for `now`: outcome class, level, batch, deciding rules and unknowns. `ask`: what
 * moment the ask is about. A level asked below the one the years already reach (大专 with three years
 * asking "想先报个员级") is answered with the higher level, the one asked named as also possible.
 */
export function judge(facts: readonly Fact[], policy: Policy, now: string, evaluate: EvaluateFn, ask: AskScope = { present: false }): Situation {
  const s = judgeAsked(facts, policy, now, evaluate, ask);
  const asked = factOf([...facts], 'targetLevel')?.value;
  const levels = policy.method.levels;
  if (s.outcome === 'ineligible' || s.outcome === 'needs_info' || !s.level || s.level !== asked) return s;
  // Judged again without the ask only when the education said has a route above the level asked (第五条).
  const education = factOf([...facts], 'education')?.value;
  const higher = (l: TitleLevel) => levels.indexOf(l) > levels.indexOf(s.level!);
  if (typeof education === 'string' && !policy.method.routes.some((r) => (r.education as readonly string[]).includes(education) && higher(r.level))) return s;
  const free = judgeAsked(facts.filter((f) => f.field !== 'targetLevel'), policy, now, evaluate, ask);
  if (free.outcome !== s.outcome || !free.level || levels.indexOf(free.level) <= levels.indexOf(s.level)) return s;
  return { ...free, facts: [...facts], lowerAsked: s.level };
}

/** Judge the facts with the level asked as said. */
function judgeAsked(facts: readonly Fact[], policy: Policy, now: string, evaluate: EvaluateFn, ask: AskScope): Situation {
  const { profile: base, unknowns, defaults } = unknownsOf(facts, policy, now);
  const reading = unknowns.reduce((p, u) => u.alternatives[0]!(p), base);
  const verdict = evaluate(reading, policy, now);
  const c = cls(verdict);

  const deciding: Unknown[] = [];
  for (const u of unknowns) {
    const others = u.alternatives.slice(1).map((alt) => evaluate(alt(reading), policy, now));
    const differing = others.filter((o) => key(o) !== key(verdict));
    if (differing.length) deciding.push({ ...u, rules: [...new Set(differing.flatMap(problemRules))] });
  }
  const missing = deciding.filter((u) => u.kind === 'missing');
  const assumptions = deciding.filter((u) => u.kind === 'assumed');
  const proofNeeded = verdict.checks.some((ch) => ch.rule === 'social_insurance' && ch.status === 'warn' && !/未说明/.test(ch.message)) && reading.socialInsuranceEmployer !== reading.employer?.name;
  const over = verdict.window.state === 'over';
  const result = (outcome: SituationOutcome, level: TitleLevel | null, batch: string | null, deciding2: string[], later?: Verdict): Situation => ({
    outcome, level, batch, verdict, deciding: deciding2, missing, assumptions, profile: reading, facts: [...facts], defaults, ...(later ? { later } : {}),
  });

  // 第五条（七）: a 硕士/博士 without both 学历 and 学位 is judged on the 本科 below it; where that
  // cannot reach the level asked for, the missing degree is what blocks.
  if (reading.hasDegree === false && (reading.education === '博士' || reading.education === '硕士') && c !== 'ineligible') {
    const below = evaluate({ ...reading, education: '本科' }, policy, now);
    // The verdict told is the 本科 one: its failing check is the reason given.
    if (cls(below) === 'ineligible') return { ...result('ineligible', null, null, ['degree', ...failRules(below)]), verdict: below };
  }
  // 第五条: the level asked has no route for this education and title (中专 asking 助理级 without 员级 held
  // 4 years), a lower one does: the answer is the level the person can get, judged without the ask.
  // A level above every route of the education (本科 asking 中级) stays a plain no.
  const levels = policy.method.levels;
  const routeToAsked = policy.method.routes.some((r) => reading.education && r.education.includes(reading.education) && levels.indexOf(r.level) >= levels.indexOf(reading.targetLevel!));
  // "这批能认到什么？想直接上助理": an ask for the level, the level named only wished for — when its years
  // are short, the answer is the level reachable in this batch, and when the one wished for comes.
  const shortOfWished = c === 'not_yet' && ask.whatLevel === true;
  if ((c === 'ineligible' || shortOfWished) && reading.targetLevel && routeToAsked && verdict.reachableLevel && failRules(verdict).every((r) => r === 'level')) {
    const again = judge(facts.filter((f) => f.field !== 'targetLevel'), policy, now, evaluate, ask);
    const askedCheck = verdict.checks.find((ch) => ch.rule === 'level' && ch.status === 'fail');
    if (again.level === verdict.reachableLevel && (again.outcome === 'eligible' || again.outcome === 'conditional')) return { ...again, facts: [...facts], deciding: [...again.deciding, 'level'], ...(askedCheck ? { askedLevel: askedCheck } : {}) };
  }
  if (c === 'ineligible' || (c === 'incomplete' && verdict.checks.some((ch) => ch.status === 'fail'))) {
    return result('ineligible', null, null, failRules(verdict));
  }
  if (missing.length) {
    const readings = readingsOf(base, unknowns);
    if (readings) {
      const all = readings.map((p) => evaluate(p, policy, now));
      // The series asked for fails 三（三） however the missing facts turn out: that is the answer to the
      // question asked, nothing to ask (the reading the message's own series gives needs the facts).
      const asked = askedOtherSeries(policy, facts, reading);
      const inAsked = asked ? readings.map((p) => evaluate({ ...p, series: asked }, policy, now)) : [];
      const common = failingInEvery(inAsked);
      if (common.length) return { ...result('ineligible', null, null, common), verdict: inAsked[0]!, missing: [] };
      const openAt = openReadings(readings, all, missing, policy);
      const open = openAt.map((i) => all[i]!);
      const setAside = open.length < all.length ? missing.filter((u) => u.field === 'series') : [];
      const answered = (s: Situation): Situation => ({ ...s, missing: s.missing.filter((u) => !setAside.includes(u)), assumptions: [...s.assumptions, ...setAside] });
      // No window left: nobody can apply now, whatever is missing; the level when it is the same in every reading that qualifies.
      const reached = [...new Set(open.filter((v) => cls(v) === 'eligible').map((v) => v.level))];
      if (over && reached.length === 1 && open.every((v) => cls(v) === 'eligible' || cls(v) === 'not_yet')) return answered(result('not_yet', reached[0]!, null, ['window']));
      // Not yet in every open reading (the years are short whatever reviewable series it is): "not
      // now" needs no more facts; the level and batch ahead when every reading reaches the same ones.
      // Only when the education is said and nothing else missing decides: otherwise those are asked first.
      const yearsKnown = !!base.education && missing.every((u) => u.field === 'series');
      if (setAside.length && yearsKnown && open.every((v) => cls(v) === 'not_yet')) {
        const outlooks = openAt.map((i) => {
          const later = laterVerdict(readings[i]!, policy, now, all[i]!, evaluate);
          return { later, level: later?.level ?? readings[i]!.targetLevel ?? eventualLevel(readings[i]!, policy, now, all[i]!, evaluate) };
        });
        const first = outlooks[0]!;
        const same = outlooks.every((o) => o.level === first.level && o.later?.window.name === first.later?.window.name);
        if (same && first.level) return answered(result('not_yet', first.level, first.later ? first.later.window.name : null, ['level'], first.later));
      }
    }
    return result('needs_info', null, null, [...new Set(missing.flatMap((u) => u.rules ?? []))]);
  }
  if (c === 'not_yet') {
    const later = laterVerdict(reading, policy, now, verdict, evaluate);
    return result('not_yet', later?.level ?? reading.targetLevel ?? eventualLevel(reading, policy, now, verdict, evaluate), later ? later.window.name : null, ['level'], later);
  }
  // No window left: the years are met, but there is nothing to apply in until a new notice.
  if (over) return result('not_yet', verdict.level, null, ['window']);
  const batch = verdict.window.name;
  // 一: no window is open for this person today (between the batches, or a teacher before the
  // education window) and the ask is about applying now: "not now", with the batch ahead.
  const notNow = ask.present && verdict.window.state === 'upcoming';
  if (c === 'review' || assumptions.length || proofNeeded) {
    const rules = [...problemRules(verdict), ...assumptions.flatMap((u) => u.rules ?? []), ...(proofNeeded ? ['social_insurance'] : [])];
    // needs_review names no level; the level reached once the point is confirmed is `reachableLevel`.
    const level = verdict.level ?? verdict.reachableLevel ?? null;
    if (notNow) return result('not_yet', level, batch, ['window', ...new Set(rules)]);
    return result('conditional', level, batch, [...new Set(rules)]);
  }
  if (notNow) return result('not_yet', verdict.level, batch, ['window']);
  return result('eligible', verdict.level, batch, []);
}
