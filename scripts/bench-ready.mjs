/**
 * Time from launching the interactive terminal chat to its greeting on screen, 5 runs.
 * Usage: `npm run bench:ready` (measures `npm start`), or `node scripts/bench-ready.mjs <command> [args…]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [cmd, ...args] = process.argv.length > 2 ? process.argv.slice(2) : ['npm', 'start'];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zc-ready-'));
const runs = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, ZHICHENG_DATA_DIR: dataDir } });
    p.stdout.on('data', (d) => {
      if (String(d).includes('您好')) {
        runs.push(performance.now() - t0);
        p.kill('SIGTERM');
      }
    });
    p.on('exit', resolve);
  });
}
runs.sort((a, b) => a - b);
console.log(`${cmd} ${args.join(' ')}: time to greeting ${runs.map((r) => r.toFixed(0)).join(', ')} ms; median ${runs[Math.floor(runs.length / 2)].toFixed(0)} ms; load ${os.loadavg()[0].toFixed(2)}`);
