/**
 * The broadcast service inside the running bot (`npm start`): every minute it enqueues due
 * reminders and delivers whatever the outbox holds (staff broadcasts from chat or CLI, reminders),
 * through the connected channels' senders. Holds the delivery lock for its data dir.
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
import type { Sender } from '../channels/sender.js';
import type { Policy } from '../policy/load.js';
import type { Store } from '../store/port.js';
import { AuditLog } from './audit.js';
import { Dispatcher } from './dispatcher.js';
import { takeDeliveryLock } from './lock.js';
import { Outbox } from './outbox.js';
import { enqueueDueReminders } from './reminders.js';
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
  /** Start reminders and delivery with the channels' senders (call once the channels are up). */
  start(app: BroadcastHost, senders: Sender[]): void;
  /** Run one round now (enqueue due reminders, deliver); used by tests and after an enqueue. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Options; production passes only the config. */
export interface BroadcastServiceOptions {
  config: Config;
  settings?: BroadcastSettings;
  /** The current instant (`ZHICHENG_NOW` pins only "today" for answers; reminders use the real clock). */
  clock?: () => Date;
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Create the service; the staff handler works before `start` (it only enqueues). */
export function createBroadcastService(o: BroadcastServiceOptions): BroadcastService {
  const settings = o.settings ?? loadBroadcastSettings();
  const texts = broadcastTexts();
  const clock = o.clock ?? (() => new Date());
  const log = o.log ?? ((line: string) => console.error(`[broadcast] ${line}`));
  const outbox = new Outbox(path.join(o.config.dataDir, 'outbox'));
  const audit = new AuditLog(o.config.dataDir);
  const switches = new ReminderSwitches(o.config.dataDir);
  let host: BroadcastHost | undefined;
  let dispatcher: Dispatcher | undefined;
  let release: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const round = async () => {
    if (!host) return;
    const created = await enqueueDueReminders({ policy: host.policy, timing: o.config.reminders, outbox, audit, store: host.store, now: clock(), texts: texts.reminders, off: switches.off() });
    for (const id of created) log(`reminder enqueued: ${id}`);
    if (!dispatcher) return;
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

  const staffHandler = createStaffHandler({
    config: o.config, settings, texts, clock,
    onEnqueued: () => void tick(),
    capped: (ch) => dispatcher?.limiter(ch as 'telegram').capped() ?? false,
  });

  return {
    staffHandler,
    tick,
    start(app, senders) {
      host = app;
      release = takeDeliveryLock(outbox.dir);
      if (release) dispatcher = new Dispatcher({ outbox, senders, store: app.store, settings, stateDir: outbox.dir });
      else log('another live process is delivering this data dir; this one only enqueues');
      void tick();
      timer = setInterval(() => void tick(), o.intervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      dispatcher?.stop();
      await running;
      release?.();
    },
  };
}
