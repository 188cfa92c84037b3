/**
 * `startWechat(app)` as `npm start` calls it: puppet-service settings from the environment, a
 * real PuppetServer on 127.0.0.1, default pacing; and a service that is down at start-up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { types } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { PuppetServer, PuppetService } from 'wechaty-puppet-service';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { createWechatChannel, startWechat } from '../../../src/channels/wechat/index.js';
import { showLoginQr } from '../../../src/channels/wechat/login.js';
import { eventually, isolateEnv, testConfig } from './harness.js';
import { stubCore } from './stub-core.js';

isolateEnv();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('startWechat', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    vi.restoreAllMocks();
  }, 30_000);

  it('connects to the puppet service named by WECHATY_PUPPET_SERVICE_TOKEN/ENDPOINT and answers, logging no token', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    process.env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT = 'true';
    const endpoint = `127.0.0.1:${await freePort()}`;
    const token = 'insecure_zhicheng_start_test';
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const botUser = mocker.createContact({ name: '职称助手' });
    const user = mocker.createContact({ name: '用户' });
    const onStart = puppet.onStart.bind(puppet);
    puppet.onStart = async () => {
      await onStart();
      setImmediate(() => mocker.login(botUser));
    };
    const server = new PuppetServer({ endpoint, puppet, token, tls: { disable: true } });
    await server.start();
    cleanups.push(() => server.stop(), () => puppet.stop());

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-wx-start-'));
    const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, WECHATY_PUPPET_SERVICE_TOKEN: token, WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint });
    expect(config.wechat?.puppet).toBe('wechaty-puppet-service');
    const app = await createApp(config, { store: new MemoryStore(), now: () => '2024-04-20' });
    const running = await startWechat(app);
    cleanups.push(() => app.close(), () => running.stop());
    expect(running.sender.channel).toBe('wechat');

    await eventually(() => puppet.isLoggedIn, 10_000, 'login');
    const inbox: string[] = [];
    user.on('message', (m) => {
      if (m.talker().id === botUser.id) inbox.push(m.text() ?? '');
    });
    user.say('你好').to(botUser);
    await eventually(() => inbox.length > 0, 10_000, 'reply');
    expect(inbox.join('\n')).toMatch(/^1\. 资格自测$/m);
    await eventually(() => errors.some((l) => l.includes('微信已登录')), 5_000, 'login log');
    expect(errors.join('\n')).not.toContain(token);
  }, 30_000);

  it('keeps retrying while the service is unreachable, and stops cleanly', async () => {
    const logs: string[] = [];
    const endpoint = `127.0.0.1:${await freePort()}`; // nothing listens here
    const channel = createWechatChannel({
      app: { config: testConfig(), core: stubCore() },
      puppet: new PuppetService({ endpoint, token: 'insecure_nobody', tls: { disable: true } }),
      retry: { firstDelayMs: 60_000, maxDelayMs: 120_000 },
      log: (l) => logs.push(l),
    });
    await channel.start();
    await eventually(() => logs.some((l) => l.includes('启动失败')), 20_000, 'a failed attempt');
    expect(logs.join('\n')).toMatch(/60 秒后重试/);
    // Stopping while a retry is pending cancels it.
    await channel.stop();
    expect(logs.at(-1)).toBe('微信通道已停止');
  }, 30_000);
});

describe('login QR code', () => {
  it('draws the code in the terminal and logs where to open it as an image', () => {
    const logs: string[] = [];
    const out: string[] = [];
    showLoginQr('https://login.weixin.qq.com/l/abc', types.ScanStatus.Waiting, (l) => logs.push(l), (t) => out.push(t));
    expect(out.join('')).toMatch(/[▀▄█]/);
    expect(logs[0]).toMatch(/扫码登录.*https:\/\/wechaty\.js\.org\/qrcode\//);
  });

  it('only logs other scan states', () => {
    const logs: string[] = [];
    const out: string[] = [];
    showLoginQr('x', types.ScanStatus.Confirmed, (l) => logs.push(l), (t) => out.push(t));
    expect(out).toEqual([]);
    expect(logs[0]).toMatch(/Confirmed/);
  });
});
