/**
 * File primitives for durable state: an append-only JSONL journal and atomic JSON snapshots (temp
 * file + rename, synced). An append reaches the OS at once (a killed process loses nothing) and
 * the disk when `sync()` resolves: the outbox syncs before every send, so the "sending" line
 * that stops a second send after a restart survives a power loss too. A damaged line never stops
 * a reader: it is returned apart (`bad`) for the caller to name and set aside.
 */
import { closeSync, existsSync, fdatasync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, fstatSync } from 'node:fs';
import path from 'node:path';
import { syncDirSync, writeFileAtomicSync } from '../store/atomic.js';

/** Write `value` as JSON to `file` atomically: readers see the old or the new file, never half. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(file, JSON.stringify(value));
}

/** Read a JSON file, or `undefined` when it does not exist. */
export function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Where a damaged file is set aside (kept, never deleted): `<file>.damaged`, numbered when taken. */
export function damagedName(file: string): string {
  let name = `${file}.damaged`;
  for (let i = 2; existsSync(name); i++) name = `${file}.damaged-${i}`;
  return name;
}

/**
 * Read a JSON file that `valid` accepts. A file that does not parse or validate is renamed to
 * `<file>.damaged` (kept for a person to look at) and reported through `onDamaged`; the caller
 * goes on without it. Undefined when missing or damaged.
 */
export function readJsonOrSetAside<T>(file: string, valid: (v: unknown) => boolean, onDamaged: (file: string, setAsideAs: string, why: string) => void): T | undefined {
  if (!existsSync(file)) return undefined;
  let why: string;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (valid(v)) return v as T;
    why = '内容格式不对';
  } catch (e) {
    why = (e as Error).message;
  }
  const to = damagedName(file);
  renameSync(file, to);
  onDamaged(file, to, why);
  return undefined;
}

/** An append-only journal of JSON lines. */
export class Journal {
  private fd: number | undefined;

  constructor(readonly file: string) {}

  /**
   * Every complete entry from byte `offset` on. A torn last line (the process died mid-append) is
   * cut off (when `repair`), so the next append starts on a clean line.
   */
  read<T>(offset = 0, repair = true): { entries: T[]; end: number; bad: string[] } {
    if (!existsSync(this.file)) return { entries: [], end: 0, bad: [] };
    const buf = readFileSync(this.file);
    const end = buf.lastIndexOf(0x0a) + 1;
    // Only the writer repairs; a reader may be looking while the writer is mid-append.
    if (repair && end < buf.length) {
      const fd = openSync(this.file, 'r+');
      try {
        ftruncateSync(fd, end);
      } finally {
        closeSync(fd);
      }
    }
    const entries: T[] = [];
    const bad: string[] = [];
    const text = buf.subarray(Math.min(offset, end), end).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const v = JSON.parse(line) as unknown;
        if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
        entries.push(v as T);
      } catch {
        bad.push(line);
      }
    }
    return { entries, end, bad };
  }

  /**
   * Append one entry as one line (one write call, so a kill leaves at most a torn last line). A
   * failed write (a full disk) is cut back off, so the next append does not continue half a line.
   */
  append(entry: unknown): void {
    let created = false;
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      created = !existsSync(this.file);
      this.fd = openSync(this.file, 'a', 0o600);
      // A new journal's name must be on disk too, or its synced lines could vanish with it.
      if (created) syncDirSync(path.dirname(this.file));
    }
    const before = fstatSync(this.fd).size;
    try {
      writeFileSync(this.fd, JSON.stringify(entry) + '\n');
    } catch (e) {
      try {
        ftruncateSync(this.fd, before);
        // A journal this append created stays absent rather than empty (nothing left behind).
        if (created) {
          this.close();
          rmSync(this.file, { force: true });
        }
      } catch {
        /* the next reader cuts a torn tail */
      }
      throw e;
    }
  }

  /**
   * Resolve once every line appended so far is on disk (fdatasync in Node's thread pool, so the
   * event loop keeps answering chats meanwhile). Callers await it before acting on a line.
   */
  sync(): Promise<void> {
    const fd = this.fd;
    if (fd === undefined) return Promise.resolve();
    // EBADF: closed meanwhile (an erase rewrote the journal), and `close` syncs before closing.
    return new Promise((resolve, reject) => fdatasync(fd, (e) => (e && e.code !== 'EBADF' ? reject(e) : resolve())));
  }

  /** Current size in bytes (the offset a snapshot covers). */
  size(): number {
    if (this.fd !== undefined) return fstatSync(this.fd).size;
    return existsSync(this.file) ? readFileSync(this.file).length : 0;
  }

  /** Sync what was appended and close the file handle. */
  close(): void {
    if (this.fd !== undefined) {
      try {
        fdatasyncSync(this.fd);
      } finally {
        closeSync(this.fd);
      }
    }
    this.fd = undefined;
  }
}
