/**
 * The storage port. The core depends on this interface only; `lowdb` (default) and `memory`
 * (tests) implement it. Keys are `channel:userId` (see `userKey`).
 */

/** Interview/session state of one user; `data` is owned by the dialog engine. */
export interface SessionRecord {
  key: string;
  updatedAt: string; // ISO timestamp, for expiry of stale personal data
  data: unknown;
}

/** A reminder subscriber. */
export interface Subscriber {
  key: string; // channel:userId
  channel: string;
  chatId: string;
  /** Which windows they want: 'general' (each batch), 'education' (the education-system window). */
  audiences: string[];
  since: string; // ISO timestamp
  blocked?: boolean; // the platform told us the user blocked the bot
  /**
   * Set only when the subscription was made right after a finished self-test, under the offer that
   * says so (dialogs/verdict.yaml `subscribe`): the subscriber agreed that staff may address
   * broadcasts by the series and batch of that self-test. Nothing else of the interview is kept here.
   */
  selfTest?: { series?: string; batch?: string; consent: true };
}

/** Async key-value collections; implementations coalesce writes and persist atomically. */
export interface Store {
  getSession(key: string): Promise<SessionRecord | undefined>;
  putSession(record: SessionRecord): Promise<void>;
  deleteSession(key: string): Promise<void>;
  countSessions(): Promise<number>;

  getSubscriber(key: string): Promise<Subscriber | undefined>;
  putSubscriber(s: Subscriber): Promise<void>;
  deleteSubscriber(key: string): Promise<void>;
  listSubscribers(): Promise<Subscriber[]>;

  /** Flush pending writes to disk (called on shutdown and by tests). */
  flush(): Promise<void>;
  close(): Promise<void>;

  /**
   * Be told whenever a subscriber is deleted (退订, 删除我的数据), even one not stored: the
   * broadcast outbox then removes that person from its records. Optional for other stores.
   */
  onSubscriberDeleted?(listener: (key: string) => void): void;
}

/** Optional housekeeping a store may offer (both adapters here do). */
export interface StoreMaintenance {
  /** Drop sessions whose `updatedAt` is before `isoCutoff`; returns how many were dropped. */
  deleteSessionsBefore(isoCutoff: string): Promise<number>;
}
