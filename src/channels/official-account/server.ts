/**
 * The official account's own HTTP server (hono on @hono/node-server), for when no other server
 * (the staff console) hosts the callback. `oaRoutes(channel, path)` is the same callback as a hono
 * app, to `app.route('/', oaRoutes(...))` on another server.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { OfficialAccountChannel } from './channel.js';

/** The callback as hono routes on `path` (GET verification, POST pushes). */
export function oaRoutes(channel: Pick<OfficialAccountChannel, 'fetch'>, path: string): Hono {
  const app = new Hono();
  app.on(['GET', 'POST'], path, (c) => channel.fetch(c.req.raw));
  return app;
}

/** A listening server. */
export interface OaServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listen on `host:port` (port 0: any free port) with the callback on `path`. */
export async function listenOa(channel: Pick<OfficialAccountChannel, 'fetch'>, o: { path: string; port: number; host: string }): Promise<OaServer> {
  const app = oaRoutes(channel, o.path);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}${o.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
