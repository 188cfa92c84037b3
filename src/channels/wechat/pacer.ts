/**
 * Outgoing pacing for one WeChat account: sends run one at a time, with a random pause between
 * them and at most `perMinute` sends in any 60 s, because an account that sends fast and evenly
 * looks like a bot to WeChat's risk control. Replies to users go before broadcast messages.
 */

/** Pacing settings; tests use tiny values. */
export interface PaceOptions {
  /** Shortest pause between two sends, ms. */
  minDelayMs: number;
  /** Longest pause between two sends, ms (a random value in [min, max] is used). */
  maxDelayMs: number;
  /** Most sends in any sliding 60-second window. */
  perMinute: number;
}

/** Defaults for a real account: 1–3 s between sends, at most 20 a minute. */
export const DEFAULT_PACE: PaceOptions = { minDelayMs: 1000, maxDelayMs: 3000, perMinute: 20 };

/** The clock, sleeper and randomness the pacer uses; injectable so tests need no real time. */
export interface PacerDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realDeps: PacerDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Priority of a send: replies to a waiting user first, broadcasts after. */
export type SendPriority = 'reply' | 'broadcast';

interface Job {
  run: () => Promise<void>;
}

/** Raised for sends still queued when the pacer is closed. */
export class PacerClosedError extends Error {
  constructor() {
    super('pacer closed');
    this.name = 'PacerClosedError';
  }
}

/** A single-file, rate-limited queue of sends. */
export class Pacer {
  private readonly queues: Record<SendPriority, Job[]> = { reply: [], broadcast: [] };
  private readonly sent: number[] = [];
  private lastSend: number | undefined;
  private running = false;
  private closed = false;
  private readonly deps: PacerDeps;

  constructor(private readonly options: PaceOptions = DEFAULT_PACE, deps: Partial<PacerDeps> = {}) {
    if (options.perMinute < 1) throw new RangeError('perMinute must be at least 1');
    if (options.minDelayMs < 0 || options.maxDelayMs < options.minDelayMs) throw new RangeError('need 0 <= minDelayMs <= maxDelayMs');
    this.deps = { ...realDeps, ...deps };
  }

  /** Number of sends waiting. */
  get pending(): number {
    return this.queues.reply.length + this.queues.broadcast.length;
  }

  /** Run `send` when pacing allows; resolves or rejects with its outcome. */
  run<T>(send: () => Promise<T>, priority: SendPriority = 'reply'): Promise<T> {
    if (this.closed) return Promise.reject(new PacerClosedError());
    return new Promise<T>((resolve, reject) => {
      this.queues[priority].push({
        run: async () => {
          if (this.closed) return reject(new PacerClosedError());
          try {
            resolve(await send());
          } catch (e) {
            reject(e);
          }
        },
      });
      void this.drain();
    });
  }

  /** Stop taking sends; queued ones are rejected with `PacerClosedError`. */
  close(): void {
    this.closed = true;
    const dropped = [...this.queues.reply.splice(0), ...this.queues.broadcast.splice(0)];
    for (const job of dropped) void job.run();
  }

  /** How long to wait before the next send may go out. */
  private waitMs(): number {
    const now = this.deps.now();
    while (this.sent.length > 0 && now - this.sent[0]! >= 60_000) this.sent.shift();
    const { minDelayMs, maxDelayMs, perMinute } = this.options;
    const gap = minDelayMs + Math.round(this.deps.random() * (maxDelayMs - minDelayMs));
    const byGap = this.lastSend === undefined ? 0 : this.lastSend + gap - now;
    const byCap = this.sent.length >= perMinute ? this.sent[this.sent.length - perMinute]! + 60_000 - now : 0;
    return Math.max(0, byGap, byCap);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.closed || this.pending === 0) return;
        const wait = this.waitMs();
        if (wait > 0) await this.deps.sleep(wait);
        // Re-pick after sleeping: a reply may have arrived while a broadcast was waiting.
        const job = this.queues.reply.shift() ?? this.queues.broadcast.shift();
        if (!job) return;
        const at = this.deps.now();
        this.sent.push(at);
        this.lastSend = at;
        await job.run();
      }
    } finally {
      this.running = false;
    }
  }
}
