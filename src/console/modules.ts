/** The console's page groups beyond log-in, staff and binding (each in its own file), and their background work. */
import { broadcastPageDeps, registerBroadcasts } from './broadcasts.js';
import type { ConsoleContext } from './context.js';
import type { PageModule } from './server.js';

/** Page modules and the timers they need; `stop` ends the timers. */
export interface ConsoleModules {
  modules: PageModule[];
  /** One round of background work now (scheduled sends); tests call it instead of waiting. */
  tick(): Promise<void>;
  stop(): void;
}

/** Every page module for `ctx`; starts the scheduled-send timer (every `intervalMs`). */
export function consoleModules(ctx: ConsoleContext, intervalMs = 30_000): ConsoleModules {
  const b = broadcastPageDeps(ctx);
  const tick = async () => {
    const created = await b.schedule.enqueueDue(b.bctx, ctx.clock());
    if (created.length) ctx.deliverNow();
  };
  void tick().catch(() => undefined);
  const timer = setInterval(() => void tick().catch((e: Error) => process.stderr.write(`[console] 定时发送出错：${e.message}\n`)), intervalMs);
  timer.unref();
  return {
    modules: [(r, c) => registerBroadcasts(r, c, b)],
    tick,
    stop: () => clearInterval(timer),
  };
}
