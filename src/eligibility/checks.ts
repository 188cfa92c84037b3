/** The individual eligibility checks of the notice and the 2013 method, except the level. */
import { educationLevels } from '../policy/schema.js';
import { addCheck, need, noticeClause, type EvalContext } from './context.js';
import { checkIdNumber } from './id-number.js';
import { fill } from './texts.js';

// NFKC folds full-width brackets and letters (（Ａ） → (A)), so two spellings of one name compare equal.
const normalizeName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** 江西 / 江西省 → 江西; infers the covered province from a place in the employer name when absent. */
export function provinceOf(ctx: EvalContext): string | undefined {
  const e = ctx.profile.employer;
  const p = e?.province?.trim().replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
  if (p) return p;
  const m = ctx.policy.method;
  if (e?.name && m.coveredPlaceNames.some((place) => e.name!.includes(place))) return m.coveredProvince;
  return undefined;
}

/** 三（一）: the series' minimum education (本科 for the series the notice names, else 中专). */
export function checkMinEducation(ctx: EvalContext): void {
  const edu = ctx.profile.education;
  if (!edu) {
    need(ctx, 'education');
    return;
  }
  const t = ctx.texts.min_education;
  const clause = noticeClause(ctx, 'minEducation');
  const rank = (e: string) => educationLevels.indexOf(e as never);
  if (rank(edu) < rank(ctx.policy.method.minimumEducation)) {
    addCheck(ctx, 'min_education', 'fail', t.none, clause, ctx.policy.method.minimumEducationSource);
    return;
  }
  if (!ctx.series) return;
  const min = ctx.series.minEducation ?? ctx.policy.series.defaultMinEducation;
  const values = { education: edu, series: ctx.series.name, minEducation: min.value };
  if (rank(edu) < rank(min.value)) {
    addCheck(ctx, 'min_education', 'fail', fill(t.fail, values), clause, min.source);
    return;
  }
  addCheck(ctx, 'min_education', 'pass', fill(t.pass, values), clause, min.source);
}

/** 三（二）, 第三条: the studied major must be the same as or close to the specialty. */
export function checkMajor(ctx: EvalContext): void {
  const r = ctx.profile.majorRelation;
  if (!r) {
    need(ctx, 'majorRelation');
    return;
  }
  const article = ctx.policy.method.articles.majorRelation;
  if (r === '不同') {
    addCheck(ctx, 'major_relation', 'fail', ctx.texts.major_relation.fail, noticeClause(ctx, 'majorRelation'), article);
    return;
  }
  addCheck(ctx, 'major_relation', 'pass', fill(ctx.texts.major_relation.pass, { relation: r }), noticeClause(ctx, 'majorRelation'));
}

/** 三（三）: teachers of 职业高中 / 职业教育教研机构 apply only in the 中等职业学校教师 series. */
export function checkVocationalTeacher(ctx: EvalContext): void {
  const v = ctx.policy.series.vocationalSchools;
  const kind = ctx.profile.employer?.kind;
  if (!kind || !v.kinds.some((k) => kind.includes(k)) || !ctx.seriesName) return;
  const t = ctx.texts.vocational_teacher;
  if (ctx.seriesName === v.series) {
    addCheck(ctx, 'vocational_teacher', 'pass', t.pass, v.source);
    return;
  }
  addCheck(ctx, 'vocational_teacher', 'fail', fill(t.fail, { series: ctx.seriesName }), v.source);
}

/** 三（六）: series (or specialties) with 以考代评 are not recognised. */
export function checkExamSeries(ctx: EvalContext): void {
  const s = ctx.series;
  if (!s) return;
  const t = ctx.texts.exam_instead_of_review;
  const method = ctx.policy.method.articles.examInsteadOfReview;
  if (s.examInsteadOfReview?.value) {
    addCheck(ctx, 'exam_instead_of_review', 'fail', fill(t.fail, { series: s.name }), s.examInsteadOfReview.source, method);
    return;
  }
  // The specialty, or what the applicant typed as the series ("计算机技术与软件"), can name one.
  const named = [ctx.profile.specialty, ctx.profile.series].find((x) => x && s.examSpecialties?.keywords.some((k) => x.includes(k)));
  if (named && s.examSpecialties) {
    addCheck(ctx, 'exam_instead_of_review', 'fail', fill(t.failSpecialty, { specialty: named.trim() }), s.examSpecialties.source, method);
    return;
  }
  addCheck(ctx, 'exam_instead_of_review', 'pass', fill(t.pass, { series: s.name }), noticeClause(ctx, 'examInsteadOfReview'));
}

/** 三（六）: engineering titles of non-state-owned enterprises are not recognised. */
export function checkStateOwnedEngineering(ctx: EvalContext): void {
  const rule = ctx.series?.stateOwnedEnterpriseOnly;
  if (!rule) return;
  const type = ctx.profile.employer?.type;
  if (!type) {
    need(ctx, ctx.profile.employer ? 'employer.type' : 'employer');
    return;
  }
  const t = ctx.texts.state_owned_engineering;
  if (rule.enterpriseTypes.includes(type)) {
    addCheck(ctx, 'state_owned_engineering', 'fail', fill(t.fail, { employerType: type }), rule.source);
    return;
  }
  addCheck(ctx, 'state_owned_engineering', 'pass', fill(t.pass, { employerType: type }), rule.source);
}

