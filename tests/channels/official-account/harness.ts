/**
 * Test rig: the real app (core, knowledge, memory store) behind the official-account channel on
 * its own server, talking to the fake WeChat platform. The core can be slowed down per message
 * to force the customer-service route.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app.js';
import type { InboundMessage, Reply } from '../../../src/messages/message.js';
import { loadConfig } from '../../../src/config.js';
import { startOfficialAccount, type OaTurn, type RunningOfficialAccount } from '../../../src/channels/official-account/index.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { CONTRACT_NOW } from '../contract-suite.js';
import { startFakeWechatOa, type FakeWechatOa } from '../../fakes/wechat-oa.js';

/** A valid-looking EncodingAESKey (43 letters and digits) and a second one for rotation. */
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OLD_AES_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';

/** Options of the rig. */
export interface RigOptions {
  safe: boolean;
  /** Extra core delay (ms) for a message, e.g. to exceed the passive window. */
  delay?: (m: InboundMessage) => number;
  passiveWindowMs?: number;
  retryTimeoutMs?: number;
  templateId?: string;
  previousKey?: string;
  staff?: string;
  now?: () => number;
  /** Build the knowledge index before the first message (default true), so answers come in time. */
  warm?: boolean;
}

/** A running rig. */
export interface Rig {
  wx: FakeWechatOa;
  app: App;
  store: MemoryStore;
  oa: RunningOfficialAccount;
  /** Every message the core was asked (text only; for "handled once" checks). */
  coreCalls: InboundMessage[];
  turns: OaTurn[];
  logs: string[];
  /** Wait for the channel's account of a push (by its key, e.g. `m:<MsgId>`). */
  turn(key: string, timeoutMs?: number): Promise<OaTurn>;
  close(): Promise<void>;
}

/** Start the fake platform, the app and the channel. */
export async function startRig(o: RigOptions): Promise<Rig> {
  const wx = await startFakeWechatOa({ aesKey: o.safe ? AES_KEY : undefined, retryTimeoutMs: o.retryTimeoutMs ?? 5000 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-oa-'));
  const config = loadConfig({
    ZHICHENG_DATA_DIR: dataDir,
    ZHICHENG_STAFF: o.staff ?? '',
    WECHAT_OA_APP_ID: wx.appId,
    WECHAT_OA_APP_SECRET: wx.appSecret,
    WECHAT_OA_TOKEN: wx.token,
    WECHAT_OA_AES_KEY: o.safe ? AES_KEY : undefined,
    WECHAT_OA_AES_KEY_PREVIOUS: o.safe ? o.previousKey : undefined,
    WECHAT_OA_API_ROOT: wx.apiRoot,
    WECHAT_OA_PORT: '0',
    WECHAT_OA_TEMPLATE_ID: o.templateId,
  });
  const store = new MemoryStore();
  const app = await createApp(config, { store, now: () => CONTRACT_NOW });
  if (o.warm !== false) await app.warm();
  const coreCalls: InboundMessage[] = [];
  const core = {
    async handle(m: InboundMessage): Promise<Reply[]> {
      coreCalls.push(m);
      const ms = o.delay?.(m) ?? 0;
      if (ms) await new Promise((r) => setTimeout(r, ms));
      return app.core.handle(m);
    },
  };
  const turns: OaTurn[] = [];
  const logs: string[] = [];
  const oa = await startOfficialAccount(
    { config: app.config, core, store },
    { port: 0, passiveWindowMs: o.passiveWindowMs ?? 4500, log: (l) => logs.push(l), onTurn: (t) => turns.push(t), now: o.now },
  );
  wx.setCallback(oa.url);
  return {
    wx, app, store, oa, coreCalls, turns, logs,
    async turn(key, timeoutMs = 8000) {
      await wx.waitFor(() => turns.some((t) => t.key === key), timeoutMs, `turn ${key}`);
      return turns.find((t) => t.key === key)!;
    },
    async close() {
      await oa.stop();
      await app.close();
      await wx.close();
    },
  };
}
