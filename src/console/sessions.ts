/**
 * Console log-in sessions, in memory (a restart means logging in again, which is safe). Each has
 * its own CSRF token that every form must send back.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** One logged-in browser. */
export interface Session {
  id: string;
  name: string;
  csrf: string;
  expiresAt: number;
}

const TTL_MS = 8 * 3_600_000;

/** A random url-safe token. */
export function token(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time string comparison. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The sessions of one console. */
export class Sessions {
  private readonly map = new Map<string, Session>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Start a session for `name`. */
  create(name: string): Session {
    const s: Session = { id: token(), name, csrf: token(24), expiresAt: this.clock() + TTL_MS };
    this.map.set(s.id, s);
    return s;
  }

  /** The live session for a cookie value. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.map.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.clock()) {
      this.map.delete(id);
      return undefined;
    }
    return s;
  }

  /** End one session. */
  end(id: string): void {
    this.map.delete(id);
  }

  /** End every session of an account (password changed, account removed). */
  endAll(name: string, except?: string): void {
    for (const [id, s] of this.map) if (s.name === name && id !== except) this.map.delete(id);
  }
}
