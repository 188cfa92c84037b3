/**
 * The one per-key queue: each user's messages are handled one at a time, in arrival order
 * (DESIGN.md rule 7). The core, the WeChat channel and the official account all use it.
 */

/** Runs async tasks so that those sharing a key never overlap; different keys run concurrently. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /**
   * Queue `task` behind earlier tasks of `key`; resolves or rejects with its outcome. A failed
   * task never blocks the next one of the same key.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once its chain is idle, so the map does not grow with every user ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves when every queued task has finished (also those queued while waiting). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