/** 第二条 (Jiangxi 企业/事业单位, not 机关) and 三（四） (files held by a Jiangxi employment service). */
export function checkEmployerCoverage(ctx: EvalContext): void {
  const m = ctx.policy.method;
  const t = ctx.texts.employer_coverage;
  const type = ctx.profile.employer?.type;
  if (!type) {
    need(ctx, ctx.profile.employer ? 'employer.type' : 'employer');
    return;
  }
  if (type === '机关') {
    addCheck(ctx, 'employer_coverage', 'fail', t.failAgency, m.coverageSource);
    return;
  }
  const province = provinceOf(ctx);
  if (!province && type !== '无单位') {
    need(ctx, 'employer.province');
    return;
  }
  const insideCovered = m.coveredEmployerTypes.includes(type) && province === m.coveredProvince;
  if (insideCovered) {
    addCheck(ctx, 'employer_coverage', 'pass', fill(t.pass, { employerType: type }), m.coverageSource);
    return;
  }
  if (m.reviewEmployerTypes.includes(type) && province === m.coveredProvince) {
    addCheck(ctx, 'employer_coverage', 'review', fill(t.reviewType, { employerType: type }), m.coverageSource);
    return;
  }
  // Not in a Jiangxi 企事业单位: only the hosted-file route of 三（四） remains (an exception the
  // applicant must claim; not claimed means not covered, and the message says how to claim it).
  if (ctx.profile.archiveHostedInJiangxi) {
    ctx.facts.archiveHosted = true;
    addCheck(ctx, 'employer_coverage', 'review', t.reviewArchive, noticeClause(ctx, 'archiveHosted'), m.coverageSource);
    return;
  }
  if (type === '无单位') {
    addCheck(ctx, 'employer_coverage', 'fail', t.failNoEmployer, m.coverageSource, noticeClause(ctx, 'archiveHosted'));
    return;
  }
  addCheck(ctx, 'employer_coverage', 'fail', fill(t.failProvince, { province: province ?? '' }), m.coverageSource, noticeClause(ctx, 'archiveHosted'));
}

/** 三（四）: the social-insurance employer must match the declaring employer, or an affiliation proof. */
export function checkSocialInsurance(ctx: EvalContext): void {
  if (ctx.facts.archiveHosted || ctx.profile.employer?.type === '无单位') return;
  const t = ctx.texts.social_insurance;
  const clause = noticeClause(ctx, 'socialInsurance');
  const insurer = ctx.profile.socialInsuranceEmployer?.trim();
  const employer = ctx.profile.employer?.name?.trim();
  if (!insurer || !employer) {
    addCheck(ctx, 'social_insurance', 'warn', t.unknown, clause);
    return;
  }
  if (normalizeName(insurer) === normalizeName(employer)) {
    addCheck(ctx, 'social_insurance', 'pass', t.pass, clause);
    return;
  }
  ctx.facts.socialInsuranceDiffers = true;
  const values = { insurer, employer };
  // Not said whether they hold the proof: it becomes a material to prepare, with a warning.
  if (ctx.profile.hasAffiliationProof === undefined) {
    addCheck(ctx, 'social_insurance', 'warn', fill(t.needProof, values), clause);
    return;
  }
  if (ctx.profile.hasAffiliationProof) {
    addCheck(ctx, 'social_insurance', 'pass', fill(t.passProof, values), clause);
    return;
  }
  // A gap the applicant can close with a document: not ineligible, something to obtain first.
  ctx.obtain.push(fill(t.obtain, values));
  addCheck(ctx, 'social_insurance', 'review', fill(t.fail, values), clause);
}

/** 三（五）, 第四条: a practice-access qualification must be held first. */
export function checkPracticeCertificate(ctx: EvalContext): void {
  const s = ctx.series;
  if (!s) return;
  const spec = ctx.profile.specialty ?? '';
  // The specialty, or the word the applicant used for the series ("律师"), can name a regulated profession.
  const said = `${spec} ${ctx.profile.series ?? ''}`;
  const rule = s.specialtyCertificates?.find((c) => c.keywords.some((k) => said.includes(k)))?.certificate ?? s.certificate;
  if (!rule) return;
  ctx.facts.certificate = rule.name;
  const certs = ctx.profile.certificates;
  if (!certs) {
    need(ctx, 'certificates');
    return;
  }
  const t = ctx.texts.practice_certificate;
  const method = ctx.policy.method.articles.practiceCertificate;
  const values = { certificate: rule.name, series: s.name, specialty: spec };
  if (certs.some((c) => rule.keywords.some((k) => c.includes(k)))) {
    addCheck(ctx, 'practice_certificate', 'pass', fill(t.pass, values), rule.source, method);
    return;
  }
  const template = spec ? t.fail : t.fail.replace('（{specialty}）', '');
  addCheck(ctx, 'practice_certificate', 'fail', fill(template, values), rule.source, method);
}

/** 四（二）: the ID number must be valid and end in an upper-case X; it is never stored. */
export function checkIdNumberField(ctx: EvalContext): void {
  const id = ctx.profile.idNumber;
  if (id === undefined || id.trim() === '') return;
  const t = ctx.texts.id_number;
  const clause = noticeClause(ctx, 'idNumber');
  const r = checkIdNumber(id);
  if (r === 'ok') {
    addCheck(ctx, 'id_number', 'pass', t.pass, clause);
    return;
  }
  if (r === 'lowercase') {
    addCheck(ctx, 'id_number', 'warn', t.lowercase, clause);
    return;
  }
  addCheck(ctx, 'id_number', 'fail', t.fail, clause);
}
