/**
 * Facts the words leave open (`otherValues`): each value becomes a reading of the profile. A fact the
 * person says they do not know is missing (the answer asks for it); one only expected (a degree
 * certificate 10月才发) is assumed (the answer states it as a condition). Pure.
 */
import type { Profile } from '../eligibility/profile.js';
import type { Fact } from './facts.js';
import { profileFromFacts } from './profile.js';

/** One open fact as the judge weighs it (shaped like the judge's `Unknown`). */
export interface OpenFact {
  field: string;
  kind: 'missing' | 'assumed';
  value?: string;
  words?: string;
  alternatives: ((p: Profile) => Profile)[];
}

/** The profile with one fact set to `value` (nested review counts merged, not replaced). */
function withValue(f: Fact, value: Fact['value']): (p: Profile) => Profile {
  const one = profileFromFacts([{ ...f, value }]);
  if (f.field.startsWith('annualReviews.')) {
    const key = f.field.slice('annualReviews.'.length) as '基本称职' | '不称职';
    return (p) => ({ ...p, annualReviews: { 基本称职: 0, 不称职: 0, ...p.annualReviews, [key]: Number(value) } });
  }
  return (p) => ({ ...p, ...one });
}

/** The open facts of a message, in the judge's terms; a degree still to come is named as a certificate. */
export function openFacts(facts: readonly Fact[]): OpenFact[] {
  return facts
    .filter((f) => f.field !== 'series' && f.otherValues?.length)
    .map((f) => ({
      // The answer states an expected certificate (学位证书) with the certificate condition's words.
      field: f.field === 'hasDegree' && !f.unknown ? 'certificates' : f.field,
      kind: f.unknown ? 'missing' : 'assumed',
      value: f.label ?? String(f.value),
      words: f.words,
      alternatives: [f.value, ...f.otherValues!].map((x) => withValue(f, x)),
    }));
}
