/**
 * The staff web console (docs/console.md), loaded by `npm start` only when ZHICHENG_CONSOLE_PORT is
 * set (a dynamic import, so it costs nothing otherwise).
 *
 * ```ts
 * const prep = prepareConsole(config);              // before createApp: chat bindings become staff
 * const app = await createApp(config, { handlers: [prep.bindHandler, broadcast.staffHandler] });
 * const web = await startWebConsole(app, prep, { deliverNow: () => void broadcast.tick() });
 * // … await web.stop() on shutdown
 * ```
 */
import path from 'node:path';
import type { App, AppHandler } from '../app.js';
import { AuditLog } from '../broadcast/audit.js';
import type { Config } from '../config.js';
import { PROJECT_ROOT } from '../policy/load.js';
import { Accounts } from './accounts.js';
import { LiveStaff, createBindHandler } from './bind.js';
import { createComplaintWatcher } from './complaints.js';
import { MissLog } from './misses.js';
import type { ConsoleContext, ConsolePaths } from './context.js';
import { createConsoleApp, serveConsole, type PageModule } from './server.js';
import { Sessions } from './sessions.js';
import { consoleModules } from './modules.js';

/** What is set up before the app exists. */
export interface PreparedConsole {
  accounts: Accounts;
  audit: AuditLog;
  /** Give this to createApp's handlers, first: "绑定 123456", and watching for "没用 / 不对 / 人工" after an answer. */
  bindHandler: AppHandler;
  /** The one log of questions the bot missed: the complaint watcher and the pages share it (one file, one writer). */
  misses: MissLog;
}

/** Make chat accounts bound in the console staff (`config.staff` becomes live) and build the bind handler. */
export function prepareConsole(config: Config, clock: () => Date = () => new Date()): PreparedConsole {
  const accounts = new Accounts(config.dataDir, () => clock().getTime());
  const audit = new AuditLog(config.dataDir);
  config.staff = new LiveStaff(config.staff, accounts);
  const bind = createBindHandler(accounts, audit, clock);
  const misses = new MissLog(config.dataDir, config.missesDays ?? 90, clock);
  const watch = createComplaintWatcher(misses, clock);
  return {
    accounts,
    audit,
    misses,
    bindHandler: async (msg, app) => {
      await watch(msg, app);
      return bind(msg);
    },
  };
}

/** The repository folders the console writes to by default. */
export function defaultPaths(config: Pick<Config, 'rulesDir'>): ConsolePaths {
  return {
    knowledgeDir: path.join(PROJECT_ROOT, 'knowledge'),
    rulesDir: config.rulesDir ? path.resolve(config.rulesDir) : path.join(PROJECT_ROOT, 'rules'),
    offTopicFile: path.join(PROJECT_ROOT, 'tests', 'fixtures', 'stress', 'curated-offtopic.jsonl'),
    evalFile: path.join(PROJECT_ROOT, 'tests', 'fixtures', 'eval', 'curated.jsonl'),
  };
}

/** Options of `startWebConsole` (tests override paths, port and clock). */
export interface WebConsoleOptions {
  deliverNow?: () => void;
  paths?: Partial<ConsolePaths>;
  clock?: () => Date;
  port?: number;
  host?: string;
  modules?: PageModule[];
  /** How often scheduled sends are checked (ms). */
  intervalMs?: number;
}

/** Build the console context for a running app. */
export function consoleContext(app: App, prep: PreparedConsole, o: WebConsoleOptions = {}): ConsoleContext {
  const clock = o.clock ?? (() => new Date());
  return {
    app,
    accounts: prep.accounts,
    audit: prep.audit,
    sessions: new Sessions(() => clock().getTime()),
    paths: { ...defaultPaths(app.config), ...o.paths },
    clock,
    deliverNow: o.deliverNow ?? (() => undefined),
    reloadData: () => app.reload(),
  };
}

/** Start listening; resolves with the port (and a stop function). */
export async function startWebConsole(app: App, prep: PreparedConsole, o: WebConsoleOptions = {}): Promise<{ port: number; stop(): Promise<void>; ctx: ConsoleContext; tick(): Promise<void> }> {
  const ctx = consoleContext(app, prep, o);
  const mods = consoleModules(ctx, o.intervalMs, prep.misses);
  const web = createConsoleApp(ctx, o.modules ?? mods.modules, mods.overview);
  const cfg = app.config.console;
  try {
    const served = await serveConsole(web, o.port ?? cfg?.port ?? 0, o.host ?? cfg?.host ?? '127.0.0.1');
    return {
      ctx,
      port: served.port,
      tick: mods.tick,
      async stop() {
        mods.stop();
        await served.stop();
      },
    };
  } catch (e) {
    mods.stop();
    throw e;
  }
}
