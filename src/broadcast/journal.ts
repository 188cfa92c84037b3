/**
 * File primitives for durable state: an append-only JSONL journal (no fsync: a killed process
 * loses nothing the OS already has) and atomic JSON snapshots (temp file + rename).
 */
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync, fstatSync } from 'node:fs';
import path from 'node:path';

/** Write `value` as JSON to `file` atomically: readers see the old or the new file, never half. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  renameSync(tmp, file);
}

/** Read a JSON file, or `undefined` when it does not exist. */
export function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** An append-only journal of JSON lines. */
export class Journal {
  private fd: number | undefined;

  constructor(readonly file: string) {}

  /**
   * Every complete entry from byte `offset` on. A torn last line (the process died mid-append) is
   * cut off (when `repair`), so the next append starts on a clean line.
   */
  read<T>(offset = 0, repair = true): { entries: T[]; end: number } {
    if (!existsSync(this.file)) return { entries: [], end: 0 };
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
    const text = buf.subarray(Math.min(offset, end), end).toString('utf8');
    for (const line of text.split('\n')) if (line) entries.push(JSON.parse(line) as T);
    return { entries, end };
  }

  /** Append one entry as one line (one write call, so a kill leaves at most a torn last line). */
  append(entry: unknown): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.file, 'a', 0o600);
    }
    writeSync(this.fd, JSON.stringify(entry) + '\n');
  }

  /** Current size in bytes (the offset a snapshot covers). */
  size(): number {
    if (this.fd !== undefined) return fstatSync(this.fd).size;
    return existsSync(this.file) ? readFileSync(this.file).length : 0;
  }

  /** Close the file handle. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
