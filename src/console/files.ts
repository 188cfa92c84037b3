/** Small JSON files of the console under the data folder (0700 folder, 0600 files, atomic writes). */
import path from 'node:path';
import { readJson, writeJsonAtomic } from '../broadcast/journal.js';

/** `<dataDir>/console/<name>`. */
export function consoleFile(dataDir: string, name: string): string {
  return path.join(dataDir, 'console', name);
}

/** Read a console JSON file, or `fallback` when it does not exist yet. */
export function readConsoleJson<T>(file: string, fallback: T): T {
  return readJson<T>(file) ?? fallback;
}

/** Replace a console JSON file atomically (readers see the old or the new file). */
export function writeConsoleJson(file: string, value: unknown): void {
  writeJsonAtomic(file, value);
}
