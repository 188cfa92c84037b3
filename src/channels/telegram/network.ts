/**
 * Bounded waits on the Bot API. Every call gets a deadline suited to what it is (a long poll waits
 * `timeout` seconds by design; anything else answers in well under a second), and a call whose
 * outcome is unknown — it timed out or its answer was garbled, so Telegram may have carried it
 * out — is retried at most once when repeating it would message someone twice. Calls that never
 * reached Telegram (connection refused) are safe to repeat a few times.
 */
import { HttpError, type Transformer } from 'grammy';

/** Deadline of one ordinary API call (seconds). */
export const CALL_TIMEOUT_SEC = 15;
/** Extra time a long poll may take beyond its own `timeout`. */
const POLL_GRACE_SEC = 15;

/** Methods that would message someone again if repeated. */
const NOT_REPEATABLE = /^(send(?!ChatAction)|forward|copy)/;
/** Connection errors that mean the request never reached the server. */
const UNREACHED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/** True when the call certainly did not reach the Bot API (so repeating it is safe). */
export function neverArrived(e: unknown): boolean {
  if (!(e instanceof HttpError)) return false;
  const cause = e.error as { code?: string; cause?: { code?: string }; message?: string } | undefined;
  return UNREACHED.test(`${cause?.code ?? ''} ${cause?.cause?.code ?? ''} ${cause?.message ?? ''}`);
}

/** A short description of a network failure for the operator log (no token, no content). */
export function shortReason(e: unknown): string {
  const err = e as HttpError & { error?: { cause?: { code?: string }; code?: string; message?: string } };
  return err.error?.cause?.code ?? err.error?.code ?? (err.error?.message ?? err.message ?? String(e)).split('\n')[0]!.slice(0, 120);
}

/** Give every call a deadline: `pollTimeoutSec` + grace for getUpdates, `callTimeoutSec` for the rest. */
export function boundedCalls(o: { callTimeoutSec?: number; pollTimeoutSec: number }): Transformer {
  return (prev, method, payload, signal) => {
    const sec = method === 'getUpdates' ? o.pollTimeoutSec + POLL_GRACE_SEC : (o.callTimeoutSec ?? CALL_TIMEOUT_SEC);
    const deadline = AbortSignal.timeout(sec * 1000);
    const merged = signal ? AbortSignal.any([signal as unknown as AbortSignal, deadline]) : deadline;
    // grammY types its signal with the abort-controller shim; at run time it takes Node's.
    return prev(method, payload, merged as unknown as typeof signal);
  };
}

/**
 * Retry network failures: a call that never arrived up to 3 times, a call with an unknown outcome
 * once if repeating it could message someone twice (logged as uncertain), else up to 3 times.
 * getUpdates is left to the runner, which has its own retry loop.
 */
export function retryNetwork(o: { log: (line: string) => void; delayMs?: number }): Transformer {
  return async (prev, method, payload, signal) => {
    let unknown = 0;
    let unreached = 0;
    for (;;) {
      try {
        return await prev(method, payload, signal);
      } catch (e) {
        if (!(e instanceof HttpError) || method === 'getUpdates' || (signal as AbortSignal | undefined)?.aborted) throw e;
        const arrived = !neverArrived(e);
        const once = arrived && NOT_REPEATABLE.test(method);
        if (arrived ? ++unknown > (once ? 1 : 3) : ++unreached > 3) {
          if (once) o.log(`${method} 的结果仍然未知（${shortReason(e)}），不再重试：对方可能没有收到`);
          throw e;
        }
        if (once) o.log(`${method} 的结果未知（${shortReason(e)}），只重试这一次：对方可能收到两次`);
        await new Promise((r) => setTimeout(r, (o.delayMs ?? 250) * (arrived ? unknown : unreached)));
      }
    }
  };
}
