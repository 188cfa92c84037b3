/**
 * The broadcast `Sender` for Telegram. It uses its own API client WITHOUT auto-retry: a 429 or a
 * failure comes back as a `SendResult` so the durable outbox decides when to retry (a 429 pauses
 * the whole Telegram lane for its `retry_after`); the outbox paces broadcasts itself.
 */
import { Api } from 'grammy';
import type { Reply } from '../../messages/message.js';
import type { Sender, SendResult } from '../../messages/sender.js';
import type { KeyboardMemory } from './keyboard.js';
import { deliver } from './render.js';
import { toSendResult } from './errors.js';
import { boundedCalls } from './network.js';

/** Options for the Telegram sender. */
export interface TelegramSenderOptions {
  token: string;
  apiRoot?: string;
  /** The bot's keyboard memory, so buttons in a broadcast can be pressed. */
  keyboards: KeyboardMemory;
  /** Deadline of one call (seconds; default CALL_TIMEOUT_SEC). */
  callTimeoutSec?: number;
}

/**
 * Create the sender. A reply longer than one message is sent in pieces; if a later piece fails,
 * the earlier ones were delivered (broadcast texts are short, so this is rare).
 */
export function createTelegramSender(o: TelegramSenderOptions): Sender {
  const api = new Api(o.token, { apiRoot: o.apiRoot });
  api.config.use(boundedCalls({ pollTimeoutSec: 0, callTimeoutSec: o.callTimeoutSec }));
  return {
    channel: 'telegram',
    async send(chatId: string, reply: Reply): Promise<SendResult> {
      try {
        await deliver(api, chatId, [reply], { keyboards: o.keyboards });
        return { ok: true };
      } catch (e) {
        return toSendResult(e);
      }
    },
  };
}
