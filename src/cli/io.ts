/** Shared helpers for CLI commands: usage errors, reading stdin, the `--now` option. */
import { isIsoDay, todayInShanghai } from '../policy/dates.js';

/** A user mistake on the command line: one line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Read all of standard input as UTF-8. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Remove `--name value` from args and return the value (or undefined). */
export function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || (v.startsWith('--') && v !== '-')) throw new UsageError(`${name} 需要一个值`);
  args.splice(i, 2);
  return v;
}

/** Remove a boolean `--flag` from args and say whether it was there. */
export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

/** "Today" for this run: `--now`, else `ZHICHENG_NOW`, else the real clock in Asia/Shanghai. */
export function resolveNow(args: string[]): string {
  const option = takeOption(args, '--now');
  const v = option ?? process.env.ZHICHENG_NOW;
  if (v === undefined || v === '') return todayInShanghai();
  if (!isIsoDay(v)) throw new UsageError(`${option !== undefined ? '--now' : 'ZHICHENG_NOW'} 应为有效日期 YYYY-MM-DD，收到：${v}`);
  return v;
}

/** Check a per-line `now` from JSONL input. */
export function validNow(v: unknown, fallback: string): string {
  if (v === undefined || v === null) return fallback;
  if (!isIsoDay(v)) throw new UsageError(`now 应为有效日期 YYYY-MM-DD，收到：${JSON.stringify(v)}`);
  return v;
}

/** Longest JSONL input line read (characters): far beyond any real profile or question. */
export const MAX_LINE_CHARS = 100_000;
/** Deepest nesting of arrays and objects accepted in one input line. */
export const MAX_DEPTH = 64;
/** Longest question `ask` answers (characters): the same as the chat core's `MAX_INPUT`. */
export const MAX_QUESTION_CHARS = 2_000;

/** Why a JSONL line is refused before parsing (too long, nested too deep), or undefined when it may be parsed. */
export function lineProblem(line: string): string | undefined {
  if (line.length > MAX_LINE_CHARS) return `这一行过长（${line.length} 个字符，上限 ${MAX_LINE_CHARS}）`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return `这一行嵌套过深（超过 ${MAX_DEPTH} 层）`;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** The non-empty lines of a JSONL input. */
export function jsonlLines(input: string): string[] {
  return input.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** A copy of a JSONL `id` fit to echo back (a string or number, shortened), else undefined. */
export function echoId(id: unknown): string | number | undefined {
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string') return id.length > 200 ? id.slice(0, 200) : id;
  return undefined;
}

/** The `id` at the start of a line refused before parsing, so its error line can still be matched up. */
export function salvageId(line: string): string | number | undefined {
  const m = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,15})\s*[,}]/.exec(line.slice(0, 1000));
  if (!m) return undefined;
  try {
    return echoId(JSON.parse(m[1]!));
  } catch {
    return undefined;
  }
}

/**
 * Why `text` is not valid JSON, in Chinese with the line and column (V8's SyntaxError is English:
 * "Expected ',' or '}' after property value in JSON at position 12").
 */
export function jsonProblem(e: unknown, text: string): string {
  const m = /position (\d+)/.exec((e as Error).message ?? '');
  if (!m) {
    const msg = (e as Error).message ?? '';
    if (/end of JSON input/.test(msg) || text.trim() === '') return '内容不完整（为空，或缺少右括号、引号）';
    const token = /Unexpected token '(.{1,4}?)'/.exec(msg)?.[1];
    return token ? `出现了不该有的“${token}”；应为一个用 { } 括起来的 JSON 对象` : '格式不对';
  }
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  const place = before.length > 1 ? `第 ${before.length} 行第 ${before[before.length - 1]!.length + 1} 个字符` : `第 ${pos + 1} 个字符`;
  const found = text[pos];
  return `${place}附近格式不对${found?.trim() ? `（这里是“${found}”）` : ''}；键和文字要用英文双引号，项与项之间用英文逗号`;
}
