/**
 * Things src/ has exactly one of (issue 17): a second copy would drift, as the three template
 * fillers, the two per-user queues and the three full-width folds did before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function files(dir: string, into: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, into);
    else if (e.name.endsWith('.ts')) into.push(p);
  }
  return into;
}

/** The src/ files (relative) whose text matches `re`. */
function where(re: RegExp): string[] {
  return files(SRC)
    .filter((f) => re.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(SRC, f));
}

describe('one of each in src/', () => {
  it('one template filler: src/template.ts', () => expect(where(/function fill\s*\(/)).toEqual(['template.ts']));

  it('one per-user queue: KeyedQueue in src/bot/serial.ts', () => expect(where(/class \w*(Queue|Serial)\w*\b/)).toEqual(['bot/serial.ts']));

  it("no hand-written full-width folding: String.prototype.normalize('NFKC') does it", () => expect(where(/0xfee0|\\uff01|[０-９]-/i)).toEqual([]));

  it('one spelling: normalize', () => expect(where(/normalis/i)).toEqual([]));
});
