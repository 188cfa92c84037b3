/** zod schema of dialogs/verdict.yaml: every text of the phone verdict and of its "理由"/"材料" follow-ups. */
import * as z from 'zod';

const text = z.string().min(1);
const words = z.array(z.string().min(1)).min(1);

export const verdictTextsSchema = z
  .object({
    headline: z
      .object({ eligible: text, eligibleNoLevel: text, waiting: text, obtain: text, ineligible: text, ineligibleLevel: text, needs_review: text, incomplete: text, lapsed: text, lapsedIneligible: text })
      .strict(),
    window: z.object({ open: text, lastDay: text, upcoming: text }).strict(),
    title: text,
    lapsedBasis: text,
    reachable: text,
    reachableLapsed: text,
    settledLevel: text,
    settledLevelLapsed: text,
    settledConfirm: text,
    settledObtain: text,
    reason: text,
    shortDoc: text,
    citeItem: text,
    citeJoin: text,
    rest: text,
    restWithNotes: text,
    restNone: text,
    hideRules: z.array(z.string()),
    next: z.object({ eligible: text, lapsed: text, waiting: text, obtain: text, needs_review: text, ineligible: text, incomplete: text }).strict(),
    disclaimer: text,
    subscribe: text,
    subscribeLapsed: text,
    subscribeYes: text,
    subscribeNo: text,
    followUp: z.object({ reasons: words, materials: words }).strict(),
    reasonsHeader: text,
    reasonLine: text,
    marks: z.object({ pass: text, fail: text, review: text, warn: text }).strict(),
    reasonsFooter: text,
    materialsHeader: text,
    materialsNotEligible: text,
    material: text,
    materialsFooter: text,
    noVerdict: text,
    listJoin: text,
    fieldNames: z.record(z.string(), z.string()),
  })
  .strict();

/** The texts of dialogs/verdict.yaml. */
export type VerdictTexts = z.infer<typeof verdictTextsSchema>;
