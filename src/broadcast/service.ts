/**
 * The broadcast service inside the running bot (`npm start`): every minute it enqueues due
 * reminders and delivers whatever the outbox holds (staff broadcasts from chat or CLI, reminders),
 * through the connected channels' senders, and answers `broadcast` commands that the CLI hands it
 * (requests.ts). It runs in the process that owns the data folder (store/owner.ts), so it is the
 * only one writing the outbox: no separate delivery lock is needed.
 *
 * ```ts
 * const broadcast = createBroadcastService({ config });
 * const app = await createApp(config, { handlers: [broadcast.staffHandler] });
 * // … start the channels, collect their senders …
 * broadcast.start(app, senders);            // and `await broadcast.stop()` on shutdown
 * ```
 */
import path from 'node:path';
import type { Config } from '../config.js';
import type { Sender } from '../messages/sender.js';
import type { Policy } from '../policy/load.js';
import type { Store } from '../store/port.js';
import { AuditLog } from './audit.js';
import { runBroadcastRequest } from './commands.js';
import { Dispatcher } from './dispatcher.js';
import { broadcastContext } from './ops.js';
import { Outbox } from './outbox.js';
import { enqueueDueReminders } from './reminders.js';
import { serveRequests } from './requests.js';
import { loadBroadcastSettings, type BroadcastSettings } from './settings.js';
import { createStaffHandler, type StaffHandler } from './staff.js';
import { ReminderSwitches } from './switches.js';
import { broadcastTexts } from './texts.js';

/** What the service needs from the app (the real `App` has it). */
export interface BroadcastHost {
  config: Config;
  store: Store;
  policy: Policy;
}

/** A running broadcast service. */
export interface BroadcastService {
  /** Give this to `createApp(config, { handlers: [staffHandler] })`. */
  staffHandler: StaffHandler;
  /**
   * Start answering CLI requests, and — when `senders` is not empty — reminders and delivery with
   * the channels' senders (call once the channels are up).
   */
  start(app: BroadcastHost, senders: Sender[]): void;
  /** Run one round now (enqueue due reminders, deliver); used by tests and after an enqueue. */
  tick(): Promise<void>;
  /** Answer the CLI requests waiting now (also run every `requestPollMs`). */
  serve(): Promise<number>;
  /** Remove a person from every broadcast (删除我的数据 / 退订); returns in how many they were. */
  erase(key: string): number;
  stop(): Promise<void>;
}

/** Options; production passes only the config. */
export interface BroadcastServiceOptions {
  config: Config;
  settings?: BroadcastSettings;
  /** The current instant (`ZHICHENG_NOW` pins only "today" for answers; reminders use the real clock). */
  clock?: () => Date;
  intervalMs?: number;
  /** How often CLI requests are looked for (default 300 ms). */
  requestPollMs?: number;
  log?: (line: string) => void;
}

/** Create the service; the staff handler works before `start` (it only enqueues). */
export function createBroadcastService(o: BroadcastServiceOptions): BroadcastService {
  const settings = o.settings ?? loadBroadcastSettings();
  const texts = broadcastTexts();
  const clock = o.clock ?? (() => new Date());
  const log = o.log ?? ((line: string) => console.error(`[broadcast] ${line}`));
  const outbox = new Outbox(path.join(o.config.dataDir, 'outbox'), (what, to, why) => log(`发送记录已损坏：${what}（${why}），已另存为 ${to}（未删除），其余照常发送`));
  const audit = new AuditLog(o.config.dataDir);
  const switches = new ReminderSwitches(o.config.dataDir);
  let host: BroadcastHost | undefined;
  let dispatcher: Dispatcher | undefined;
  let connected = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let requestTimer: NodeJS.Timeout | undefined;
  let serving: Promise<number> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const round = async () => {
    if (!host || !dispatcher) return;
    const created = await enqueueDueReminders({ policy: host.policy, timing: o.config.reminders, outbox, audit, store: host.store, now: clock(), texts: texts.reminders, off: switches.off() });
    for (const id of created) log(`reminder enqueued: ${id}`);
    for (const r of await dispatcher.deliverAll()) {
      if (r.capped.length) log(`${r.id}: daily cap reached on ${r.capped.join(', ')}; continuing tomorrow`);
    }
  };
  const tick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round().catch((e: Error) => log(`round failed: ${e.message}`));
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };
  /** Channels of a broadcast's recipients that cannot be sent on now (empty: delivery started). */
  const missingChannels = (id: string): string[] => {
    const channels = new Set(outbox.manifest(id)?.recipients.map((r) => r.channel) ?? []);
    if (!dispatcher) return [...channels];
    return [...channels].filter((c) => !connected.has(c));
  };
  const capped = (ch: string) => dispatcher?.pacer(ch as 'telegram').capped() ?? false;

  const staffHandler = createStaffHandler({
    config: o.config, settings, texts, clock,
    onEnqueued: (id) => {
      void tick();
      return missingChannels(id);
    },
    capped,
  });

  const serve = (): Promise<number> => {
    if (serving || !host) return serving ?? Promise.resolve(0);
    const store = host.store;
    const ctx = broadcastContext(o.config.dataDir, store, settings, texts);
    serving = serveRequests(o.config.dataDir, async (req) => {
      const res = await runBroadcastRequest(ctx, req, { now: clock(), capped });
      if (req.sub === 'send' || req.sub === 'cancel') void tick();
      return res;
    })
      .catch((e: Error) => {
        log(`request failed: ${e.message}`);
        return 0;
      })
      .finally(() => (serving = undefined));
    return serving;
  };

  const erase = (key: string): number => {
    try {
      return outbox.erase(key);
    } catch (e) {
      log(`删除广播记录中的用户数据失败（${(e as NodeJS.ErrnoException).code ?? (e as Error).name}）`);
      return 0;
    }
  };

  return {
    staffHandler,
    tick,
    serve,
    erase,
    start(app, senders) {
      host = app;
      // Deleting a person's data reaches the outbox too (the store tells us when a subscriber is deleted).
      app.store.onSubscriberDeleted?.((key) => void erase(key));
      requestTimer = setInterval(() => void serve(), o.requestPollMs ?? 300);
      requestTimer.unref();
      void serve();
      // Reminders and broadcasts need a channel that can message people unprompted (not the terminal).
      if (senders.length === 0) return;
      connected = new Set(senders.map((s) => s.channel));
      dispatcher = new Dispatcher({ outbox, senders, store: app.store, settings, stateDir: outbox.dir });
      void tick();
      timer = setInterval(() => void tick(), o.intervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (requestTimer) clearInterval(requestTimer);
      dispatcher?.stop();
      await serving;
      await running;
    },
  };
}
