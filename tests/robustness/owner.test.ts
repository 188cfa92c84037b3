/**
 * One owner of the data folder, with real processes: a second `npm start` on the same folder is
 * refused (naming the folder and the owner), a lock left by a dead process or a reused PID is taken
 * over at once, a `broadcast` command beside the running bot is handed to it, and a signal to the
 * `npm start` process stops the bot.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/broadcast/outbox.js';
import { FolderBusyError, readOwner, takeFolder } from '../../src/store/owner.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { alive, node, start, until, type Running } from './spawn.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'zc-owner-'));
const started: Running[] = [];
const bot = (dataDir: string) => {
  const r = node('src/main.ts', [], { ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20' });
  started.push(r);
  return r;
};
afterEach(async () => {
  for (const r of started.splice(0)) {
    if (r.proc.exitCode === null && r.proc.signalCode === null) {
      r.proc.kill('SIGKILL');
      await r.exited;
    }
  }
});

/** The start time (clock ticks) of this process, as owner.ts reads it. */
const ticks = (pid: number | 'self') => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]);
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** A lock as a killed process leaves it: the lock folder (fresh mtime) and its owner file. */
function leaveLock(dir: string, owner: object): void {
  mkdirSync(path.join(dir, 'owner.lock'), { recursive: true });
  writeFileSync(path.join(dir, 'owner.lock', 'owner.json'), JSON.stringify({ host: os.hostname(), bootId: bootId(), startedAt: '2024-01-01T00:00:00Z', role: '机器人服务（npm start）', serves: true, ...owner }));
}

describe('one owner of the data folder (real processes)', () => {
  it('a second npm start on the same folder is refused in Chinese, naming the folder and the owner; the first keeps running and its data survives', async () => {
    const dir = tmp();
    const first = bot(dir);
    await first.waitFor(/您好/);
    const second = bot(dir);
    const end = await second.exited;
    expect(end.code).toBe(1);
    expect(second.err()).toContain(`数据目录 ${dir} 正由另一个进程使用`);
    expect(second.err()).toContain(`进程号 ${first.proc.pid}`);
    expect(second.err()).toContain('机器人服务（npm start）');
    expect(first.proc.exitCode).toBeNull();
    // The first one still answers and, once stopped, has written its user's session.
    first.proc.stdin!.write('订阅\n');
    await first.waitFor(/订阅成功|已订阅|提醒/);
    first.proc.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'subscribers.json'), 'utf8')).subscribers).toHaveProperty(['console:local']);
    // Released: a new start now works.
    const third = bot(dir);
    await third.waitFor(/您好/);
  }, 180_000);

  it('a lock left by a killed process whose PID now belongs to another live process (a restart reusing PID 1) is taken over at once', async () => {
    const dir = tmp();
    leaveLock(dir, { pid: 1, startTicks: ticks(1) + 12345 }); // PID 1 is alive, but it is not the process that took the lock
    const b = bot(dir);
    await b.waitFor(/您好/);
    expect(readOwner(dir)?.pid).toBe(b.proc.pid);
  }, 120_000);

  it('in-process: a lock naming our own PID from an earlier life is stale; one naming a live process is not', async () => {
    const dir = tmp();
    leaveLock(dir, { pid: process.pid, startTicks: ticks('self') - 1 });
    const lease = await takeFolder(dir);
    expect(readOwner(dir)?.startTicks).toBe(ticks('self'));
    // The same process opening the folder twice is refused too (two stores would overwrite each other).
    await expect(openLowdbStore(dir)).rejects.toBeInstanceOf(FolderBusyError);
    await lease.release();
    const other = tmp();
    leaveLock(other, { pid: process.ppid, startTicks: ticks(process.ppid) });
    await expect(takeFolder(other)).rejects.toThrow(`进程号 ${process.ppid}`);
  });

  it('a process that exits without closing its store gives the folder up (no 30-second wait for the next start)', async () => {
    const dir = tmp();
    const { existsSync } = await import('node:fs');
    const child = start(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { takeFolder } from './src/store/owner.ts'; await takeFolder(${JSON.stringify(dir)}); process.exit(0);`], {}, 'ignore');
    started.push(child);
    expect((await child.exited).code, child.err()).toBe(0);
    expect(existsSync(path.join(dir, 'owner.lock'))).toBe(false);
  }, 60_000);

  it('tightens an existing data folder to 0700', async () => {
    const dir = tmp();
    const { chmodSync, statSync } = await import('node:fs');
    chmodSync(dir, 0o755);
    const store = await openLowdbStore(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await store.close();
  });

  it('tightens the files and folders already inside an existing data folder to 0600 / 0700', async () => {
    const dir = tmp();
    const { chmodSync, mkdirSync, statSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'misses.jsonl'), '', { mode: 0o644 });
    chmodSync(path.join(dir, 'misses.jsonl'), 0o644);
    mkdirSync(path.join(dir, 'console'), { mode: 0o755 });
    writeFileSync(path.join(dir, 'console', 'accounts.json'), '{}', { mode: 0o666 });
    chmodSync(path.join(dir, 'console', 'accounts.json'), 0o666);
    chmodSync(dir, 0o755);
    const store = await openLowdbStore(dir);
    expect((statSync(path.join(dir, 'misses.jsonl')).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(path.join(dir, 'console')).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(path.join(dir, 'console', 'accounts.json')).mode & 0o777).toString(8)).toBe('600');
    await store.close();
  });

  it('broadcast send beside the running bot is handed to it: the bot writes the outbox and the CLI prints its answer', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'subscribers.json'), JSON.stringify({ subscribers: { 'telegram:1': { key: 'telegram:1', channel: 'telegram', chatId: '1', audiences: ['general'], since: '' } } }));
    const b = bot(dir);
    await b.waitFor(/您好/);
    const cli = node('src/cli.ts', ['broadcast', 'send', '--yes', '明天举办申报培训'], { ZHICHENG_DATA_DIR: dir }, 'ignore');
    started.push(cli);
    expect((await cli.exited).code, cli.err()).toBe(0);
    expect(cli.out()).toContain('已加入发送队列');
    expect(cli.out()).toContain('共1人');
    const ids = new Outbox(path.join(dir, 'outbox')).ids();
    expect(ids).toHaveLength(1);
    expect(readdirSync(path.join(dir, 'requests'))).toEqual([]);
    // The bot is still the owner; the CLI never took the folder.
    expect(readOwner(dir)?.pid).toBe(b.proc.pid);
    const status = node('src/cli.ts', ['broadcast', 'status'], { ZHICHENG_DATA_DIR: dir }, 'ignore');
    started.push(status);
    expect((await status.exited).code).toBe(0);
    expect(status.out()).toContain(ids[0]);
  }, 180_000);
});

describe('clean stop', () => {
  it('SIGTERM to the npm start process stops the bot itself (no orphaned node left answering)', async () => {
    const dir = tmp();
    const npm = start('npm', ['start', '--silent'], { ZHICHENG_DATA_DIR: dir, ZHICHENG_NOW: '2024-04-20' });
    started.push(npm);
    await npm.waitFor(/您好/);
    const botPid = readOwner(dir)!.pid;
    expect(botPid).not.toBe(npm.proc.pid);
    expect(alive(botPid)).toBe(true);
    npm.proc.kill('SIGTERM');
    await npm.exited;
    expect(await until(() => !alive(botPid), 10_000)).toBe(true);
  }, 180_000);
});
