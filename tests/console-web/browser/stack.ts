/**
 * The whole bot in one process for the browser tests and the screenshots: the fake Telegram Bot API,
 * the real app (memory store, a "today" the test may move), the Telegram channel, the broadcast
 * service, and the web console on an ephemeral 127.0.0.1 port. Knowledge and rules are temp copies,
 * so curating an entry or adding a notice never touches the repository.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app.js';
import { createBroadcastService } from '../../../src/broadcast/service.js';
import { loadBroadcastSettings } from '../../../src/broadcast/settings.js';
import { startTelegram } from '../../../src/channels/telegram/index.js';
import { loadConfig } from '../../../src/config.js';
import { prepareConsole, startWebConsole, type PreparedConsole } from '../../../src/console/index.js';
import type { ConsoleContext } from '../../../src/console/context.js';
import { PROJECT_ROOT } from '../../../src/policy/load.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** True when the browser tests can run here; without chromium they fail under CI and skip otherwise. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`浏览器测试需要 ${CHROMIUM}（.ci/run 会安装 chromium 和 fonts-wqy-microhei）`);
  console.warn(`跳过浏览器测试：没有找到 ${CHROMIUM}。安装：apt-get install -y chromium fonts-wqy-microhei`);
  return false;
}

/** A running stack. */
export interface Stack {
  fake: FakeTelegram;
  app: App;
  prep: PreparedConsole;
  ctx: ConsoleContext;
  url: string;
  dir: string;
  /** Move "today" (YYYY-MM-DD) for answers. */
  setToday(day: string): void;
  /** Move the console's and the broadcast service's clock forward by `ms`. */
  advance(ms: number): void;
  /** The stack's current instant. */
  now(): Date;
  /** Run the console's background work (scheduled sends) now. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Start the stack; `clock` is the instant for broadcasts and the console (defaults to the real clock). */
export async function startStack(o: { today?: string } = {}): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zc-stack-'));
  const knowledgeDir = path.join(dir, 'knowledge');
  const rulesDir = path.join(dir, 'rules');
  cpSync(path.join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'rules'), rulesDir, { recursive: true });
  const fake = await startFakeTelegram();
  const config = loadConfig({
    ZHICHENG_DATA_DIR: path.join(dir, 'data'), ZHICHENG_RULES_DIR: rulesDir, ZHICHENG_CONSOLE_PORT: '0',
    TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot,
  });
  let today = o.today ?? '2024-06-15';
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const prep = prepareConsole(config, clock);
  const broadcast = createBroadcastService({ config, settings: loadBroadcastSettings({ ZHICHENG_TELEGRAM_PER_SECOND: '50' }), clock, intervalMs: 200, log: () => undefined });
  const app = await createApp(config, { store: new MemoryStore(), now: () => today, handlers: [prep.bindHandler, broadcast.staffHandler], knowledgeDir });
  await app.warm();
  const channel = await startTelegram(app, { pollTimeoutSec: 1, log: () => undefined });
  broadcast.start(app, [channel.sender]);
  const web = await startWebConsole(app, prep, {
    deliverNow: () => void broadcast.tick(), clock, port: 0, host: '127.0.0.1',
    paths: { knowledgeDir, rulesDir, offTopicFile: path.join(dir, 'curated-offtopic.jsonl'), evalFile: path.join(dir, 'curated-eval.jsonl') },
  });
  return {
    fake, app, prep, ctx: web.ctx, dir, url: `http://127.0.0.1:${web.port}`,
    setToday: (d) => {
      today = d;
    },
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    tick: web.tick,
    async stop() {
      await web.stop();
      await broadcast.stop();
      await channel.stop();
      await app.close();
      await fake.close();
    },
  };
}
