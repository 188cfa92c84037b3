/**
 * `npm run bench`: measured speed and memory of the bot (a script, not a test).
 *
 * Default mode, in-process with the lowdb store on in a temp dir, for 1k, 10k and 100k users:
 * turns/s, p50/p99/max per turn, memory per stored session, store write cost and open time; then
 * `ask` alone, `screen` (evaluate) alone, and start-up to ready of the terminal chat (spawned):
 * the built start beside the tsx start it replaced (median of 5 each, alternating).
 * `--startup-only`: only the start-up comparison.
 * `--telegram`: the Telegram adapter through the fake Bot API server (scripts/bench-telegram.ts).
 * Writes reports/bench-<time>.json (and reports/bench-latest.json) and prints a table.
 *
 * Options: --sizes 1000,10000,100000  --turns 20000  --startup-runs 5  --startup-only  --telegram [--users 200] [--flood 0]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPolicy, PROJECT_ROOT } from '../src/policy/load.js';
import { benchAsk, benchScreen } from './bench/engines.js';
import { benchStartup, type StartupResult } from './bench/startup.js';
import { load1 } from './bench/stats.js';
import { benchTelegram } from './bench/telegram.js';
import { benchSize, type SizeResult } from './bench/turns.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
};
const TARGETS = { turnsPerSec: 2000, p99Ms: 5, bytesPerSession: 2048, startupMs: 500 };

const started = performance.now();
const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memGB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) };
const report: Record<string, unknown> = { when: new Date().toISOString(), command: argv.length ? `npm run bench -- ${argv.join(' ')}` : 'npm run bench', machine, targets: TARGETS };
const pad = (s: unknown, n: number) => String(s).padStart(n);

if (argv.includes('--telegram')) {
  console.log(`Telegram mode (fake Bot API server on 127.0.0.1), load ${load1()} on ${machine.cpus} cores`);
  report.telegram = await benchTelegram(Number(opt('users', '200')), opt('flood', '0'));
} else if (argv.includes('--startup-only')) {
  process.stdout.write(`… start-up of the terminal chat (load ${load1()})\n`);
  const startup = await benchStartup(Number(opt('startup-runs', '5')));
  report.startup = startup;
  printStartup(startup);
} else {
  const sizes = opt('sizes', '1000,10000,100000').split(',').map(Number);
  const turns = Number(opt('turns', '20000'));
  const results: SizeResult[] = [];
  for (const n of sizes) {
    process.stdout.write(`… ${n} users (load ${load1()})\n`);
    results.push(await benchSize(n, turns));
  }
  report.sizes = results;
  const policy = loadPolicy();
  process.stdout.write(`… ask / screen alone (load ${load1()})\n`);
  const ask = benchAsk(20_000, policy);
  const screen = benchScreen(50_000, policy);
  report.ask = ask;
  report.screen = screen;
  process.stdout.write(`… start-up of the terminal chat (load ${load1()})\n`);
  const startup = await benchStartup(Number(opt('startup-runs', '5')));
  report.startup = startup;

  console.log('');
  console.log(`Turns through the bot core, lowdb store on (${turns} turns per size, pool of 1,000 active users; N stored sessions pre-populated through the store)`);
  console.log('   users | turns/s | CPU turns/s | p50 ms | p99 ms | max ms | B/session | file MB | write ms | open ms | loop stall ms | load');
  for (const r of results) {
    console.log(
      `${pad(r.users, 8)} | ${pad(r.turnsPerSec, 7)} | ${pad(r.cpuTurnsPerSec, 11)} | ${pad(r.wall.p50.toFixed(2), 6)} | ${pad(r.wall.p99.toFixed(2), 6)} | ${pad(r.wall.max.toFixed(1), 6)} | ${pad(r.bytesPerSession, 9)} | ${pad(r.fileMB, 7)} | ${pad(r.flushMs, 8)} | ${pad(r.openMs, 7)} | ${pad(r.loopStallMaxMs, 13)} | ${r.load.before}→${r.load.after}`,
    );
  }
  console.log('');
  console.log('Engines alone     |  calls/s | p50 ms | p99 ms | max ms | build ms');
  console.log(`ask (knowledge)   | ${pad(ask.perSec, 8)} | ${pad(ask.latency.p50.toFixed(3), 6)} | ${pad(ask.latency.p99.toFixed(3), 6)} | ${pad(ask.latency.max.toFixed(1), 6)} | ${pad(ask.loadMs, 8)}`);
  console.log(`screen (evaluate) | ${pad(screen.perSec, 8)} | ${pad(screen.latency.p50.toFixed(3), 6)} | ${pad(screen.latency.p99.toFixed(3), 6)} | ${pad(screen.latency.max.toFixed(1), 6)} | ${pad(screen.loadMs, 8)}`);
  console.log('');
  printStartup(startup);

  const ten = results.find((r) => r.users === 10_000);
  const checks = [
    ten && [`≥ ${TARGETS.turnsPerSec} turns/s at 10k stored`, ten.turnsPerSec >= TARGETS.turnsPerSec, `${ten.turnsPerSec} (CPU-bound ${ten.cpuTurnsPerSec})`],
    ten && [`p99 < ${TARGETS.p99Ms} ms at 10k stored`, ten.wall.p99 < TARGETS.p99Ms, `${ten.wall.p99} ms`],
    ten && [`< 2 KB per idle session at 10k`, ten.bytesPerSession < TARGETS.bytesPerSession, `${ten.bytesPerSession} B`],
    [`built start-up < ${TARGETS.startupMs} ms (without npm)`, startup[1]!.medianMs < TARGETS.startupMs, `median ${startup[1]!.medianMs} ms, best ${startup[1]!.minMs} ms; through npm ${startup[0]!.medianMs} ms; tsx ${startup[2]!.medianMs} ms`],
  ].filter(Boolean) as Array<[string, boolean, string]>;
  console.log('');
  for (const [what, ok, got] of checks) console.log(`${ok ? 'met   ' : 'MISSED'}  ${what}: ${got}`);
  report.targetsMet = Object.fromEntries(checks.map(([w, ok]) => [w, ok]));
}

/** The start-up comparison as a few lines. */
function printStartup(rows: StartupResult[]): void {
  console.log(`Start-up to ready, terminal chat (empty script, spawn to exit; ${rows[0]!.runsMs.length} runs each, alternating; load ${rows[0]!.load}):`);
  for (const r of rows) console.log(`  median ${pad(r.medianMs, 5)} ms (CPU ${pad(r.cpuMedianMs ?? '?', 5)} ms), best ${pad(r.minMs, 5)} ms, runs ${r.runsMs.join(', ')}  ${r.command}`);
}

report.totalSeconds = Math.round((performance.now() - started) / 1000);
report.loadAfter = os.loadavg().map((x) => Math.round(x * 100) / 100);
const dir = path.join(PROJECT_ROOT, 'reports');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${(report.when as string).replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
writeFileSync(path.join(dir, argv.includes('--telegram') ? 'bench-telegram-latest.json' : 'bench-latest.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nload average now ${machine.loadavg.join(' ')} → ${(report.loadAfter as number[]).join(' ')}; total ${report.totalSeconds} s; report: ${path.relative(PROJECT_ROOT, file)}`);
