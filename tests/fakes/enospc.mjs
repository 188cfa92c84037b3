/**
 * A full disk, injected in the fs layer (preload: `NODE_OPTIONS=--import=<abs path>/tests/fakes/enospc.mjs`;
 * plain JavaScript, so it loads before tsx):
 * every attempt to create or write a file, or to create a folder, under $ZC_ENOSPC_DIR fails with
 * ENOSPC, as on a full disk. Reading, renaming and removing still work (removing frees space).
 * Tests that cannot mount a small tmpfs use this instead.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const root = process.env.ZC_ENOSPC_DIR ? path.resolve(process.env.ZC_ENOSPC_DIR) : undefined;
const under = (p) => root !== undefined && (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) && path.resolve(String(p instanceof URL ? p.pathname : p)).startsWith(root);
const writes = (flags) => typeof flags === 'string' ? /[wax+]/.test(flags) : typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : false;
const enospc = (syscall, p) => Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${String(p)}'`), { code: 'ENOSPC', errno: -28, syscall, path: String(p) });

if (root) {
  const f = fs;
  const p = fs.promises;
  const sync = (name, blocked) => {
    const orig = f[name];
    f[name] = (...a) => {
      if (blocked(a)) throw enospc(name, a[0]);
      return orig(...a);
    };
  };
  const cb = (name, blocked) => {
    const orig = f[name];
    f[name] = (...a) => {
      if (blocked(a)) {
        const done = a.at(-1);
        return process.nextTick(() => done(enospc(name, a[0])));
      }
      return orig(...a);
    };
  };
  const prom = (name, blocked) => {
    const orig = p[name];
    p[name] = (...a) => (blocked(a) ? Promise.reject(enospc(name, a[0])) : orig(...a));
  };
  const newDir = (a) => under(a[0]) && !fs.existsSync(a[0]);
  const openW = (a) => under(a[0]) && writes(a[1]);
  const pathArg = (a) => under(a[0]);
  sync('openSync', openW);
  sync('writeFileSync', pathArg);
  sync('appendFileSync', pathArg);
  sync('mkdirSync', newDir);
  sync('copyFileSync', (a) => under(a[1]));
  cb('open', openW);
  cb('writeFile', pathArg);
  cb('appendFile', pathArg);
  cb('mkdir', newDir);
  prom('open', openW);
  prom('writeFile', pathArg);
  prom('appendFile', pathArg);
  prom('mkdir', newDir);
  syncBuiltinESMExports();
}
