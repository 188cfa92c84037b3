/**
 * Optional webhook mode: a small HTTP server that accepts updates only with the secret token
 * Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`. Telegram requires HTTPS, so run it
 * behind a TLS reverse proxy that forwards `TELEGRAM_WEBHOOK_URL`'s path to this port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { webhookCallback, type Bot } from 'grammy';
import { ALLOWED_UPDATES } from './bot.js';

/** Webhook settings. */
export interface WebhookOptions {
  url: string;
  /** 1–256 of A–Z a–z 0–9 _ -; a random one is generated when absent. */
  secret?: string;
  port: number;
  host?: string;
}

/** A running webhook server. */
export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

/** Start the server, then register the webhook (with its secret) at Telegram. */
export async function startWebhook(bot: Bot, o: WebhookOptions): Promise<WebhookServer> {
  const secret = o.secret ?? randomBytes(32).toString('hex');
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new Error('TELEGRAM_WEBHOOK_SECRET 只能包含 A-Z、a-z、0-9、_ 和 -，长度 1–256');
  const path = new URL(o.url).pathname;
  const handle = webhookCallback(bot, 'http', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
  });
  await bot.api.setWebhook(o.url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
