/** Real processes for the robustness tests: start, watch their output, signal, wait for the end. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (commands run from here, as an operator would). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A started process and what it printed so far. */
export interface Running {
  proc: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves once stdout + stderr match `re`; rejects after `ms` with what was printed. */
  waitFor(re: RegExp, ms?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `cmd args` in the repository root with `env` added to this process's environment. */
export function start(cmd: string, args: string[], env: Record<string, string>, stdin: 'pipe' | 'ignore' = 'pipe'): Running {
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    out: () => out,
    err: () => err,
    exited,
    waitFor(re, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const check = () => {
          if (re.test(out + err)) return resolve();
          if (Date.now() - t0 > ms) return reject(new Error(`timed out waiting for ${re}; stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`));
          if (proc.exitCode !== null) return reject(new Error(`exited (${proc.exitCode}) before ${re}; stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`));
          setTimeout(check, 50);
        };
        check();
      });
    },
  };
}

/** `node --import tsx <script> …args` (what the npm scripts run). */
export function node(script: string, args: string[], env: Record<string, string>, stdin: 'pipe' | 'ignore' = 'pipe'): Running {
  return start(process.execPath, ['--import', 'tsx', script, ...args], env, stdin);
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Wait until `pred` holds, polling every 50 ms; false after `ms`. */
export async function until(pred: () => boolean, ms = 10_000): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return pred();
}
