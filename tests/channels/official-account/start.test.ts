/**
 * As the bureau runs it: `npm start` with the WECHAT_OA_* variables serves the callback next to
 * the other channels, and `npm run -s cli -- oa menu` creates the menu from the data file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/policy/load.js';
import { startFakeWechatOa } from '../../fakes/wechat-oa.js';
import { AES_KEY } from './harness.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** This process's environment without any WECHAT_OA_* a developer may have exported. */
const withoutOaEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECHAT_OA_')));

const oaEnv = (wx: { appId: string; appSecret: string; token: string; apiRoot: string }) => ({
  WECHAT_OA_APP_ID: wx.appId,
  WECHAT_OA_APP_SECRET: wx.appSecret,
  WECHAT_OA_TOKEN: wx.token,
  WECHAT_OA_API_ROOT: wx.apiRoot,
});

describe('official account from the command line', { timeout: 120_000 }, () => {
  it('npm start serves the callback (safe mode) and stops cleanly on SIGTERM', async () => {
    const wx = await startFakeWechatOa({ aesKey: AES_KEY });
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-oa-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...withoutOaEnv(), ...oaEnv(wx), WECHAT_OA_AES_KEY: AES_KEY, WECHAT_OA_PORT: String(port), WECHAT_OA_PATH: '/wx/callback', ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20', TELEGRAM_BOT_TOKEN: '', WECHATY_PUPPET_SERVICE_TOKEN: '', WECHATY_PUPPET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await wx.waitFor(() => stderr.includes('微信公众号回调已启动'), 60_000, 'the callback server');
      expect(stderr).toContain(`127.0.0.1:${port}/wx/callback`);
      wx.setCallback(`http://127.0.0.1:${port}/wx/callback`);
      expect((await wx.verify('hello')).body).toBe('hello');
      const r = await wx.userText('o-start', '资格自测');
      expect(r.reply ?? '').toContain('职称系列');
      expect(stderr).not.toContain(wx.appSecret);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await wx.close();
    }
  });

  it('oa menu creates the menu of dialogs/official-account.yaml through menu/create', async () => {
    const wx = await startFakeWechatOa();
    try {
      const r = await cli(['oa', 'menu'], oaEnv(wx));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('已创建公众号菜单：资格自测、政策问答、订阅提醒');
      expect(wx.menus).toEqual([{ button: [
        { type: 'click', name: '资格自测', key: 'ZC_SCREEN' },
        { type: 'click', name: '政策问答', key: 'ZC_ASK' },
        { type: 'click', name: '订阅提醒', key: 'ZC_SUBSCRIBE' },
      ] }]);
      wx.failNext('menu/create', 48001);
      const refused = await cli(['oa', 'menu'], oaEnv(wx));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('创建菜单失败：微信返回 48001');
      const unconfigured = await cli(['oa', 'menu'], {});
      expect(unconfigured.code).toBe(2);
      expect(unconfigured.stderr).toContain('WECHAT_OA_APP_ID');
    } finally {
      await wx.close();
    }
  });
});

/** The CLI in a child process, asynchronously (the fake platform runs in this process and must keep answering). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = withoutOaEnv();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'cli.ts'), ...args], { cwd: PROJECT_ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
