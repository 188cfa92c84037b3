/** Per-key serialisation: tasks with the same key run one at a time, in arrival order. */

/** Runs async tasks so that those sharing a key never overlap; different keys run concurrently. */
export class KeyedQueue {
  private tails = new Map<string, Promise<unknown>>();

  /** Queue `task` behind earlier tasks of `key`; resolves with its result. */
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
}
