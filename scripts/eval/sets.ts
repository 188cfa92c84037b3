/**
 * The labelled question sets, as tests/fixtures/eval/manifest.yaml lists them: who wrote each, when,
 * whether it was tuned on, trained on (the scope model) or is blind. Shared by `npm run eval`,
 * scripts/train-scope.ts and the accuracy test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/policy/load.js';

/** One labelled question: the entry that answers it (or the few that equally do), or null when out of scope. */
export interface Labelled {
  id: string;
  question: string;
  expect: string | string[] | null;
}

const setInfo = z
  .object({
    file: z.string(),
    note: z.string(),
    author: z.string(),
    written: z.string(),
    questions: z.number().int(),
    offTopic: z.number().int(),
    tuned: z.boolean(),
    train: z.boolean(),
    blind: z.boolean(),
  })
  .strict();
export type SetInfo = z.infer<typeof setInfo>;

/** A set with its questions. */
export interface LabelledSet extends SetInfo {
  items: Labelled[];
}

export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');

/** Read one JSONL file of labelled questions. */
export function readLabelled(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
}

/** Every set in the manifest, with its questions; the counts are checked against the files. */
export function readSets(): LabelledSet[] {
  const manifest = z.object({ sets: z.array(setInfo) }).parse(parse(readFileSync(path.join(FIXTURES, 'eval/manifest.yaml'), 'utf8')));
  const sets = manifest.sets.map((s) => {
    const items = readLabelled(path.join(FIXTURES, s.file));
    const off = items.filter((q) => q.expect === null).length;
    if (items.length !== s.questions || off !== s.offTopic) throw new Error(`${s.file}: manifest says ${s.questions} questions (${s.offTopic} off-topic), file has ${items.length} (${off})`);
    return { ...s, items };
  });
  return [...sets, ...curatedSets()];
}

/**
 * What curators wrote in the staff web console (docs/console.md), once there is any: users' real
 * questions answered by a new entry, and questions marked out of scope. Both join the evaluation
 * and the scope model's training data; they are not in the manifest because the console appends to them.
 */
function curatedSets(): LabelledSet[] {
  const files: [string, string][] = [
    ['eval/curated.jsonl', '网页控制台里整理的用户真实问题（写了答案的）'],
    ['stress/curated-offtopic.jsonl', '网页控制台里标为“不属于本服务”的用户问题'],
  ];
  return files
    .filter(([file]) => existsSync(path.join(FIXTURES, file)))
    .map(([file, note]) => {
      const items = readLabelled(path.join(FIXTURES, file));
      const offTopic = items.filter((q) => q.expect === null).length;
      return { file, note, author: '网页控制台', written: '', questions: items.length, offTopic, tuned: false, train: true, blind: false, items };
    });
}

/** The entries a labelled question accepts (empty when out of scope). */
export const expected = (q: Labelled): string[] => (q.expect === null ? [] : Array.isArray(q.expect) ? q.expect : [q.expect]);
