/** The personalised materials list (第七条, 三（四）, 四（二）) from rules/materials.yaml. */
import type { Policy } from '../policy/load.js';
import type { Material, Source } from '../policy/schema.js';
import type { Profile } from './profile.js';
import { fill } from './texts.js';

/** Facts about this applicant that decide which materials apply. */
export interface MaterialFacts {
  certificate?: string;
  titleLevel?: string;
  socialInsuranceDiffers: boolean;
  archiveHosted: boolean;
}

/** "text（doc clause）". */
export function cite(text: string, s: Source): string {
  return `${text}（${s.doc} ${s.clause}）`;
}

function applies(m: Material, profile: Profile, f: MaterialFacts): boolean {
  const when = m.when;
  if (typeof when === 'object') {
    if ('employerTypes' in when) return profile.employer?.type !== undefined && when.employerTypes.includes(profile.employer.type);
    return profile.education !== undefined && when.education.includes(profile.education);
  }
  switch (when) {
    case 'always':
      return true;
    case 'certificate':
      return Boolean(f.certificate);
    case 'titleHeld':
      return Boolean(f.titleLevel);
    case 'socialInsuranceDiffers':
      return f.socialInsuranceDiffers;
    case 'archiveHosted':
      return f.archiveHosted;
  }
}

/** The materials this applicant should prepare, each with its clause. */
export function materialsFor(policy: Policy, profile: Profile, facts: MaterialFacts): string[] {
  return policy.materials
    .filter((m) => applies(m, profile, facts))
    .map((m) => cite(fill(m.text, { certificate: facts.certificate, titleLevel: facts.titleLevel }), m.source));
}
