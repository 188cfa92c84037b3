/** In-memory store: the default for tests, and the reference behaviour for the lowdb adapter. */
import type { SessionRecord, Store, StoreMaintenance, Subscriber } from './port.js';

/**
 * One stored session, kept serialised. Measured at 10k users: about 1.1–1.4 KB of heap per session
 * (the parsed objects took about half that), but a turn then costs one JSON.parse and one
 * JSON.stringify instead of two structuredClones, the strings are not traced by the garbage
 * collector, callers still cannot mutate stored records, and the lowdb adapter writes the file by
 * joining strings instead of re-serialising every record on every write (the change that brought
 * 10k stored sessions from ~800–1,700 to ~2,400–2,900 turns/s; see docs/performance.md).
 */
export interface StoredSession {
  updatedAt: string;
  /** `JSON.stringify(record)`. */
  json: string;
}

/** A store that keeps everything in maps; `flush` and `close` do nothing. */
export class MemoryStore implements Store, StoreMaintenance {
  protected sessions = new Map<string, StoredSession>();
  protected subscribers = new Map<string, Subscriber>();

  async getSession(key: string) {
    const r = this.sessions.get(key);
    return r ? (JSON.parse(r.json) as SessionRecord) : undefined;
  }
  async putSession(record: SessionRecord) {
    this.sessions.set(record.key, { updatedAt: record.updatedAt, json: JSON.stringify(record) });
    this.changed('sessions');
  }
  async deleteSession(key: string) {
    if (this.sessions.delete(key)) this.changed('sessions');
  }
  async countSessions() {
    return this.sessions.size;
  }
  /** Copies on the way in and out, so callers cannot mutate stored records by accident. */
  async getSubscriber(key: string) {
    const s = this.subscribers.get(key);
    return s ? structuredClone(s) : undefined;
  }
  async putSubscriber(s: Subscriber) {
    this.subscribers.set(s.key, structuredClone(s));
    this.changed('subscribers');
  }
  async deleteSubscriber(key: string) {
    if (this.subscribers.delete(key)) this.changed('subscribers');
    for (const l of this.deletedListeners) l(key);
  }
  /** Listeners told of every deleted subscriber key (see `Store.onSubscriberDeleted`). */
  private readonly deletedListeners: Array<(key: string) => void> = [];
  onSubscriberDeleted(listener: (key: string) => void) {
    this.deletedListeners.push(listener);
  }
  async listSubscribers() {
    return [...this.subscribers.values()].map((s) => structuredClone(s));
  }
  async deleteSessionsBefore(isoCutoff: string) {
    let n = 0;
    for (const [k, r] of this.sessions) {
      if (r.updatedAt < isoCutoff) {
        this.sessions.delete(k);
        n++;
      }
    }
    if (n) this.changed('sessions');
    return n;
  }
  async flush() {}
  async close() {}

  /** Hook for persistent subclasses: a collection changed. */
  protected changed(_what: 'sessions' | 'subscribers'): void {}
}
