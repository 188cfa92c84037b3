/**
 * WeChat Official Account (公众号/服务号) channel entry: `startOfficialAccount(app)` serves the
 * callback on WECHAT_OA_HOST:WECHAT_OA_PORT + WECHAT_OA_PATH and returns `{ stop, sender }`.
 * To host the callback on another hono server instead, use `createOfficialAccountChannel` and
 * `oaRoutes`. See docs/official-account.md.
 *
 * ```ts
 * const oa = await startOfficialAccount(app);          // app.config.officialAccount must be set
 * await oa.sender.send(openid, { text: '申报窗口已开放' });
 * await oa.stop();
 * ```
 */
import type { Sender } from '../../messages/sender.js';
import { createOfficialAccountChannel, type OaChannelOptions, type OaHost, type OfficialAccountChannel } from './channel.js';
import { listenOa } from './server.js';

export { createOfficialAccountChannel, type OaChannelOptions, type OaHost, type OaTurn, type OfficialAccountChannel } from './channel.js';
export { oaRoutes, listenOa } from './server.js';
export { OaApi, OaApiError } from './api.js';
export { validateOaTexts } from './texts.js';

/** A running official-account channel with its own server. */
export interface RunningOfficialAccount {
  channel: OfficialAccountChannel;
  sender: Sender;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Start the channel on its own server (`port` 0 in tests: any free port). */
export async function startOfficialAccount(app: OaHost, o: OaChannelOptions & { port?: number; host?: string; log?: (line: string) => void } = {}): Promise<RunningOfficialAccount> {
  const cfg = app.config.officialAccount;
  if (!cfg) throw new Error('未设置 WECHAT_OA_APP_ID，无法启动微信公众号渠道');
  const log = o.log ?? ((line: string) => console.error(`[wechat-oa] ${line}`));
  const channel = createOfficialAccountChannel(app, { ...o, log });
  const server = await listenOa(channel, { path: cfg.path, port: o.port ?? cfg.port, host: o.host ?? cfg.host });
  log(`微信公众号回调已启动：${server.url}${cfg.aesKey ? '（支持安全模式）' : '（明文模式）'}`);
  return {
    channel,
    sender: channel.sender,
    port: server.port,
    url: server.url,
    async stop() {
      await channel.stop();
      await server.close();
    },
  };
}
