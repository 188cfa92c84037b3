/**
 * Start-up to ready for the terminal chat, measured from outside as a user would: spawn the chat
 * with an empty script (load config, policy, dialogs, open the store, print the transcript, exit)
 * and time it until exit. The built start (`npm run -s cli`, dist/) and the tsx start it replaced
 * (`node --import tsx src/cli.ts`) run side by side, alternating, so a change in the machine's
 * load touches both alike. The CPU time (user + system, through /usr/bin/time when present) is
 * given beside the wall time: on this shared machine the wall time is mostly waiting for a core.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { load1, round } from './stats.js';

/** Start-up figures of one command: every run, and the best and median, in ms. */
export interface StartupResult {
  command: string;
  runsMs: number[];
  minMs: number;
  medianMs: number;
  /** Median CPU time (user + system) of the process tree, when /usr/bin/time is there. */
  cpuMedianMs?: number;
  load: number;
}

const TIME = '/usr/bin/time';

/** The ways of starting the chat that are compared; the first is what `npm start` and the CLI run. */
export const STARTS: Array<{ label: string; cmd: string; args: string[] }> = [
  { label: 'built, through npm', cmd: 'npm', args: ['run', '-s', 'cli', '--', 'chat', '--script', '-'] },
  { label: 'built, without npm', cmd: 'node', args: ['scripts/launch.mjs', 'cli', 'chat', '--script', '-'] },
  { label: 'tsx (the previous start), without npm', cmd: 'node', args: ['--import', 'tsx', 'src/cli.ts', 'chat', '--script', '-'] },
];

function once(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ wall: number; cpu?: number }> {
  const timed = existsSync(TIME);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = timed
      ? spawn(TIME, ['-f', 'CPU %U %S', cmd, ...args], { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'ignore', 'pipe'] })
      : spawn(cmd, args, { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.stdin.end('');
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = performance.now() - t0;
      if (code !== 0) return reject(new Error(`chat exited ${code}: ${err.slice(0, 300)}`));
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(err);
      resolve({ wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Time `runs` cold starts of each way in STARTS, alternating (one warm-up round first, which also
 * builds dist/ when it is stale and fills tsx's cache). Results in STARTS order.
 */
export async function benchStartup(runs = 5): Promise<StartupResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-bench-start-'));
  const env = { ...process.env, ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20', NODE_OPTIONS: '' };
  try {
    for (const s of STARTS) await once(s.cmd, s.args, env);
    const times = STARTS.map(() => [] as number[]);
    const cpus = STARTS.map(() => [] as number[]);
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [j, s] of STARTS.entries()) {
        const r = await once(s.cmd, s.args, env);
        times[j]!.push(round(r.wall, 0));
        if (r.cpu !== undefined) cpus[j]!.push(round(r.cpu, 0));
      }
      loads.push(load1());
    }
    const load = round(loads.reduce((a, b) => a + b, 0) / loads.length, 2);
    return STARTS.map((s, j) => {
      const runsMs = times[j]!;
      const sorted = [...runsMs].sort((a, b) => a - b);
      const cpuMedianMs = cpus[j]!.length ? median(cpus[j]!) : undefined;
      return { command: `${s.cmd} ${s.args.join(' ')} < /dev/null (${s.label})`, runsMs, minMs: sorted[0]!, medianMs: median(runsMs), cpuMedianMs, load };
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
