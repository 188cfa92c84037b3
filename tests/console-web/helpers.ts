/** Helpers for the console route tests: a console over a temp data dir, and a cookie-keeping client for `app.request()`. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleContext, prepareConsole, type PreparedConsole } from '../../src/console/index.js';
import { consoleModules } from '../../src/console/modules.js';
import { createConsoleApp } from '../../src/console/server.js';
import type { ConsoleContext, ConsoleHono, ConsolePaths } from '../../src/console/context.js';
import { MemoryStore } from '../../src/store/memory.js';

/** A fresh temp folder. */
export function tempDir(prefix = 'zc-web-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A console over a memory store and a temp data dir. */
export interface Rig {
  app: App;
  web: ConsoleHono;
  ctx: ConsoleContext;
  prep: PreparedConsole;
  dir: string;
  /** Run the console's background work now (scheduled sends). */
  tick(): Promise<void>;
  stop(): void;
}

/** Build a rig; `env` adds environment settings. */
export async function rig(o: { env?: Record<string, string>; paths?: Partial<ConsolePaths>; now?: string; knowledgeDir?: string; clock?: () => Date } = {}): Promise<Rig> {
  const dir = tempDir();
  const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_CONSOLE_PORT: '0', ...o.env });
  const prep = prepareConsole(config);
  const app = await createApp(config, { store: new MemoryStore(), now: () => o.now ?? '2024-04-20', handlers: [prep.bindHandler], knowledgeDir: o.knowledgeDir });
  const ctx = consoleContext(app, prep, { paths: o.paths, clock: o.clock });
  const mods = consoleModules(ctx, 3_600_000, prep.misses);
  const web = createConsoleApp(ctx, mods.modules, mods.overview);
  return { app, web, ctx, prep, dir, tick: mods.tick, stop: mods.stop };
}

/** A browser-like client: keeps cookies, follows nothing, reads CSRF tokens from the last page. */
export class Client {
  cookies = new Map<string, string>();
  last = '';

  constructor(private readonly web: ConsoleHono, private readonly headers: Record<string, string> = {}) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || v === '') this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
  }

  /** GET a page. */
  async get(url: string): Promise<Response> {
    const res = await this.web.request(url, { headers: { cookie: this.cookieHeader(), ...this.headers } });
    this.remember(res);
    this.last = await res.clone().text();
    return res;
  }

  /** The CSRF token of the last page. */
  csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.last)?.[1] ?? '';
  }

  /** POST a form; `_csrf` is taken from the last page unless given. */
  async post(url: string, form: Record<string, string | string[]>, csrf: string = this.csrf()): Promise<Response> {
    const body = new URLSearchParams();
    body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.web.request(url, { method: 'POST', body, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...this.headers } });
    this.remember(res);
    this.last = await res.clone().text();
    return res;
  }

  /** Log in and, when asked, replace the one-time password; returns the final password. */
  async login(name: string, password: string, newPassword = 'bureau-pass-2024'): Promise<string> {
    await this.get('/login');
    const res = await this.post('/login', { name, password });
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
    if (res.headers.get('location') === '/password') {
      await this.get('/password');
      const r = await this.post('/password', { current: password, next: newPassword, again: newPassword });
      if (r.status !== 303) throw new Error(`password change failed: ${r.status} ${this.last.slice(0, 300)}`);
      return newPassword;
    }
    return password;
  }
}
