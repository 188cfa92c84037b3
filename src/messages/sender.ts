/** The outbound port broadcasts use: one message to one chat, with a result the outbox can act on. */
import type { ChannelName, Reply } from './message.js';

/**
 * Outcome of one send: permanent failures (blocked, chat gone) are not retried. `uncertain`: the
 * request may have arrived (a timeout, a garbled answer), so it is retried at most once.
 */
export type SendResult = { ok: true } | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number; uncertain?: boolean };

/** Sends one reply to one chat on one channel. */
export interface Sender {
  channel: ChannelName;
  send(chatId: string, reply: Reply): Promise<SendResult>;
}
