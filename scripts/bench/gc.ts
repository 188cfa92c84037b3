/** A garbage-collection hook for memory figures: `--expose-gc` when given, else enabled at run time. */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;
if (!gcFn) {
  // Without --expose-gc: turn the flag on and fetch gc from a fresh context (a documented V8 idiom).
  v8.setFlagsFromString('--expose-gc');
  gcFn = runInNewContext('gc') as () => void;
}

/** Collect garbage thoroughly, then return the used heap in bytes. */
export function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gcFn!();
  return process.memoryUsage().heapUsed;
}
