/** The outbound port broadcasts use: one message to one chat, with a result the outbox can act on. */
import type { ChannelName, Reply } from '../bot/message.js';

/** Outcome of one send: permanent failures (blocked, chat gone) are not retried. */
export type SendResult = { ok: true } | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number };

/** Sends one reply to one chat on one channel. */
export interface Sender {
  channel: ChannelName;
  send(chatId: string, reply: Reply): Promise<SendResult>;
}
