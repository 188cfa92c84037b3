/**
 * Turn benchmark at one store size: N stored sessions (pre-populated through the store from
 * realistic interview snapshots), then a pool of active users continuing their interviews, asking
 * questions and starting over, one turn at a time, with the lowdb store on in a temp dir.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import type { SessionRecord } from '../../src/store/port.js';
import { heapAfterGc } from './gc.js';
import { load1, round, summarise, type Latency } from './stats.js';
import { QUESTIONS, SCRIPTS } from './users.js';

const NOW = '2024-04-20';

/** Figures for one store size. */
export interface SizeResult {
  users: number;
  storedSessions: number;
  populateMs: number;
  fileMB: number;
  /** Writing the whole sessions file once (what every coalesced write costs at this size). */
  flushMs: number;
  /** Opening the store from disk (read + validate), part of start-up at this size. */
  openMs: number;
  bytesPerSession: number;
  turns: number;
  turnsPerSec: number;
  wall: Latency;
  /** Turns per second of CPU time used by the process: what an idle core would do (the machine is shared). */
  cpuTurnsPerSec: number;
  /** Longest event-loop stall during the turns (mostly the coalesced whole-file writes). */
  loopStallMaxMs: number;
  writesDuringRun: number;
  emptyReplies: number;
  load: { before: number; after: number };
}

/** Session snapshots: `snap[s][d]` is user data after the first d messages of script s. */
async function snapshots(): Promise<Array<Array<unknown | undefined>>> {
  const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: os.tmpdir(), ZHICHENG_NOW: NOW }), { store: new MemoryStore(), now: () => NOW });
  const out: Array<Array<unknown | undefined>> = [];
  for (const [s, script] of SCRIPTS.entries()) {
    const row: Array<unknown | undefined> = [undefined];
    for (const text of script) {
      await app.core.handle({ channel: 'wechat', userId: `t${s}`, chatId: `t${s}`, text });
      row.push((await app.store.getSession(`wechat:t${s}`))?.data);
    }
    out.push(row);
  }
  await app.close();
  return out;
}

/** Messages one user sends from stored depth d of script s on: the rest, questions, a new interview… */
function* conversation(s: number, d: number, seed: number): Generator<string> {
  yield* SCRIPTS[s]!.slice(d);
  for (let round = 1; ; round++) {
    for (let q = 0; q < 3; q++) yield QUESTIONS[(seed + round * 3 + q) % QUESTIONS.length]!;
    yield* SCRIPTS[(s + round) % SCRIPTS.length]!;
  }
}

/** Where stored user i stands: script and depth (1..length; 0 means no session). */
function placeOf(i: number): { s: number; d: number } {
  const s = i % SCRIPTS.length;
  return { s, d: 1 + ((i * 7919) % SCRIPTS[s]!.length) };
}

/** Fill a fresh store in `dataDir` with `users` sessions and write it once; times both. */
async function populate(dataDir: string, users: number, snap: Array<Array<unknown | undefined>>): Promise<{ populateMs: number; flushMs: number }> {
  const store = await openLowdbStore(dataDir);
  const updatedAt = new Date().toISOString();
  const t0 = performance.now();
  for (let i = 0; i < users; i++) {
    const { s, d } = placeOf(i);
    const data = snap[s]![d];
    if (data !== undefined) await store.putSession({ key: `wechat:u${i}`, updatedAt, data } satisfies SessionRecord);
  }
  const populateMs = performance.now() - t0;
  const t1 = performance.now();
  await store.flush();
  const flushMs = performance.now() - t1;
  await store.close();
  return { populateMs, flushMs };
}

/** Run the benchmark for `users` stored users and `turns` timed turns. */
export async function benchSize(users: number, turns: number, activePool = 1000): Promise<SizeResult> {
  const loadBefore = load1();
  const snap = await snapshots();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-bench-'));
  try {
    // 1. Pre-populate through the store (not 100k full interviews): same records the core writes.
    const { populateMs, flushMs } = await populate(dataDir, users, snap);
    const fileMB = statSync(path.join(dataDir, 'sessions.json')).size / 1024 / 1024;

    // 2. Memory per stored session: reopen from disk, as after a restart, and compare heaps.
    const h0 = heapAfterGc();
    const t2 = performance.now();
    const store = await openLowdbStore(dataDir);
    const openMs = performance.now() - t2;
    const stored = await store.countSessions();
    const bytesPerSession = (heapAfterGc() - h0) / Math.max(1, stored);

    // 3. Timed turns: a pool of active users (4 in 5 continue a stored session, 1 in 5 is new).
    const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: NOW }), { store, now: () => NOW });
    const pool = Array.from({ length: Math.min(activePool, users) }, (_, k) => {
      const isNew = k % 5 === 4;
      const i = isNew ? users + k : Math.floor((k * users) / Math.min(activePool, users));
      const { s, d } = isNew ? { s: k % SCRIPTS.length, d: 0 } : placeOf(i);
      return { userId: `u${i}`, next: conversation(s, snap[s]![d] === undefined ? 0 : d, k) };
    });
    const wall = new Float64Array(turns);
    let emptyReplies = 0;
    let writes = 0;
    const origFlush = store.flush.bind(store);
    store.flush = async () => {
      writes++;
      return origFlush();
    };
    let rnd = 12345;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (let k = 0; k < turns; k++) {
      rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
      const u = pool[rnd % pool.length]!;
      const text = u.next.next().value as string;
      const w0 = performance.now();
      const replies = await app.core.handle({ channel: 'wechat', userId: u.userId, chatId: u.userId, text });
      wall[k] = performance.now() - w0;
      if (!replies.length || replies.some((r) => !r.text.trim())) emptyReplies++;
      // Yield to the event loop between messages, as real I/O would: the store's write timer runs.
      await new Promise((r) => setImmediate(r));
    }
    const elapsed = performance.now() - start;
    const cpuUsed = process.cpuUsage(cpu0);
    loop.disable();
    await app.close();
    return {
      users,
      storedSessions: stored,
      populateMs: round(populateMs, 0),
      fileMB: round(fileMB, 1),
      flushMs: round(flushMs, 0),
      openMs: round(openMs, 0),
      bytesPerSession: round(bytesPerSession, 0),
      turns,
      turnsPerSec: round(turns / (elapsed / 1000), 0),
      wall: summarise(wall),
      cpuTurnsPerSec: round(turns / ((cpuUsed.user + cpuUsed.system) / 1e6), 0),
      loopStallMaxMs: round(loop.max / 1e6, 1),
      writesDuringRun: writes,
      emptyReplies,
      load: { before: loadBefore, after: load1() },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
