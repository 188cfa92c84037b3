/**
 * `npm start` and `npm run cli`: run the built JavaScript in dist/ (`node scripts/launch.mjs main|cli …`).
 *
 * When dist/ is missing or older than src/ (sources edited, a branch switched, a `git pull` after
 * install), it is rebuilt first (about a second) and then run: a start never silently runs old
 * code, and never costs tsx's second on every start either. Rebuilding rather than falling back
 * to tsx keeps one way of running in production; tsx stays for `npm run dev` and the tests.
 * The entry runs in this process, so signals from `exec` in package.json reach it directly.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale } from './built.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (entry !== 'main' && entry !== 'cli') {
  process.stderr.write('用法：node scripts/launch.mjs main|cli [参数…]\n');
  process.exit(2);
}
if (isStale(ROOT)) {
  process.stderr.write('源代码比 dist/ 新，正在重新构建……\n');
  const { build } = await import('./build.mjs');
  await build(ROOT);
}
const file = path.join(ROOT, 'dist', `${entry}.js`);
// The entry reads its arguments from process.argv.slice(2), as when run directly.
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
