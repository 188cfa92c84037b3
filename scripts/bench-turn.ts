/**
 * Turn time with many stored sessions: fills a lowdb store with N users' interview sessions
 * (default 10,000), then times `core.handle` for interview turns of random stored users.
 * Prints p50/p95/p99/max in ms. Usage: npx tsx scripts/bench-turn.ts [N] [turns]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const users = Number(process.argv[2] ?? 10_000);
const turns = Number(process.argv[3] ?? 5_000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-bench-'));
const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20' });
const script = ['资格自测', '工程技术', '水利水电工程', '本科', '不确定', '2022年6月', '水利水电工程', '相同', '2022年7月', '国企', '寻乌县某水务有限公司', '江西', '是', '是', '没有'];

let app = await createApp(config);
// Seed: every user part-way through an interview (a realistic ~1 KB session each).
for (let i = 0; i < users; i++) {
  const depth = 3 + (i % 10);
  for (const text of script.slice(0, depth)) await app.core.handle({ channel: 'wechat', userId: `u${i}`, chatId: `u${i}`, text });
}
await app.close();
const size = statSync(path.join(dataDir, 'sessions.json')).size;

// Reopen (as after a restart) and time turns of random users continuing their interviews.
app = await createApp(config);
const stored = await app.store.countSessions();
const times: number[] = [];
// CPU time per turn as well: on a shared machine, wall time includes time the process was not running.
const cpu: number[] = [];
const progress = new Map<number, number>();
for (let k = 0; k < turns; k++) {
  const i = Math.floor(Math.random() * users);
  const at = progress.get(i) ?? 3 + (i % 10);
  const text = script[at] ?? '查看答案';
  progress.set(i, at + 1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await app.core.handle({ channel: 'wechat', userId: `u${i}`, chatId: `u${i}`, text });
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  // Let the coalesced write timer run between turns, as it would between real messages.
  if (k % 50 === 0) await new Promise((r) => setImmediate(r));
}
const t0 = performance.now();
await app.close();
const flushMs = performance.now() - t0;
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const pick = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(2);
const q = (p: number) => pick(times, p);
const load = os.loadavg()[0]!.toFixed(1);
console.log(`sessions stored: ${stored}; sessions.json: ${(size / 1024 / 1024).toFixed(1)} MB; turns timed: ${turns}`);
console.log(`turn time (ms): p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  max ${times[times.length - 1]!.toFixed(2)}`);
console.log(`turn CPU time (ms): p50 ${pick(cpu, 0.5)}  p95 ${pick(cpu, 0.95)}  p99 ${pick(cpu, 0.99)}  max ${cpu[cpu.length - 1]!.toFixed(2)}`);
console.log(`load average during the run: ${load} on ${os.cpus().length} cores`);
console.log(`final flush of the whole store: ${flushMs.toFixed(0)} ms`);
rmSync(dataDir, { recursive: true, force: true });
