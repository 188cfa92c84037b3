/** The console's page groups beyond log-in, staff and binding (each in its own file), and their background work. */
import { broadcastPageDeps, registerBroadcasts } from './broadcasts.js';
import { MissLog } from './misses.js';
import { registerMisses } from './misses-page.js';
import { registerNotices } from './notices-page.js';
import { registerReminders } from './reminders-page.js';
import type { ConsoleContext } from './context.js';
import type { PageModule } from './server.js';
import type { OverviewExtra } from './overview.js';
import { Stats } from './stats.js';
import { isComplaint } from './complaints.js';

/** Page modules and the timers they need; `stop` ends the timers. */
export interface ConsoleModules {
  modules: PageModule[];
  /** Figures for the overview page. */
  overview: OverviewExtra;
  /** One round of background work now (scheduled sends); tests call it instead of waiting. */
  tick(): Promise<void>;
  stop(): void;
}

/** Every page module for `ctx`; starts the scheduled-send timer (every `intervalMs`). */
export function consoleModules(ctx: ConsoleContext, intervalMs = 30_000, missLog?: MissLog): ConsoleModules {
  const b = broadcastPageDeps(ctx);
  // Every answer the bot could not give is kept (text only) for the curators.
  const misses = missLog ?? new MissLog(ctx.app.config.dataDir, ctx.app.config.missesDays ?? 90, ctx.clock);
  const stats = new Stats(ctx.app.config.dataDir, ctx.clock);
  const unlisten = ctx.app.onAnswer((question, answer) => {
    stats.count(answer.found);
    // A complaint ("没用") is about the previous answer (see complaints.ts), not a question of its own.
    if (!answer.found && !isComplaint(question)) misses.record(question);
  });
  const overview: OverviewExtra = {
    missCount: () => misses.groups().length,
    week: () => stats.lastDays(7),
    broadcastCounts: () => {
      let active = 0;
      let failed = 0;
      for (const id of b.bctx.outbox.ids().slice(-50)) {
        const x = b.bctx.outbox.open(id, false);
        x.close();
        const s = x.summary();
        if (s.state === 'active') active++;
        failed += s.failed;
      }
      return { active, failed };
    },
  };
  const tick = async () => {
    const created = await b.schedule.enqueueDue(b.bctx, ctx.clock());
    if (created.length) ctx.deliverNow();
  };
  void tick().catch(() => undefined);
  const timer = setInterval(() => void tick().catch((e: Error) => process.stderr.write(`[console] 定时发送出错：${e.message}\n`)), intervalMs);
  timer.unref();
  return {
    modules: [(r, c) => registerBroadcasts(r, c, b), (r, c) => registerMisses(r, c, misses), registerNotices, registerReminders],
    overview,
    tick,
    stop: () => {
      clearInterval(timer);
      unlisten();
      stats.close();
    },
  };
}
