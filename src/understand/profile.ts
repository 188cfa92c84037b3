/** From understood facts to an applicant profile (shared/CONTRACT.md "Profile"). */
import type { Profile } from '../eligibility/profile.js';
import type { Fact } from './facts.js';

/** The profile the facts state (said and assumed alike); absent facts stay absent. */
export function profileFromFacts(facts: readonly Fact[]): Profile {
  const p: Profile = {};
  const employer: NonNullable<Profile['employer']> = {};
  const reviews = { 基本称职: 0, 不称职: 0 };
  let hasReviews = false;
  for (const f of facts) {
    const v = f.value;
    switch (f.field) {
      case 'series': p.series = String(v); break;
      case 'education': p.education = v as Profile['education']; break;
      case 'graduationDate': p.graduationDate = String(v); break;
      case 'technicalWorkStart': p.technicalWorkStart = String(v); break;
      case 'targetLevel': p.targetLevel = v as Profile['targetLevel']; break;
      case 'employer.name': employer.name = String(v); break;
      case 'employer.type': employer.type = v as NonNullable<Profile['employer']>['type']; break;
      case 'employer.kind': employer.kind = String(v); break;
      case 'employer.province': employer.province = String(v); break;
      case 'socialInsuranceEmployer': p.socialInsuranceEmployer = String(v); break;
      case 'hasAffiliationProof': p.hasAffiliationProof = Boolean(v); break;
      case 'certificates': p.certificates = v as string[]; break;
      case 'annualReviews.基本称职': reviews.基本称职 = Number(v); hasReviews = true; break;
      case 'annualReviews.不称职': reviews.不称职 = Number(v); hasReviews = true; break;
      case 'disciplinaryEndDate': p.disciplinaryEndDate = String(v); break;
      case 'majorStudied': p.majorStudied = String(v); break;
      case 'specialty': p.specialty = String(v); break;
      case 'majorRelation': p.majorRelation = v as Profile['majorRelation']; break;
      case 'archiveHostedInJiangxi': p.archiveHostedInJiangxi = Boolean(v); break;
      case 'hasDegree': p.hasDegree = Boolean(v); break;
      default: break;
    }
  }
  const level = facts.find((f) => f.field === 'currentTitle.level')?.value;
  const since = facts.find((f) => f.field === 'currentTitle.since')?.value;
  if (typeof level === 'string' && (level === '员级' || level === '助理级') && typeof since === 'string') p.currentTitle = { level, since };
  if (Object.keys(employer).length) p.employer = employer;
  if (hasReviews) p.annualReviews = reviews;
  return p;
}
