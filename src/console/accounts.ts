/**
 * Console staff accounts: `<dataDir>/console/accounts.json` (0600). Passwords as scrypt hashes; a
 * new account gets a one-time password that must be changed at first login; 5 wrong passwords in a
 * row lock the account for 15 minutes. Bound chat accounts (`telegram:123`) are staff in chat.
 * Read from disk on every call and changed under a cross-process lock (files.ts `updateConsoleJson`), so
 * `npm run -s cli -- staff add` works while the bot runs and neither process overwrites the other's change.
 */
import { randomInt } from 'node:crypto';
import { consoleFile, readConsoleJson, updateConsoleJson } from './files.js';
import { hashPassword, oneTimePassword, verifyPassword } from './password.js';

/** One staff account. */
export interface Account {
  name: string;
  admin: boolean;
  hash: string;
  /** The password is a one-time one: change it before anything else. */
  mustChange: boolean;
  failures: number;
  lockedUntil?: number;
  createdAt: string;
  /** Chat accounts bound by a code (`channel:userId`): they have staff rights in chat. */
  bindings: string[];
}

interface BindCode {
  name: string;
  expiresAt: number;
}

interface AccountsDoc {
  accounts: Record<string, Account>;
  codes: Record<string, BindCode>;
}

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const CODE_MS = 10 * 60_000;

/** Outcome of a login attempt. */
export type LoginResult = { ok: true; account: Account } | { ok: false; reason: 'unknown' | 'wrong' | 'locked'; lockedUntil?: number };

/** The account file of one data folder. */
export class Accounts {
  readonly file: string;

  constructor(dataDir: string, private readonly clock: () => number = Date.now) {
    this.file = consoleFile(dataDir, 'accounts.json');
  }

  private read(): AccountsDoc {
    const d = readConsoleJson<AccountsDoc>(this.file, { accounts: {}, codes: {} });
    d.codes ??= {};
    return d;
  }

  /** Read, change and write the file under the cross-process lock (the staff CLI writes it too). */
  private update<R>(change: (d: AccountsDoc) => R): R {
    return updateConsoleJson<AccountsDoc, R>(this.file, () => ({ accounts: {}, codes: {} }), (d) => {
      d.codes ??= {};
      const result = change(d);
      const now = this.clock();
      for (const [c, v] of Object.entries(d.codes)) if (v.expiresAt <= now) delete d.codes[c];
      return result;
    });
  }

  /** Every account, by name. */
  list(): Account[] {
    return Object.values(this.read().accounts).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }

  /** One account, or undefined. */
  get(name: string): Account | undefined {
    return this.read().accounts[name];
  }

  /** Create an account; returns its one-time password. Throws when the name is taken or unusable. */
  add(name: string, admin: boolean): string {
    const n = name.trim();
    if (!/^[\p{L}\p{N}_.-]{1,32}$/u.test(n)) throw new Error('用户名只能用汉字、字母、数字、下划线、点和连字符，最多 32 个字符');
    if (this.get(n)) throw new Error(`用户“${n}”已存在`);
    // Hashing is slow: done before taking the lock.
    const password = oneTimePassword();
    const hash = hashPassword(password);
    this.update((d) => {
      if (d.accounts[n]) throw new Error(`用户“${n}”已存在`);
      d.accounts[n] = { name: n, admin, hash, mustChange: true, failures: 0, createdAt: new Date(this.clock()).toISOString(), bindings: [] };
    });
    return password;
  }

  /** Give an account a new one-time password (and unlock it); returns the password. */
  reset(name: string): string {
    if (!this.get(name)) throw new Error(`没有用户“${name}”`);
    const password = oneTimePassword();
    const hash = hashPassword(password);
    this.update((d) => {
      const a = d.accounts[name];
      if (!a) throw new Error(`没有用户“${name}”`);
      Object.assign(a, { hash, mustChange: true, failures: 0, lockedUntil: undefined });
    });
    return password;
  }

