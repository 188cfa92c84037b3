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
