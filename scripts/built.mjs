/**
 * Is dist/ older than what it is built from? Kept apart from scripts/build.mjs so that a start
 * with an up-to-date dist/ never loads esbuild. Compared by modification time, as make does:
 * the build's stamp carries the time the build started.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The file in dist/ whose modification time is the start of the last complete build. */
export const STAMP = '.built';

/** What a build reads besides node_modules: the sources, the build script and the dependency set. */
const INPUTS = ['src', 'scripts/build.mjs', 'package.json', 'package-lock.json'];

function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0; // an input that does not exist cannot be newer
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/** Modification time (ms) of the newest input of the build under `root`. */
export function newestInput(root) {
  return Math.max(...INPUTS.map((p) => newest(path.join(root, p))));
}

/** True when dist/ under `root` is missing, unfinished, or older than any source file. */
export function isStale(root) {
  let built;
  try {
    built = statSync(path.join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return true;
  }
  return newestInput(root) > built;
}
