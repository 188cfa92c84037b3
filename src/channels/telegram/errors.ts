/** Telegram API failures → the broadcast outbox's `SendResult` (what to retry, what never to). */
import { GrammyError, HttpError } from 'grammy';
import type { SendResult } from '../../messages/sender.js';
import { neverArrived, shortReason } from './network.js';

/** Descriptions meaning the chat will never accept our messages again. */
const GONE = /blocked by the user|user is deactivated|chat not found|bot was kicked|not a member|PEER_ID_INVALID|have no rights to send|group chat was (deleted|upgraded)/i;

/** Classify an error thrown by a grammY API call. */
export function toSendResult(e: unknown): SendResult {
  if (e instanceof GrammyError) {
    const reason = `${e.error_code} ${e.description}`;
    if (e.error_code === 429) {
      return { ok: false, permanent: false, reason, retryAfterMs: Math.round((e.parameters.retry_after ?? 1) * 1000) };
    }
    if (e.error_code === 403 || GONE.test(e.description)) return { ok: false, permanent: true, reason };
    // Any other 400 will fail the same way on every retry; 401 and 5xx are our or Telegram's trouble, not the chat's.
    return { ok: false, permanent: e.error_code === 400, reason };
  }
  // Timed out or garbled: Telegram may have delivered it, so the outbox retries it at most once.
  if (e instanceof HttpError) return { ok: false, permanent: false, reason: `network: ${shortReason(e)}`, uncertain: !neverArrived(e) || undefined };
  return { ok: false, permanent: false, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
}

/** True for "message is not modified": the edit we wanted is already in place. */
export function isNotModified(e: unknown): boolean {
  return e instanceof GrammyError && /message is not modified/i.test(e.description);
}
