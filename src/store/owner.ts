/**
 * One owner of the data folder. Every process that writes there (`npm start`, the terminal chat,
 * a `broadcast` command run while no bot is running) takes `<dataDir>/owner.lock` first; a second
 * process is refused with a Chinese message naming the folder and the owner, so two processes can
 * never overwrite each other's sessions, subscribers or outbox.
 *
 * The lock is a directory created atomically (proper-lockfile) whose mtime the owner refreshes.
 * Inside it, `owner.json` names the owner by more than a PID: host, boot id and the process's start
 * time from /proc, so a PID reused after a restart (a container's `1`, our own PID) is recognised
 * as a dead owner and taken over at once. When the owner cannot be identified (another host, no
 * /proc), the lock counts as abandoned once its mtime is older than `STALE_MS`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { isDiskFull, StoreError } from './errors.js';
import { tightenDataFolder } from './permissions.js';

/** Who owns the folder, as written into the lock. */
export interface OwnerInfo {
  pid: number;
  host: string;
  /** Linux boot id and the process start time (clock ticks since boot): a PID alone is not an identity. */
  bootId?: string;
  startTicks?: number;
  startedAt: string;
  /** What the owner is, in Chinese for the refusal message (e.g. “机器人服务（npm start）”). */
  role: string;
  /** True when the owner picks up `broadcast` requests from other processes (see broadcast/requests.ts). */
  serves: boolean;
}

/** A held data folder. */
export interface FolderLease {
  dir: string;
  info: OwnerInfo;
  /** Set when the lock was lost (removed or taken over): this process must stop writing. */
  lost(): Error | undefined;
  /** Take the lock again after it was lost, when nobody else holds it; throws `FolderBusyError` otherwise. */
  regain(): Promise<void>;
  release(): Promise<void>;
}

/** The folder is owned by another live process; the message names the folder and the owner. */
export class FolderBusyError extends StoreError {
  constructor(readonly dir: string, readonly owner: OwnerInfo | undefined) {
    super(
      `数据目录 ${dir} 正由另一个进程使用（${describeOwner(owner)}）。同一个数据目录只能由一个进程写入，以免互相覆盖数据；` +
        '请先停止那个进程，或用 ZHICHENG_DATA_DIR 为本进程指定另一个目录。',
    );
    this.name = 'FolderBusyError';
  }
}

/** Without an identifiable owner, a lock not refreshed for this long is abandoned. */
export const STALE_MS = 30_000;
const UPDATE_MS = 5_000;
const LOCK_NAME = 'owner.lock';
const INFO_NAME = 'owner.json';

/** The owner in words, for messages. */
export function describeOwner(o: OwnerInfo | undefined): string {
  if (!o) return '进程信息尚未写入';
  return `${o.role}，进程号 ${o.pid}，主机 ${o.host}，${o.startedAt} 起`;
}

/** Start time of a process in clock ticks since boot, from /proc (Linux); undefined elsewhere or when gone. */
function startTicks(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = Number(rest[19]);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** This process, as an owner. */
function selfInfo(role: string, serves: boolean): OwnerInfo {
  return { pid: process.pid, host: os.hostname(), bootId: bootId(), startTicks: startTicks('self'), startedAt: new Date().toISOString(), role, serves };
}

/** 'alive' / 'dead' when the owner can be identified on this machine, 'unknown' otherwise. */
export function ownerState(o: OwnerInfo | undefined): 'alive' | 'dead' | 'unknown' {
  if (!o || o.host !== os.hostname() || o.startTicks === undefined || !o.bootId) return 'unknown';
  if (o.bootId !== bootId()) return 'dead'; // the machine restarted since
  const ticks = startTicks(o.pid);
  if (ticks === undefined) return startTicks('self') === undefined ? 'unknown' : 'dead';
  return ticks === o.startTicks ? 'alive' : 'dead'; // a different process now has that PID
}

/** The owner written in the lock of `dir`, if any. */
export function readOwner(dir: string): OwnerInfo | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, LOCK_NAME, INFO_NAME), 'utf8')) as OwnerInfo;
  } catch {
    return undefined;
  }
}

/** The live owner of `dir`, or undefined when the folder is free (or its lock abandoned). */
export async function liveOwner(dir: string): Promise<OwnerInfo | undefined> {
  const lockDir = path.join(dir, LOCK_NAME);
  if (!existsSync(lockDir)) return undefined;
  const o = readOwner(dir);
  const state = ownerState(o);
  if (state === 'alive') return o;
  if (state === 'dead') return undefined;
  const held = await lockfile.check(dir, { lockfilePath: lockDir, realpath: false, stale: STALE_MS }).catch(() => false);
  return held ? (o ?? { pid: 0, host: '?', startedAt: '?', role: '未知进程', serves: false }) : undefined;
}

