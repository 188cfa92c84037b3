/**
 * Broadcast figures: throughput against the configured rate through the fake Telegram Bot API
 * server (the real Telegram sender), and kill -9 / restart counts (duplicates, losses).
 *
 *   npx tsx scripts/bench-broadcast.ts [--n 2000] [--rate 100] [--kills 5]
 */
import { measureBroadcast, measureKillRestart } from '../tests/broadcast/measure.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const n = arg('--n', 2000);
const rate = arg('--rate', 100);
const kills = arg('--kills', 5);

const t = await measureBroadcast(n, rate);
console.log(`throughput: ${t.recipients} recipients at a configured ${t.configuredPerSecond} msg/s`);
console.log(`  took ${t.seconds.toFixed(1)} s; achieved ${t.achievedPerSecond.toFixed(1)} msg/s (${((100 * t.achievedPerSecond) / rate).toFixed(1)} % of configured)`);
console.log(`  most in any 1 s: ${t.maxInOneSecondClient} sent by the bot, ${t.maxInOneSecondServer} received by the server`);
console.log(`  duplicates ${t.duplicates}, lost ${t.lost}`);

const k = await measureKillRestart(Math.min(n, 1000), Math.min(rate, 150), kills);
console.log(`kill -9 and restart: ${k.recipients} recipients, ${k.kills} SIGKILLs at random points, then a clean run (exit ${k.finalExit.code})`);
console.log(`  delivered ${k.delivered}, duplicates ${k.duplicates}, lost ${k.lost}; uncertain (interrupted mid-send, not resent) ${k.uncertain}, of which actually delivered ${k.uncertain - k.lost}`);
