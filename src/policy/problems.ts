/** Data validation problems as plain data: which file, where inside it, what is wrong. */
import '../zod-locale.js';
import path from 'node:path';
import type * as z from 'zod';

/** A file name as a person would look for it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** One problem found in a data file. */
export interface DataProblem {
  file: string;
  path: string;
  message: string;
}

/** Raised when data files do not validate; carries every problem found. */
export class DataError extends Error {
  constructor(public readonly problems: DataProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataError';
  }
}

/** Run a reader that pushes problems and returns undefined on failure; throw `DataError` with every problem then. */
export function readOrThrow<T>(read: (problems: DataProblem[]) => T | undefined): T {
  const problems: DataProblem[] = [];
  const value = read(problems);
  if (value === undefined) throw new DataError(problems);
  return value;
}

/** One line a person can act on: `file: path: message`. */
export function formatProblem(p: DataProblem): string {
  return `${p.file}: ${p.path || '(整个文件)'}: ${p.message}`;
}

/** zod issues → problems for one file. */
export function zodProblems(file: string, error: z.ZodError): DataProblem[] {
  return error.issues.map((i) => ({ file, path: i.path.map(String).join('.'), message: i.message }));
}