let processRole = { role: `命令行进程（${process.argv.slice(2, 4).join(' ') || 'node'}）`, serves: false };

/** How this process describes itself to a second process (main.ts: the bot service, which serves requests). */
export function setProcessRole(role: string, serves: boolean): void {
  processRole = { role, serves };
}

/** Folders this process holds, so a second open in the same process is refused too. */
const heldDirs = new Map<string, OwnerInfo>();

/**
 * Take the data folder for this process; throws `FolderBusyError` when a live process holds it and
 * `StoreError` when the folder cannot be used. An existing folder is tightened to 0700.
 */
export async function takeFolder(dir: string, o: { role?: string; serves?: boolean; log?: (line: string) => void } = {}): Promise<FolderLease> {
  const abs = path.resolve(dir);
  try {
    mkdirSync(abs, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StoreError(`无法创建数据目录：${abs}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  const here = heldDirs.get(abs);
  if (here) throw new FolderBusyError(abs, here);
  const lockDir = path.join(abs, LOCK_NAME);
  const info = selfInfo(o.role ?? processRole.role, o.serves ?? processRole.serves);
  let lostError: Error | undefined;
  let unlock: (() => Promise<void>) | undefined;

  const acquire = async () => {
    if (existsSync(lockDir)) {
      const prev = readOwner(abs);
      const mine = prev?.pid === process.pid && prev.startTicks === info.startTicks && prev.startedAt === info.startedAt;
      const state = mine ? 'dead' : ownerState(prev); // our own lock, lost and being regained
      if (state === 'alive') throw new FolderBusyError(abs, prev);
      if (state === 'dead') {
        // Set aside rather than delete in place, so a lock created meanwhile by a third process is not removed half-way.
        const trash = `${lockDir}.stale-${process.pid}-${Date.now()}`;
        try {
          renameSync(lockDir, trash);
          rmSync(trash, { recursive: true, force: true });
        } catch {
          /* someone else cleared it */
        }
      }
    }
    try {
      unlock = await lockfile.lock(abs, {
        lockfilePath: lockDir,
        realpath: false,
        stale: STALE_MS,
        update: UPDATE_MS,
        onCompromised: (err) => {
          lostError = err;
          unlock = undefined;
          o.log?.(`数据目录 ${abs} 的锁已失效（${err.message}）；在重新取得之前本进程不再写入数据。`);
        },
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') throw new FolderBusyError(abs, readOwner(abs));
      if (isDiskFull(e)) throw new StoreError(`磁盘空间不足（${(e as NodeJS.ErrnoException).code}），无法使用数据目录 ${abs}；没有写入任何内容。请清理磁盘后重试。`);
      throw new StoreError(`无法锁定数据目录：${abs}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    }
    try {
      // Writing into the lock folder changes its mtime, which proper-lockfile checks as its own:
      // put the mtime back to what it set.
      const before = statSync(lockDir);
      writeFileSync(path.join(lockDir, INFO_NAME), JSON.stringify(info), { mode: 0o600 });
      utimesSync(lockDir, before.atime, before.mtime);
    } catch (e) {
      await releaseLock();
      if (isDiskFull(e)) throw new StoreError(`磁盘空间不足（${(e as NodeJS.ErrnoException).code}），无法使用数据目录 ${abs}；没有写入任何内容。请清理磁盘后重试。`);
      throw new StoreError(`无法写入数据目录：${abs}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    }
    lostError = undefined;
  };
  const releaseLock = async () => {
    try {
      unlinkSync(path.join(lockDir, INFO_NAME));
    } catch {
      /* gone */
    }
    const u = unlock;
    unlock = undefined;
    await u?.().catch(() => undefined);
  };

  await acquire();
  // An existing folder may have been created 0755 by an older version or by hand: personal data is for this user only.
  try {
    tightenDataFolder(abs);
  } catch (e) {
    await releaseLock();
    throw e;
  }
  heldDirs.set(abs, info);
  // Leaving without release (process.exit, an uncaught error): give the folder up all the same, so
  // the next start does not wait for the lock to go stale. Only while the lock is still ours.
  const onExit = () => {
    if (lostError || !unlock) return;
    try {
      unlinkSync(path.join(lockDir, INFO_NAME));
      rmdirSync(lockDir);
    } catch {
      /* gone, or proper-lockfile's own exit handler removed it first */
    }
  };
  process.once('exit', onExit);
  return {
    dir: abs,
    info,
    lost: () => lostError,
    async regain() {
      if (!lostError) return;
      await acquire();
    },
    async release() {
      process.removeListener('exit', onExit);
      heldDirs.delete(abs);
      await releaseLock();
    },
  };
}
