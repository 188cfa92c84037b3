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
  const type = profile.employer?.type;
  switch (m.when) {
    case 'always':
      return true;
    case 'enterprise':
      return type === '国有企业' || type === '民营企业' || type === '外资企业' || type === '社会组织';
    case 'institution':
      return type === '事业单位';
    case 'certificate':
      return Boolean(f.certificate);
    case 'titleHeld':
      return Boolean(f.titleLevel);
    case 'socialInsuranceDiffers':
      return f.socialInsuranceDiffers;
    case 'degree':
      return profile.education === '本科' || profile.education === '硕士' || profile.education === '博士';
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
