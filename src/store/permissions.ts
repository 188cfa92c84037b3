/**
 * The data folder holds personal data (interview answers, chat ids): readable by the service user
 * alone. A folder made by an older version or by hand (0755, files 0644) is tightened at start.
 */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.js';

/** Bits that let the group or others in. */
const LOOSE = 0o077;

/**
 * Set `dir` to 0700 and every file and folder inside it that others could read to 0600 / 0700.
 * Symbolic links are left alone (their target is not ours to change). Throws `StoreError`, in
 * Chinese and naming the path, when a mode cannot be changed (e.g. the files belong to another user).
 */
export function tightenDataFolder(dir: string): void {
  tighten(dir, 0o700);
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const p = path.join(folder, name);
      const st = lstatSync(p, { throwIfNoEntry: false });
      if (!st || st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (st.mode & LOOSE) tighten(p, 0o700);
        walk(p);
      } else if (st.isFile() && st.mode & LOOSE) tighten(p, 0o600);
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`无法检查数据目录 ${dir} 里文件的权限（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）；为保护个人数据已停止。`);
  }
}

function tighten(p: string, mode: number): void {
  try {
    chmodSync(p, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '未知错误';
    throw new StoreError(
      `数据目录里的 ${p} 其他用户也能读取，而本程序无法把它的权限收紧为 ${mode.toString(8).padStart(4, '0')}（${code}）；为保护个人数据已停止。请用该文件的所有者运行本程序，或手工执行 chmod -R go-rwx 数据目录 后再启动。`,
    );
  }
}
