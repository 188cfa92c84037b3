/** The console's page groups beyond log-in, staff and binding (each in its own file), and their background work. */
import { broadcastPageDeps, registerBroadcasts } from './broadcasts.js';
import { MissLog } from './misses.js';
import { registerMisses } from './misses-page.js';
import { registerNotices } from './notices-page.js';
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
  // Every answer the bot could not give is kept (text only) for the curators.
  const misses = new MissLog(ctx.app.config.dataDir, ctx.app.config.missesDays ?? 90, ctx.clock);
  const unlisten = ctx.app.onAnswer((question, answer) => {
    if (!answer.found) misses.record(question);
  });
  const tick = async () => {
    const created = await b.schedule.enqueueDue(b.bctx, ctx.clock());
    if (created.length) ctx.deliverNow();
  };
  void tick().catch(() => undefined);
  const timer = setInterval(() => void tick().catch((e: Error) => process.stderr.write(`[console] 定时发送出错：${e.message}\n`)), intervalMs);
  timer.unref();
  return {
    modules: [(r, c) => registerBroadcasts(r, c, b), (r, c) => registerMisses(r, c, misses), registerNotices],
    tick,
    stop: () => {
      clearInterval(timer);
      unlisten();
    },
  };
}
