/**
 * One delivering process per data dir: a lock file holding the owner's pid, created exclusively.
 * A lock left by a dead process (killed, crashed) is taken over.
 */
import { readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Try to take the delivery lock; returns a release function, or undefined when another live process holds it. */
export function takeDeliveryLock(dir: string): (() => void) | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'deliver.lock');
  for (let i = 0; i < 2; i++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) return undefined;
      unlinkSync(file);
    }
  }
  return undefined;
}
