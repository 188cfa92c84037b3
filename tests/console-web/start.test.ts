import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { tempDir } from './helpers.js';

describe('npm start with ZHICHENG_CONSOLE_PORT', () => {
  it('serves the console on 127.0.0.1 beside the bot, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ZHICHENG_DATA_DIR: tempDir(), ZHICHENG_CONSOLE_PORT: '0', ZHICHENG_NOW: '2024-04-20', TELEGRAM_BOT_TOKEN: '', WECHATY_PUPPET: '', WECHATY_PUPPET_SERVICE_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no console address in: ${err}`)), 50_000);
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /网页控制台：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const res = await fetch(`${url}login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('登录');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('a malformed ZHICHENG_STAFF entry stops the start, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd: PROJECT_ROOT, env: { ...process.env, ZHICHENG_DATA_DIR: tempDir(), ZHICHENG_STAFF: 'zhangsan' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('ZHICHENG_STAFF');
    expect(err).toContain('zhangsan');
  }, 60_000);
});
