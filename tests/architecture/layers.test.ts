/**
 * The layering of src/, checked on the real import graph: a module may import only from layers
 * below its own (never from a peer in the same layer, never upwards), and only the channel adapters
 * may import a chat platform's library. A new top-level folder or file under src/ must be placed in
 * `LAYERS` before this passes, so the order stays a decision, not an accident.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * Bottom first. Each entry is one layer; the names are top-level folders of src/ (or top-level
 * files without `.ts`; src/cli.ts belongs to the cli folder's layer).
 */
const LAYERS: readonly (readonly string[])[] = [
  // zod's Chinese messages: imported by anything that validates, before its first parse.
  ['zod-locale'],
  // Foundations that import nothing else of ours: the message vocabulary, text folding and
  // numerals, `{name}` templates, the storage port and its adapters.
  ['messages', 'text', 'template', 'store'],
  // Policy data: schemas, loading rules/, dates and windows.
  ['policy'],
  // Pure engines on the policy, and the environment → config reader.
  ['eligibility', 'config'],
  // Reading what people write: facts from a description; the knowledge base for questions.
  ['understand', 'knowledge'],
  // The screening interview (and the ports it needs from the engines).
  ['dialog'],
  // Situational answers (facts → a conditional verdict).
  ['answer'],
  // The channel-neutral core: one turn of one user.
  ['bot'],
  // Wiring of the core for a process; broadcasts to subscribers.
  ['app', 'broadcast'],
  // The staff web console.
  ['console'],
  // Channel adapters (terminal, Telegram, WeChat, official account).
  ['channels'],
  // Entry points.
  ['cli', 'main'],
];

/** Packages of a chat platform: only src/channels/ may import them. */
const PLATFORM_PACKAGE = /^(grammy|@grammyjs\/|wechaty|@wechaty\/)/;

/** The layer module a file under src/ belongs to: its top-level folder, or its name without extension. */
function moduleOf(file: string): string {
  const [head, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length ? head! : head!.replace(/(\.d)?\.[jt]sx?$/, '');
}

/** One import that breaks the layering, as a readable line. */
interface Violation {
  file: string;
  imports: string;
  why: string;
}

/** Every violation among `files` (absolute path → source text). */
function violations(files: ReadonlyMap<string, string>): Violation[] {
  const rank = new Map<string, number>();
  LAYERS.forEach((layer, i) => {
    for (const m of layer) rank.set(m, i);
  });
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const rel = path.relative(SRC, file);
    const from = moduleOf(file);
    const fromRank = rank.get(from);
    if (fromRank === undefined) {
      out.push({ file: rel, imports: '', why: `"${from}" has no place in LAYERS` });
      continue;
    }
    // preProcessFile finds static, type-only, re-export and dynamic imports (also `typeof import()`),
    // and skips comments and strings.
    for (const { fileName: spec } of ts.preProcessFile(source, true, true).importedFiles) {
      if (!spec.startsWith('.')) {
        if (PLATFORM_PACKAGE.test(spec) && from !== 'channels') out.push({ file: rel, imports: spec, why: 'only src/channels/ may import a chat platform library' });
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = moduleOf(target);
      if (to === from) continue;
      const toRank = rank.get(to);
      if (toRank === undefined) out.push({ file: rel, imports: spec, why: `"${to}" has no place in LAYERS` });
      else if (toRank > fromRank) out.push({ file: rel, imports: spec, why: `${from} (layer ${fromRank}) imports ${to} (layer ${toRank}, higher)` });
      else if (toRank === fromRank) out.push({ file: rel, imports: spec, why: `${from} and ${to} are peers in layer ${fromRank}: neither may import the other` });
    }
  }
  return out;
}

/** Every .ts file under `dir`, with its text. */
function sources(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, into);
    else if (/\.tsx?$/.test(e.name)) into.set(p, fs.readFileSync(p, 'utf8'));
  }
  return into;
}

const show = (vs: Violation[]) => vs.map((v) => `${v.file}: ${v.imports} — ${v.why}`).join('\n');

describe('layering of src/', () => {
  const files = sources(SRC);

  it('reads the whole tree', () => {
    expect(files.size).toBeGreaterThan(100);
  });

  it('has no import from a lower layer to a higher one, and none between peers', () => {
    expect(show(violations(files))).toBe('');
  });

  it('places every top-level folder and file of src/ in exactly one layer', () => {
    const placed = LAYERS.flat();
    expect(new Set(placed).size).toBe(placed.length);
    const present = new Set([...files.keys()].map(moduleOf));
    expect([...present].filter((m) => !placed.includes(m))).toEqual([]);
  });

  describe('the check itself can fail', () => {
    const at = (rel: string) => path.join(SRC, rel);

    it('flags the policy layer importing the bot core', () => {
      const vs = violations(new Map([[at('policy/x.ts'), "import type { Core } from '../bot/core.js';"]]));
      expect(show(vs)).toMatch(/policy \(layer 2\) imports bot \(layer 7, higher\)/);
    });

    it('flags a dynamic import upwards and a re-export upwards', () => {
      const vs = violations(
        new Map([
          [at('dialog/x.ts'), "const m = await import('../channels/telegram/index.js');"],
          [at('knowledge/y.ts'), "export { createApp } from '../app.js';"],
        ]),
      );
      expect(vs.map((v) => v.file)).toEqual(['dialog/x.ts', 'knowledge/y.ts']);
    });

    it('flags peers importing each other and a platform library outside src/channels/', () => {
      const vs = violations(
        new Map([
          [at('understand/x.ts'), "import { loadKnowledge } from '../knowledge/index.js';"],
          [at('bot/y.ts'), "import { Bot } from 'grammy';"],
          [at('broadcast/z.ts'), "import { WechatyBuilder } from 'wechaty';"],
        ]),
      );
      expect(vs.map((v) => v.why)).toEqual([expect.stringMatching(/peers/), expect.stringMatching(/chat platform/), expect.stringMatching(/chat platform/)]);
    });

    it('lets a channel import grammy and a higher module import a lower one', () => {
      const vs = violations(
        new Map([
          [at('channels/telegram/x.ts'), "import { Bot } from 'grammy';\nimport type { Reply } from '../../messages/message.js';"],
          [at('bot/y.ts'), "// import { x } from '../channels/z.js'\nimport { step } from '../dialog/engine.js';"],
        ]),
      );
      expect(vs).toEqual([]);
    });
  });
});
