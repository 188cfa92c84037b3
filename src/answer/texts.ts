/** The texts of situational answers (dialogs/situation.yaml), validated; problems name file and path. */
import path from 'node:path';
import * as z from 'zod';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';

const s = z.string().min(1);
const outcomes = z.object({ eligible: s, conditional: s, not_yet: s, notNow: s, closed: s, closedUnknown: s, ineligible: s, needs_info: s }).strict();

export const situationTextsSchema = z
  .object({
    outcome: outcomes,
    window: z.object({ open: s, lastDay: s, upcoming: s, upcomingEducation: s, over: s, later: s, laterNone: s }).strict(),
    reason: s,
    favourable: s,
    degreeFallback: s,
    askedLevel: s,
    lowerAsked: s,
    condition: s,
    conditions: z.object({ employerType: s, employerTypeUnknown: s, certificatePending: s, socialInsurance: s, series: s, seriesUnknown: s, priorWork: s }).strict(),
    missingNames: z.record(z.string(), s),
    missingJoin: s,
    understood: s,
    factJoin: s,
    assumedMark: s,
    facts: z.record(z.string(), s),
    noCertificates: s,
    defaults: s,
    offer: s,
    groupOffer: s,
    prefilled: s,
    myDataFacts: s,
    partHeader: s,
  })
  .strict();

/** Everything a situational answer says. */
export type SituationTexts = z.infer<typeof situationTextsSchema>;

/** Read dialogs/situation.yaml under `root`, pushing problems. */
export function readSituationTexts(root: string, problems: DataProblem[]): SituationTexts | undefined {
  return readYaml(path.join(root, 'dialogs', 'situation.yaml'), situationTextsSchema, problems);
}

let cached: SituationTexts | undefined;

/** The texts of the repository (cached); throws `DataError` on bad data. */
export function situationTexts(): SituationTexts {
  cached ??= readOrThrow((problems) => readSituationTexts(PROJECT_ROOT, problems));
  return cached;
}
