/** Reading one YAML data file and validating it, with problems instead of exceptions. */
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { displayPath, zodProblems, type DataProblem } from './problems.js';
import { parseYaml as parse } from './yaml-cache.js';

/** Parse and validate `file` against `schema`; problems are pushed, never thrown. */
export function readYaml<T extends z.ZodType>(file: string, schema: T, problems: DataProblem[], label = displayPath(file)): z.infer<T> | undefined {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ file: label, path: '', message: `无法读取或不是有效的 YAML：${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
  // Data files are validated once each: compiling a fast path (zod's JIT) would cost more than it saves.
  const parsed = schema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    problems.push(...zodProblems(label, parsed.error));
    return undefined;
  }
  return parsed.data;
}
