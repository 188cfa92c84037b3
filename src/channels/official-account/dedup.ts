/**
 * Remembering pushes already taken, so WeChat's retries (same MsgId, or same sender and
 * CreateTime for events) and replays within the accepted clock skew are answered from memory
 * instead of reaching the core a second time. Entries live long enough to cover the skew window;
 * older pushes are refused by their timestamp anyway.
 */

/** A remembered push: resolves with the passive reply body once the channel decided it. */
export interface SeenPush {
  answer: Promise<string | undefined>;
  at: number;
}

/** A bounded, time-limited map of push keys. */
export class SeenPushes {
  private readonly map = new Map<string, SeenPush>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The earlier push with this key, if still remembered. */
  get(key: string): SeenPush | undefined {
    const e = this.map.get(key);
    if (e && this.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  /** Remember a new push; the oldest entries go first when full or expired. */
  add(key: string, answer: Promise<string | undefined>): void {
    const now = this.now();
    this.map.set(key, { answer, at: now });
    for (const [k, e] of this.map) {
      if (this.map.size <= this.max && now - e.at <= this.ttlMs) break;
      this.map.delete(k);
    }
  }

  /** Pushes remembered (tests, diagnostics). */
  get size(): number {
    return this.map.size;
  }
}
