/**
 * The built start (scripts/build.mjs, scripts/launch.mjs): `npm start` and the CLI run dist/, never
 * code older than src/, load no channel library or knowledge index for the terminal chat, and
 * answer exactly as the tsx start does. Works with or without a dist/ already there (the launcher
 * builds it when missing or stale).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { parseYaml } from '../../src/policy/yaml-cache.js';
import { isStale, STAMP } from '../../scripts/built.mjs';

const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

function chat(args: string[], input: string, extraNode: string[] = []) {
  const r = spawnSync(process.execPath, [...extraNode, ...args, 'chat', '--script', '-', '--now', '2024-04-20'], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ZHICHENG_NOW: '', NODE_OPTIONS: '' },
    timeout: 110_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built start', () => {
  it('answers exactly as the tsx start does', () => {
    const script = '你好\n现在能申报吗\n资格自测\n1\n';
    const built = chat(['scripts/launch.mjs', 'cli'], script);
    const tsx = chat(['--import', 'tsx', 'src/cli.ts'], script);
    expect(built.code, built.stderr).toBe(0);
    expect(tsx.code, tsx.stderr).toBe(0);
    expect(built.stdout).toContain('2024年第一批正在申报中');
    expect(built.stdout).toBe(tsx.stdout);
  }, 120_000);

  it('loads no channel library and no knowledge index before the terminal chat is ready', () => {
    // A resolve hook names every package the process imports (static or dynamic).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zc-hook-'));
    tmp.push(dir);
    writeFileSync(path.join(dir, 'hooks.mjs'), "export async function resolve(s, c, next) {\n  if (!s.startsWith('node:')) process.stderr.write('IMPORT ' + s + '\\n');\n  return next(s, c);\n}\n");
    writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
    const hook = pathToFileURL(path.join(dir, 'register.mjs')).href;
    const r = chat(['scripts/launch.mjs', 'cli'], '', ['--import', hook]);
    expect(r.code, r.stderr).toBe(0);
    const imported = r.stderr.split('\n').filter((l) => l.startsWith('IMPORT ')).map((l) => l.slice(7));
    expect(imported.filter((s) => s.includes('dist/cli.js'))).toHaveLength(1); // the hook sees the imports
    expect(imported.filter((s) => /^(grammy|@grammyjs|wechaty|hono|@hono|@node-rs|pinyin-pro|opencc-js|fast-xml-parser)/.test(s))).toEqual([]);
  }, 120_000);

  it('gives every data file the value YAML parsing gives it, from the build cache or not', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (/\.ya?ml$/.test(e.name)) files.push(path.join(d, e.name));
      }
    };
    for (const d of ['rules', 'knowledge', 'dialogs']) walk(path.join(PROJECT_ROOT, d));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(parseYaml(text), f).toEqual(parse(text));
    }
    // Text the build never saw is parsed, errors included.
    expect(parseYaml('a: [1, 2]\n# 新的\n')).toEqual({ a: [1, 2] });
    expect(() => parseYaml('a: [1, 2\n')).toThrow();
  });
});

describe('staleness of dist/', () => {
  function project(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'zc-stale-'));
    tmp.push(root);
    mkdirSync(path.join(root, 'src', 'policy'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'policy', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'package.json'), '{}\n');
    return root;
  }
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  it('is stale with no build, fresh after one, stale again when any source is newer than the build', () => {
    const root = project();
    expect(isStale(root)).toBe(true);
    mkdirSync(path.join(root, 'dist'));
    const stamp = path.join(root, 'dist', STAMP);
    writeFileSync(stamp, '');
    at(path.join(root, 'src', 'policy', 'a.ts'), 1_000);
    at(path.join(root, 'package.json'), 1_000);
    at(stamp, 2_000);
    expect(isStale(root)).toBe(false);
    at(path.join(root, 'src', 'policy', 'a.ts'), 3_000);
    expect(isStale(root)).toBe(true);
    at(stamp, 4_000);
    writeFileSync(path.join(root, 'src', 'new.ts'), '');
    at(path.join(root, 'src', 'new.ts'), 5_000);
    expect(isStale(root)).toBe(true);
  });

  it('the repository build is not stale after the launcher ran', () => {
    chat(['scripts/launch.mjs', 'cli'], '');
    expect(isStale(PROJECT_ROOT)).toBe(false);
    expect(statSync(path.join(PROJECT_ROOT, 'dist', 'cli.js')).isFile()).toBe(true);
  }, 120_000);
});
