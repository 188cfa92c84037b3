/**
 * Atomic file writes with private permissions: the temporary file is created 0600 (never briefly
 * readable by others, as lowdb's steno temp file was), synced, renamed over the target, and the
 * folder synced, so after a power loss the target holds the old or the new text, and a write
 * that returned is not undone. On failure (a full disk) the temporary file is removed and the
 * target is left as it was.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let seq = 0;
const tempName = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++seq}.tmp`);

/** Write `text` to `file` atomically (async), mode 0600. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = tempName(file);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await syncDir(path.dirname(file));
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Write `text` to `file` atomically (synchronously), mode 0600. */
export function writeFileAtomicSync(file: string, text: string): void {
  const tmp = tempName(file);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    syncDirSync(path.dirname(file));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Make a folder's entries durable (a rename or a new file in it): without this, a power loss
 * after a rename may bring back the old name, even though the file's own data was synced.
 */
export function syncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `syncDirSync` without blocking the event loop. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
