/**
 * The Telegram channel: `startTelegram(app)` connects the bot core to Telegram (long polling by
 * default, webhook when `TELEGRAM_WEBHOOK_URL` is set) and returns the broadcast sender.
 *
 * ```ts
 * const { stop, sender } = await startTelegram(app);   // app.config.telegram must be set
 * await sender.send('12345', { text: '申报窗口已开放' });
 * await stop();
 * ```
 */
import { GrammyError, HttpError } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { BotCore } from '../../messages/message.js';
import type { Config } from '../../config.js';
import type { Sender } from '../../messages/sender.js';
import { ALLOWED_UPDATES, createTelegramBot } from './bot.js';
import { createTelegramSender } from './sender.js';
import { loadTelegramTexts, type TelegramTexts } from './texts.js';
import { startWebhook, type WebhookServer } from './webhook.js';
import { shortReason } from './network.js';

/** What the channel needs from the app (the real `App` has all of it). */
export interface TelegramHost {
  config: Pick<Config, 'telegram'>;
  core: BotCore;
}

/** Knobs for tests and benchmarks; production uses the defaults. */
export interface TelegramOptions {
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSec?: number;
  /** Deadline of other API calls in seconds (default 15; tests use less). */
  callTimeoutSec?: number;
  /** Longest pause between connection attempts at start (ms; default 60 s). */
  maxStartDelayMs?: number;
  /** Webhook listening port/host, overriding the config (tests use port 0 on 127.0.0.1). */
  webhookPort?: number;
  webhookHost?: string;
  texts?: TelegramTexts;
  log?: (line: string) => void;
}

/** A running Telegram channel. */
export interface TelegramChannel {
  stop(): Promise<void>;
  sender: Sender;
  /** The webhook server's port, in webhook mode. */
  webhookPort?: number;
}

/** Start the Telegram channel for `app`; rejects with a one-line Chinese error when Telegram refuses the token. */
export async function startTelegram(app: TelegramHost, opts: TelegramOptions = {}): Promise<TelegramChannel> {
  const cfg = app.config.telegram;
  if (!cfg) throw new Error('未设置 TELEGRAM_BOT_TOKEN，无法启动 Telegram 渠道');
  const log = opts.log ?? ((line: string) => console.error(`[telegram] ${line}`));
  const texts = opts.texts ?? loadTelegramTexts();
  const poll = opts.pollTimeoutSec ?? 30;
  const { bot, keyboards } = createTelegramBot({ token: cfg.token, apiRoot: cfg.apiRoot, core: app.core, texts, log, pollTimeoutSec: poll, callTimeoutSec: opts.callTimeoutSec });
  const sender = createTelegramSender({ token: cfg.token, apiRoot: cfg.apiRoot, keyboards, callTimeoutSec: opts.callTimeoutSec });

  // Unreachable at start: say so at once, in Chinese, and keep trying (the operator may be fixing the network).
  for (let attempt = 1; ; attempt++) {
    try {
      // Not bot.init(): it retries getMe on network errors for ever, silently.
      bot.botInfo = await bot.api.getMe();
      if (attempt > 1) log(`已连接 Telegram Bot API（第${attempt}次尝试）`);
      break;
    } catch (e) {
      if (e instanceof GrammyError && e.error_code === 401) throw new Error('Telegram 拒绝了 TELEGRAM_BOT_TOKEN（401），请检查令牌');
      if (!(e instanceof HttpError) && !(e instanceof GrammyError && e.error_code >= 500)) throw e;
      const delay = Math.min(opts.maxStartDelayMs ?? 60_000, 1000 * 2 ** Math.min(attempt, 10));
      log(`连接不上 Telegram Bot API（${cfg.apiRoot ?? 'https://api.telegram.org'}，${e instanceof HttpError ? shortReason(e) : e.error_code}），${Math.round(delay / 1000)}秒后重试；请检查网络或 TELEGRAM_API_ROOT`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  // The command menu is a convenience: a failure is logged, not fatal.
  await bot.api.setMyCommands(texts.commands).catch((e: Error) => log(`setMyCommands failed: ${e.name}`));

  if (cfg.webhookUrl) {
    const server: WebhookServer = await startWebhook(bot, {
      url: cfg.webhookUrl,
      secret: cfg.webhookSecret,
      port: opts.webhookPort ?? cfg.webhookPort,
      host: opts.webhookHost,
    });
    log(`Webhook 模式，在端口 ${server.port} 上接收消息`);
    return { sender, webhookPort: server.port, stop: () => server.close() };
  }

  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { timeout: poll, allowed_updates: ALLOWED_UPDATES }, silent: true, retryInterval: 'exponential' },
  });
  log(`长轮询模式，机器人账号 @${bot.botInfo.username}`);
  return {
    sender,
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
