/**
 * Broadcast figures: throughput against the configured rate through the fake Telegram Bot API
 * server (the real Telegram sender), and kill -9 / restart counts (duplicates, losses).
 *
 * Also the cost of durability: a journal append followed by its sync (what the outbox waits for
 * before each send; fdatasync off the event loop) against the append alone, and atomic writes
 * (file and folder synced) of a 2,000-recipient snapshot, in the system's temp folder.
 *
 *   npx tsx scripts/bench-broadcast.ts [--n 2000] [--rate 100] [--kills 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../src/broadcast/journal.js';
import { writeFileAtomicSync } from '../src/store/atomic.js';
import { measureBroadcast, measureKillRestart } from '../tests/broadcast/measure.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const n = arg('--n', 2000);
const rate = arg('--rate', 100);
const kills = arg('--kills', 5);

/** Median and 99th percentile of `runs` timings of `f`, in microseconds. */
async function time(runs: number, f: (i: number) => unknown): Promise<{ p50: number; p99: number }> {
  const us: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f(i);
    us.push((performance.now() - t0) * 1000);
  }
  us.sort((a, b) => a - b);
  return { p50: Math.round(us[Math.floor(runs / 2)]!), p99: Math.round(us[Math.floor(runs * 0.99)]!) };
}
{
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zc-bench-sync-'));
  try {
    const entry = { k: 'telegram:123456789', s: 'sending', a: 1, t: Date.now() };
    const j = new Journal(path.join(dir, 'journal.jsonl'));
    const synced = await time(2000, () => {
      j.append(entry);
      return j.sync();
    });
    const plain = await time(2000, () => j.append(entry));
    j.close();
    const snapshot = JSON.stringify({ offset: 0, states: Array.from({ length: 2000 }, (_, i) => [`telegram:${i}`, { status: 'sent', attempts: 1 }]) });
    const atomic = await time(200, () => writeFileAtomicSync(path.join(dir, 'snapshot.json'), snapshot));
    console.log(`durability (${os.tmpdir()}): journal append + sync p50 ${synced.p50} µs, p99 ${synced.p99} µs; append alone p50 ${plain.p50} µs, p99 ${plain.p99} µs; atomic ${Math.round(snapshot.length / 1024)} KB snapshot (file + folder synced) p50 ${atomic.p50} µs, p99 ${atomic.p99} µs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const t = await measureBroadcast(n, rate);
console.log(`throughput: ${t.recipients} recipients at a configured ${t.configuredPerSecond} msg/s`);
console.log(`  took ${t.seconds.toFixed(1)} s; achieved ${t.achievedPerSecond.toFixed(1)} msg/s (${((100 * t.achievedPerSecond) / rate).toFixed(1)} % of configured)`);
console.log(`  most in any 1 s: ${t.maxInOneSecondClient} sent by the bot, ${t.maxInOneSecondServer} received by the server`);
console.log(`  duplicates ${t.duplicates}, lost ${t.lost}`);

const k = await measureKillRestart(Math.min(n, 1000), Math.min(rate, 150), kills);
console.log(`kill -9 and restart: ${k.recipients} recipients, ${k.kills} SIGKILLs at random points, then a clean run (exit ${k.finalExit.code})`);
console.log(`  delivered ${k.delivered}, duplicates ${k.duplicates}, lost ${k.lost}; uncertain (interrupted mid-send, not resent) ${k.uncertain}, of which actually delivered ${k.uncertain - k.lost}`);
