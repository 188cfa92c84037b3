/** The check texts (dialogs/checks.yaml): loaded and validated once, filled with `{name}` values. */
import path from 'node:path';
import * as z from 'zod';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';

/** Every text key the engine uses, grouped by rule; the schema makes a missing one a data error. */
const keys = {
  batch: ['open', 'lastDay', 'upcoming', 'upcomingEducation', 'over'],
  series: ['pass', 'unknown', 'missing', 'unverified'],
  min_education: ['pass', 'fail', 'none'],
  major_relation: ['pass', 'fail'],
  vocational_teacher: ['pass', 'fail'],
  exam_instead_of_review: ['pass', 'fail', 'failSpecialty'],
  state_owned_engineering: ['pass', 'fail'],
  employer_coverage: ['pass', 'failAgency', 'failProvince', 'failNoEmployer', 'reviewArchive', 'reviewType'],
  social_insurance: ['pass', 'passProof', 'fail', 'obtain', 'needProof', 'unknown'],
  practice_certificate: ['pass', 'fail'],
  counting: ['pass', 'before', 'today'],
  extensions: ['basic', 'unsatisfactory', 'disciplinary'],
  level: ['pass', 'passTitle', 'passGated', 'passTitleGated', 'review', 'reviewNoDegree', 'degreeAssumed', 'fail', 'failTitle', 'failNoTitle', 'failNoTitleOrWork', 'failNoRoute', 'failPunishment', 'laterBatch', 'laterUnknown', 'lowerTarget', 'alreadyHeld'],
  id_number: ['pass', 'lowercase', 'fail'],
  units: ['yearsMonths', 'years', 'months'],
  verdict: ['eligible', 'lapsed', 'eligibleToday', 'ineligible', 'needs_review', 'obtain', 'listJoin', 'incomplete', 'reasons', 'window', 'countedToToday', 'qualifiesOn', 'reachable', 'materials', 'disclaimer'],
} as const;

type Keys = typeof keys;
export type CheckTexts = { [R in keyof Keys]: Record<Keys[R][number], string> };

const schema = z.object(
  Object.fromEntries(
    Object.entries(keys).map(([rule, names]) => [rule, z.object(Object.fromEntries(names.map((n) => [n, z.string().min(1)]))).strict()]),
  ),
).strict() as unknown as z.ZodType<CheckTexts>;

/** Validate dialogs/checks.yaml under `root`, pushing problems. */
export function readCheckTexts(root: string, problems: DataProblem[]): CheckTexts | undefined {
  const file = path.join(root, 'dialogs', 'checks.yaml');
  return readYaml(file, schema, problems);
}

let cached: CheckTexts | undefined;

/** The check texts of this project (cached). */
export function checkTexts(): CheckTexts {
  cached ??= readOrThrow((problems) => readCheckTexts(PROJECT_ROOT, problems));
  return cached;
}

/** Texts are filled with the shared `fill` (unknown names stay visible). */
export { fill } from '../template.js';
