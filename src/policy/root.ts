/** Where the repository's data folders are found, from src/ (tsx, tests) as from dist/ (the build). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (where rules/, knowledge/, dialogs/ live): the nearest folder above this
 * module holding package.json. Searched, not a fixed `../..`, because the same code runs from
 * src/policy/ and bundled into dist/ (`npm start`).
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}
