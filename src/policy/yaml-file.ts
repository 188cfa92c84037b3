/** Reading one YAML data file and validating it, with problems instead of exceptions. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type * as z from 'zod';
import { displayPath, zodProblems, type DataProblem } from './problems.js';
import { cachedYaml } from './yaml-cache.js';
import { explainReadError, explainYamlError, placeText } from './yaml-errors.js';

/** Parse and validate `file` against `schema`; problems are pushed, never thrown. */
export function readYaml<T extends z.ZodType>(file: string, schema: T, problems: DataProblem[], label = displayPath(file)): z.infer<T> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file: label, path: '', message: explainReadError(e) });
    return undefined;
  }
  // The build's cache holds only text that parsed cleanly; anything else is parsed and explained.
  const hit = cachedYaml(text);
  const raw = hit !== undefined ? { ok: true as const, value: hit } : parseYamlText(text);
  if (!raw.ok) {
    problems.push({ file: label, path: raw.place, message: raw.message });
    return undefined;
  }
  // Data files are validated once each: compiling a fast path (zod's JIT) would cost more than it saves.
  const parsed = schema.safeParse(raw.value, { jitless: true });
  if (!parsed.success) {
    problems.push(...zodProblems(label, parsed.error));
    return undefined;
  }
  return parsed.data;
}

/**
 * YAML text → its value, or the first problem explained in Chinese with its line ("第 3 行第 5 列").
 * Warnings (an unknown tag) count as problems: the `yaml` library would otherwise print them in
 * English on stderr and go on with a value the author did not mean.
 */
export function parseYamlText(text: string): { ok: true; value: unknown } | { ok: false; place: string; message: string } {
  const doc = parseDocument(text, { logLevel: 'error', prettyErrors: true });
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const e = explainYamlError(first, text);
    return { ok: false, place: placeText(e), message: e.message };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    // toJS throws for an alias (*name) whose anchor (&name) is missing or comes after it.
    return { ok: false, place: '', message: 'YAML 格式错误：引用（*名称）找不到对应的锚点（&名称），锚点要写在引用之前' };
  }
}
