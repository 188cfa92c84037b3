/** The facts understood from what a person says about themselves, each with its words and basis. */

/** `said`: the words state it; `assumed`: inferred from the words (a state-owned company's name). */
export type Basis = 'said' | 'assumed';

/** Profile fields a fact can fill (dotted, as in the interview's `field`), plus `punished`. */
export type FactField =
  | 'series'
  | 'education'
  | 'graduationDate'
  | 'technicalWorkStart'
  | 'targetLevel'
  | 'currentTitle.level'
  | 'currentTitle.since'
  | 'employer.name'
  | 'employer.type'
  | 'employer.kind'
  | 'employer.province'
  | 'socialInsuranceEmployer'
  | 'hasAffiliationProof'
  | 'certificates'
  | 'annualReviews.基本称职'
  | 'annualReviews.不称职'
  | 'punished'
  | 'disciplinaryEndDate'
  | 'punishmentReceived'
  | 'majorStudied'
  | 'specialty'
  | 'majorRelation'
  | 'archiveHostedInJiangxi'
  | 'hasDegree'
  | 'certificatePending'
  /** The day the person moved to the current employer, after technical work elsewhere (四（二）). */
  | 'transferDate';

/** One fact: the value, whether it was said or assumed, and the words it came from. */
export interface Fact {
  field: FactField;
  value: string | number | boolean | string[] | null;
  basis: Basis;
  words: string;
  /** An assumption so plain (县城投 → 国有企业) that the answer states it without making it a condition. */
  firm?: boolean;
  /** Other values the words allow (a major that fits two series): each is judged too. */
  options?: string[];
  /** A series read from the studied major (no job named): working in the field studied. */
  fromMajor?: boolean;
  /**
   * Other values the words leave open (a review result not remembered, a degree certificate still to
   * come): each is judged as well. Not for series, which has `options`.
   */
  otherValues?: (string | number | boolean)[];
  /** The person says they do not know ("记不清是合格还是基本称职"): asked (needs_info), not assumed. */
  unknown?: boolean;
  /** What the answer names when it states the assumption (学位证书). */
  label?: string;
  /** Dates: the earliest and latest day the words allow (a year without month → Jan..Dec). */
  range?: [string, string];
}

/** What one message says about a person. */
export interface Understanding {
  facts: Fact[];
  /** The message talks about a person (我, 他, 小刘, 我们单位…). */
  personal: boolean;
  /** The message asks whether, when or at what level (能不能认定, 能报吗, 什么级别…). */
  asksEligibility: boolean;
}

/** The fact for `field`, if any. */
export function factOf(u: Understanding | Fact[], field: FactField): Fact | undefined {
  const list = Array.isArray(u) ? u : u.facts;
  return list.find((f) => f.field === field);
}

/** Facts that describe the person (not just the ask): at least one makes a message situational. */
export const substantiveFields: readonly FactField[] = [
  'series', 'education', 'graduationDate', 'technicalWorkStart', 'currentTitle.level', 'employer.name', 'employer.type',
  'socialInsuranceEmployer', 'certificates', 'annualReviews.基本称职', 'annualReviews.不称职', 'punished',
];
