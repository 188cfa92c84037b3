/**
 * YAML parsing with the build's cache: `npm run build` stores every data file's parsed value in
 * dist/yaml-cache.json under the SHA-256 of its text. Parsing YAML is most of the start-up time
 * (~130 KB of rules and dialogs); JSON.parse of the same tree takes a few milliseconds. The key is
 * the file's content, so the cache can never return a value for other text: an edited file
 * (or no dist/ at all) is simply parsed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './root.js';

let cache: Record<string, string> | undefined;

function load(): Record<string, string> {
  if (cache) return cache;
  try {
    cache = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'dist', 'yaml-cache.json'), 'utf8')) as Record<string, string>;
  } catch {
    cache = {};
  }
  return cache;
}

/** The value the build stored for this exact YAML `text`, or undefined when it was not built (then parse it). */
export function cachedYaml(text: string): unknown {
  const hit = load()[createHash('sha256').update(text).digest('hex')];
  return hit === undefined ? undefined : JSON.parse(hit);
}

/** The value of YAML `text`: from the build's cache when this exact text was built, else parsed (throws on bad YAML). */
export function parseYaml(text: string): unknown {
  return cachedYaml(text) ?? parse(text);
}
