/**
 * Console staff accounts: `<dataDir>/console/accounts.json` (0600). Passwords as scrypt hashes; a
 * new account gets a one-time password that must be changed at first login; 5 wrong passwords in a
 * row lock the account for 15 minutes. Bound chat accounts (`telegram:123`) are staff in chat.
 * Read from disk on every call, so `npm run -s cli -- staff add` works while the bot runs.
 */
import { randomInt } from 'node:crypto';
import { consoleFile, readConsoleJson, writeConsoleJson } from './files.js';
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

  private write(d: AccountsDoc): void {
    const now = this.clock();
    for (const [c, v] of Object.entries(d.codes)) if (v.expiresAt <= now) delete d.codes[c];
    writeConsoleJson(this.file, d);
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
    const d = this.read();
    if (d.accounts[n]) throw new Error(`用户“${n}”已存在`);
    const password = oneTimePassword();
    d.accounts[n] = { name: n, admin, hash: hashPassword(password), mustChange: true, failures: 0, createdAt: new Date(this.clock()).toISOString(), bindings: [] };
    this.write(d);
    return password;
  }

  /** Give an account a new one-time password (and unlock it); returns the password. */
  reset(name: string): string {
    const d = this.read();
    const a = d.accounts[name];
    if (!a) throw new Error(`没有用户“${name}”`);
    const password = oneTimePassword();
    Object.assign(a, { hash: hashPassword(password), mustChange: true, failures: 0, lockedUntil: undefined });
    this.write(d);
    return password;
  }

  /** Delete an account (its chat bindings go with it). */
  remove(name: string): Account | undefined {
    const d = this.read();
    const a = d.accounts[name];
    if (!a) return undefined;
    delete d.accounts[name];
    for (const [c, v] of Object.entries(d.codes)) if (v.name === name) delete d.codes[c];
    this.write(d);
    return a;
  }

  /** Check a password; counts failures and locks after MAX_FAILURES in a row. */
  login(name: string, password: string): LoginResult {
    const d = this.read();
    const a = d.accounts[name];
    if (!a) {
      // Same cost as a real check, so timing does not tell which names exist.
      verifyPassword(password, 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      return { ok: false, reason: 'unknown' };
    }
    const now = this.clock();
    if (a.lockedUntil && a.lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: a.lockedUntil };
    if (!verifyPassword(password, a.hash)) {
      a.failures = (a.lockedUntil ? 0 : a.failures) + 1;
      a.lockedUntil = undefined;
      if (a.failures >= MAX_FAILURES) a.lockedUntil = now + LOCK_MS;
      this.write(d);
      return a.lockedUntil ? { ok: false, reason: 'locked', lockedUntil: a.lockedUntil } : { ok: false, reason: 'wrong' };
    }
    a.failures = 0;
    a.lockedUntil = undefined;
    this.write(d);
    return { ok: true, account: a };
  }

  /** Set a new password chosen by the user (ends the one-time state). */
  setPassword(name: string, password: string): void {
    const d = this.read();
    const a = d.accounts[name];
    if (!a) throw new Error(`没有用户“${name}”`);
    a.hash = hashPassword(password);
    a.mustChange = false;
    this.write(d);
  }

  /** Lift a lock-out (admin). */
  unlock(name: string): void {
    const d = this.read();
    const a = d.accounts[name];
    if (!a) return;
    a.failures = 0;
    a.lockedUntil = undefined;
    this.write(d);
  }

  /** A fresh 6-digit binding code for `name`, valid CODE_MS; replaces the account's earlier code. */
  bindCode(name: string): { code: string; expiresAt: number } {
    const d = this.read();
    if (!d.accounts[name]) throw new Error(`没有用户“${name}”`);
    for (const [c, v] of Object.entries(d.codes)) if (v.name === name) delete d.codes[c];
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (d.codes[code]);
    const expiresAt = this.clock() + CODE_MS;
    d.codes[code] = { name, expiresAt };
    this.write(d);
    return { code, expiresAt };
  }

  /** Use a binding code for chat account `chatKey`; the account name, or undefined for a wrong/expired code. */
  redeem(code: string, chatKey: string): string | undefined {
    const d = this.read();
    const c = d.codes[code];
    if (!c || c.expiresAt <= this.clock()) return undefined;
    delete d.codes[code];
    const a = d.accounts[c.name];
    if (!a) return undefined;
    for (const other of Object.values(d.accounts)) other.bindings = other.bindings.filter((b) => b !== chatKey);
    a.bindings.push(chatKey);
    this.write(d);
    return a.name;
  }

  /** Remove one chat binding of an account. */
  unbind(name: string, chatKey: string): boolean {
    const d = this.read();
    const a = d.accounts[name];
    if (!a?.bindings.includes(chatKey)) return false;
    a.bindings = a.bindings.filter((b) => b !== chatKey);
    this.write(d);
    return true;
  }

  /** Every bound chat account (`channel:userId`). */
  boundChats(): string[] {
    return Object.values(this.read().accounts).flatMap((a) => a.bindings);
  }
}
