/** Small JSON files of the console under the data folder (0700 folder, 0600 files, atomic writes). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
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

// A lock older than this is a crashed writer's; an update holds it for one scrypt hash at most.
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 25;

/**
 * Read, change and write a console JSON file under a lock shared by every process, so a change made
 * by `npm run -s cli -- staff …` while the bot runs is never overwritten by the console's own update.
 */
export function updateConsoleJson<T, R>(file: string, fallback: () => T, change: (doc: T) => R): R {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = lockWaiting(file);
  try {
    const doc = readConsoleJson<T>(file, fallback());
    const result = change(doc);
    writeConsoleJson(file, doc);
    return result;
  } finally {
    release();
  }
}

function lockWaiting(file: string): () => void {
  const lockfilePath = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return lockfile.lockSync(file, { lockfilePath, realpath: false, stale: LOCK_STALE_MS });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) throw e;
      // The sync API has no retries; a short blocking pause is fine for a file held milliseconds.
      Atomics.wait(pause, 0, 0, LOCK_POLL_MS);
    }
  }
}
