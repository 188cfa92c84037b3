/**
 * The console's web app (hono): `createConsoleApp(ctx)` for `app.request()` tests, and
 * `serveConsole` to listen (127.0.0.1 unless configured otherwise).
 */
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { registerAuth } from './auth.js';
import { registerBind } from './bind.js';
import type { ConsoleContext, ConsoleEnv, ConsoleHono } from './context.js';
import { h } from './html.js';
import { page } from './layout.js';
import { registerOverview, type OverviewExtra } from './overview.js';
import { registerStaff } from './staff-page.js';

/** Extra page groups (broadcasts, misses, notices …) register themselves through this. */
export type PageModule = (r: ConsoleHono, ctx: ConsoleContext) => void;

/** Build the console's routes. */
export function createConsoleApp(ctx: ConsoleContext, modules: PageModule[] = [], overview: OverviewExtra = {}): ConsoleHono {
  const r = new Hono<ConsoleEnv>();
  registerAuth(r, ctx);
  registerOverview(r, ctx, overview);
  registerStaff(r, ctx);
  registerBind(r, ctx);
  for (const m of modules) m(r, ctx);
  r.notFound((c) => c.html(page({ title: '没有这个页面', body: h`<div class="card"><a href="/">回到控制台</a></div>` }), 404));
  r.onError((e, c) => {
    process.stderr.write(`[console] ${e.name}: ${e.message}\n`);
    return c.html(page({ title: '出错了', body: h`<div class="card warn">处理请求时出错，请稍后重试。</div>` }), 500);
  });
  return r;
}

/** Listen on `port` (0: any free port) and `host`; resolves with the bound port and a stop function. */
export function serveConsole(app: ConsoleHono, port: number, host: string): Promise<{ port: number; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname: host }, (info) =>
        resolve({
          port: info.port,
          stop: () => new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
        }),
      );
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}
