/**
 * `npm start`: load the config, create the app, start every configured channel (Telegram, WeChat),
 * else the terminal chat. SIGINT/SIGTERM stop the channels and flush the store. The process owns
 * the data folder while it runs (store/owner.ts): a second one on the same folder is refused, and
 * `broadcast` commands from the CLI are handed to this one. package.json starts node with `exec`,
 * so a signal to the `npm start` process reaches this one.
 */
import { createApp, type App } from './app.js';
import { createBroadcastService } from './broadcast/index.js';
import type { Sender } from './messages/sender.js';
import { startConsole } from './channels/console/index.js';
import { ConfigError, loadConfig } from './config.js';
import { DataError } from './policy/problems.js';
import { StoreError } from './store/lowdb.js';
import { setProcessRole } from './store/owner.js';

type Running = { stop(): Promise<void> };

async function startChannels(app: App): Promise<{ running: Running[]; senders: Sender[]; console?: Promise<void> }> {
  const running: Running[] = [];
  const senders: Sender[] = [];
  if (app.config.telegram) {
    const { startTelegram } = await import('./channels/telegram/index.js');
    const telegram = await startTelegram(app);
    running.push(telegram);
    senders.push(telegram.sender);
  }
  if (app.config.wechat) {
    const { startWechat } = await import('./channels/wechat/index.js');
    const wechat = await startWechat(app);
    running.push(wechat);
    senders.push(wechat.sender);
  }
  if (app.config.officialAccount) {
    const { startOfficialAccount } = await import('./channels/official-account/index.js');
    const oa = await startOfficialAccount(app);
    running.push(oa);
    senders.push(oa.sender);
  }
  if (running.length) return { running, senders };
  const chat = await startConsole(app);
  return { running: [chat], senders, console: chat.done };
}

/** Start the bot; resolves with the exit code once stopped. */
export async function main(): Promise<number> {
  let app: App;
  let broadcast: ReturnType<typeof createBroadcastService>;
  let web: typeof import('./console/index.js') | undefined;
  let prepared: import('./console/index.js').PreparedConsole | undefined;
  try {
    const config = loadConfig(process.env);
    setProcessRole('机器人服务（npm start）', true);
    // The web console is loaded only when configured; its chat bindings make config.staff live.
    if (config.console) {
      web = await import('./console/index.js');
      prepared = web.prepareConsole(config);
    }
    // Staff commands go through the core before the default routing; delivery starts with the channels.
    broadcast = createBroadcastService({ config });
    app = await createApp(config, { handlers: [...(prepared ? [prepared.bindHandler] : []), broadcast.staffHandler] });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof StoreError) {
      process.stderr.write(`无法启动：${e.message}\n`);
      return 1;
    }
    if (e instanceof DataError) {
      process.stderr.write(`数据文件有误，请修正后重试：\n${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { running, senders, console: consoleDone } = await startChannels(app);
  // Build the knowledge index once the channels are up; bad knowledge data stops the bot here.
  await new Promise((r) => setImmediate(r));
  try {
    await app.warm();
  } catch (e) {
    process.stderr.write(e instanceof DataError ? `数据文件有误，请修正后重试：\n${e.message}\n` : `内部错误：${(e as Error).message}\n`);
    for (const r of running) await r.stop().catch(() => undefined);
    await app.close();
    return 1;
  }
  // CLI requests are answered always; reminders and delivery only with a channel that can message
  // people unprompted (not the terminal): the service decides from `senders`.
  broadcast.start(app, senders);
  let webConsole: { port: number; stop(): Promise<void> } | undefined;
  if (web && prepared) {
    try {
      webConsole = await web.startWebConsole(app, prepared, { deliverNow: () => void broadcast.tick() });
      process.stderr.write(`网页控制台：http://${app.config.console!.host}:${webConsole.port}/\n`);
    } catch (e) {
      process.stderr.write(`无法启动网页控制台（ZHICHENG_CONSOLE_PORT=${app.config.console!.port}）：${(e as Error).message}\n`);
      await broadcast.stop().catch(() => undefined);
      for (const r of running) await r.stop().catch(() => undefined);
      await app.close();
      return 1;
    }
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await webConsole?.stop().catch(() => undefined);
      await broadcast.stop().catch(() => undefined);
      for (const r of running) await r.stop().catch(() => undefined);
      await app.close();
    })());
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => void stop().then(resolve));
    process.once('SIGTERM', () => void stop().then(resolve));
    // The terminal chat ends when its input ends (Ctrl-D) or on Ctrl-C inside readline.
    void consoleDone?.then(() => stop().then(resolve));
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Channel libraries may keep handles open after stop; the store is flushed by now.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (e) => {
    process.stderr.write(`内部错误：${(e as Error).message}\n`);
    process.exit(1);
  },
);
