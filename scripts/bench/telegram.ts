/**
 * Telegram mode: reuses scripts/bench-telegram.ts (the Telegram helper's burst benchmark through
 * the fake Bot API server) in a child process and keeps its output lines for the report.
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/policy/load.js';

/** The Telegram burst's printed lines and exit code. */
export interface TelegramResult {
  command: string;
  exitCode: number | null;
  lines: string[];
}

/** Run the Telegram burst benchmark for `users` users, with `flood` injected 429 answers. */
export function benchTelegram(users: number, flood = '0'): Promise<TelegramResult> {
  const args = ['--import', 'tsx', 'scripts/bench-telegram.ts', '--users', String(users), '--flood', flood];
  return new Promise((resolve) => {
    const child = spawn('node', args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      process.stdout.write(b);
    });
    child.stderr.on('data', (b) => process.stderr.write(b));
    child.on('exit', (code) => resolve({ command: `node ${args.join(' ')}`, exitCode: code, lines: out.split('\n').filter(Boolean) }));
  });
}
