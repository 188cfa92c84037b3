/**
 * Start-up to ready for the terminal chat, measured from outside as a user would: spawn
 * `npm run -s cli -- chat --script -` with an empty script (load config, policy, dialogs,
 * knowledge, open the store, print the transcript, exit) and time it until exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { load1, round } from './stats.js';

/** Start-up figures: every run, and the best and median, in ms. */
export interface StartupResult {
  command: string;
  runsMs: number[];
  minMs: number;
  medianMs: number;
  load: number;
}

function once(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.stdin.end('');
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`chat exited ${code}: ${err.slice(0, 300)}`))));
  });
}

/** Time `runs` cold starts of the terminal chat (one warm-up run first, which fills tsx's cache). */
export async function benchStartup(runs = 5, direct = false): Promise<StartupResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-bench-start-'));
  const env = { ...process.env, ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20', NODE_OPTIONS: '' };
  const [cmd, args] = direct ? ['node', ['--import', 'tsx', 'src/cli.ts', 'chat', '--script', '-']] : ['npm', ['run', '-s', 'cli', '--', 'chat', '--script', '-']];
  try {
    await once(cmd, args as string[], env);
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push(round(await once(cmd, args as string[], env), 0));
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { command: `${cmd} ${(args as string[]).join(' ')} < /dev/null`, runsMs, minMs: sorted[0]!, medianMs: sorted[Math.floor(sorted.length / 2)]!, load: load1() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
