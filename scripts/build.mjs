/**
 * `npm run build` (also run by `npm ci` / `npm install` through `prepare`): bundles src/cli.ts and
 * src/main.ts into dist/ with esbuild, and pre-parses the YAML data (rules/, knowledge/, dialogs/)
 * into dist/yaml-cache.json keyed by each file's content hash (src/policy/yaml-cache.ts).
 *
 * Pure-JS libraries used at every start (zod, yaml, date-fns, proper-lockfile) go into the bundle:
 * loading one file instead of hundreds of small ES modules is most of the gain. Channel libraries
 * (grammY, wechaty, hono), native modules (jieba) and data-heavy ones loaded on demand stay in
 * node_modules and are imported only when a channel or the knowledge index needs them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { parseDocument } from 'yaml';
import { STAMP, isStale, newestInput } from './built.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packages left out of the bundle: loaded from node_modules, and only when needed. */
const EXTERNAL = ['grammy', 'grammy/*', '@grammyjs/*', 'wechaty', 'wechaty-*', 'hono', 'hono/*', '@hono/*', '@node-rs/*', 'qrcode-terminal', 'fast-xml-parser', 'pinyin-pro', 'opencc-js', 'opencc-js/*'];

function yamlFiles(dir) {
  let out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Content hash → JSON text of the parsed YAML; a file whose value does not survive JSON is left out. */
function yamlCache(root) {
  const cache = {};
  for (const folder of ['rules', 'knowledge', 'dialogs']) {
    for (const file of yamlFiles(path.join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      // Only clean text is cached: a file with an error or a warning is parsed at run time, where
      // the loader explains it in Chinese with its line (src/policy/yaml-errors.ts).
      const doc = parseDocument(text, { logLevel: 'silent' });
      if (doc.errors.length || doc.warnings.length) continue;
      let value;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const json = JSON.stringify(value);
      if (json === undefined || JSON.stringify(JSON.parse(json)) !== json || !sameValue(JSON.parse(json), value)) continue;
      cache[createHash('sha256').update(text).digest('hex')] = json;
    }
  }
  return cache;
}

function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(b) !== Object.prototype && !Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => sameValue(a[k], b[k]));
}

/** Write `text` to `file` through a temporary file and a rename, so a concurrent reader never sees half a file. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Build dist/ under `root`. `clean` empties dist/ first (npm run build); a rebuild when stale
 * (scripts/launch.mjs) does not, so a process starting at the same moment never loses a file.
 */
export async function build(root = ROOT, { clean = false } = {}) {
  // A source dated in the future (clock skew, an archive) must not make every start rebuild.
  const started = new Date(Math.max(Date.now(), newestInput(root)));
  const dist = path.join(root, 'dist');
  if (clean) rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts', 'src/main.ts'],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: 'dist',
    write: false,
    external: EXTERNAL,
    logLevel: 'warning',
    // Less source for V8 to compile at each start; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS (proper-lockfile, graceful-fs) calls require() for Node's own modules.
    banner: { js: "import { createRequire as __zcCreateRequire } from 'node:module';\nconst require = __zcCreateRequire(import.meta.url);" },
  });
  for (const f of result.outputFiles) writeAtomic(f.path, f.text);
  writeAtomic(path.join(dist, 'yaml-cache.json'), JSON.stringify(yamlCache(root)));
  // The stamp carries the time the build started: a source saved during the build counts as newer.
  writeAtomic(path.join(dist, STAMP), `${started.toISOString()}\n`);
  utimesSync(path.join(dist, STAMP), started, started);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await build(ROOT, { clean: true });
  if (isStale(ROOT)) process.stderr.write('注意：构建完成后 dist/ 看起来仍比 src/ 旧（文件时间可能不对），下次启动会再构建一次\n');
  process.stderr.write(`dist/ 已构建，用时 ${Math.round(performance.now() - t0)} 毫秒\n`);
}