  /** Delete an account (its chat bindings go with it). */
  remove(name: string): Account | undefined {
    if (!this.get(name)) return undefined;
    return this.update((d) => {
      const a = d.accounts[name];
      if (!a) return undefined;
      delete d.accounts[name];
      for (const [c, v] of Object.entries(d.codes)) if (v.name === name) delete d.codes[c];
      return a;
    });
  }

  /** Check a password; counts failures and locks after MAX_FAILURES in a row. */
  login(name: string, password: string): LoginResult {
    const seen = this.get(name);
    if (!seen) {
      // Same cost as a real check, so timing does not tell which names exist.
      verifyPassword(password, 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      return { ok: false, reason: 'unknown' };
    }
    const now = this.clock();
    if (seen.lockedUntil && seen.lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: seen.lockedUntil };
    // Verified outside the lock; the count is updated on the file as it is then.
    const right = verifyPassword(password, seen.hash);
    return this.update((d): LoginResult => {
      const a = d.accounts[name];
      if (!a || a.hash !== seen.hash) return { ok: false, reason: a ? 'wrong' : 'unknown' };
      if (!right) {
        a.failures = (a.lockedUntil ? 0 : a.failures) + 1;
        a.lockedUntil = undefined;
        if (a.failures >= MAX_FAILURES) a.lockedUntil = now + LOCK_MS;
        return a.lockedUntil ? { ok: false, reason: 'locked', lockedUntil: a.lockedUntil } : { ok: false, reason: 'wrong' };
      }
      a.failures = 0;
      a.lockedUntil = undefined;
      return { ok: true, account: a };
    });
  }

  /** Set a new password chosen by the user (ends the one-time state). */
  setPassword(name: string, password: string): void {
    if (!this.get(name)) throw new Error(`没有用户“${name}”`);
    const hash = hashPassword(password);
    this.update((d) => {
      const a = d.accounts[name];
      if (!a) throw new Error(`没有用户“${name}”`);
      a.hash = hash;
      a.mustChange = false;
    });
  }

  /** Lift a lock-out (admin). */
  unlock(name: string): void {
    this.update((d) => {
      const a = d.accounts[name];
      if (!a) return;
      a.failures = 0;
      a.lockedUntil = undefined;
    });
  }

  /** A fresh 6-digit binding code for `name`, valid CODE_MS; replaces the account's earlier code. */
  bindCode(name: string): { code: string; expiresAt: number } {
    return this.update((d) => {
      if (!d.accounts[name]) throw new Error(`没有用户“${name}”`);
      for (const [c, v] of Object.entries(d.codes)) if (v.name === name) delete d.codes[c];
      let code: string;
      do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      while (d.codes[code]);
      const expiresAt = this.clock() + CODE_MS;
      d.codes[code] = { name, expiresAt };
      return { code, expiresAt };
    });
  }

  /** Use a binding code for chat account `chatKey`; the account name, or undefined for a wrong/expired code. */
  redeem(code: string, chatKey: string): string | undefined {
    const c = this.read().codes[code];
    if (!c || c.expiresAt <= this.clock()) return undefined;
    return this.update((d) => {
      const held = d.codes[code];
      if (!held || held.expiresAt <= this.clock()) return undefined;
      delete d.codes[code];
      const a = d.accounts[held.name];
      if (!a) return undefined;
      for (const other of Object.values(d.accounts)) other.bindings = other.bindings.filter((b) => b !== chatKey);
      a.bindings.push(chatKey);
      return a.name;
    });
  }

  /** Remove one chat binding of an account. */
  unbind(name: string, chatKey: string): boolean {
    if (!this.get(name)?.bindings.includes(chatKey)) return false;
    return this.update((d) => {
      const a = d.accounts[name];
      if (!a?.bindings.includes(chatKey)) return false;
      a.bindings = a.bindings.filter((b) => b !== chatKey);
      return true;
    });
  }

  /** Every bound chat account (`channel:userId`). */
  boundChats(): string[] {
    return Object.values(this.read().accounts).flatMap((a) => a.bindings);
  }
}
