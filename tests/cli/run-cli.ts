/** Run the CLI as the acceptance checks do (`tsx src/cli.ts …`), with stdin, and capture the result. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/policy/load.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

/** Run `npm run -s cli -- ...args` equivalently, feeding `input` on stdin. */
export function runCli(args: string[], input = '', env: Record<string, string> = {}): CliResult {
  const r = spawnSync(tsx, [path.join(PROJECT_ROOT, 'src', 'cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ZHICHENG_NOW: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
