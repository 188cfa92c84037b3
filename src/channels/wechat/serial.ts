/** Per-key serial execution: one user's messages are handled one at a time, in arrival order. */

/** Runs tasks with the same key one after another; different keys run concurrently. */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Queue `task` behind the earlier tasks of `key`; a failing task never blocks the next one. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every queued task has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
