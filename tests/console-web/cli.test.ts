import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { Accounts } from '../../src/console/accounts.js';
import { tempDir } from './helpers.js';

describe('npm run -s cli -- staff', () => {
  it('staff add prints a one-time password that must be changed; the account file is 0600', async () => {
    const dir = tempDir();
    const r = runCli(['staff', 'add', '张三', '--admin'], '', { ZHICHENG_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const pw = /一次性密码：(\S+)/.exec(r.stdout)![1]!;
    const accounts = new Accounts(dir);
    const a = accounts.get('张三')!;
    expect(a).toMatchObject({ admin: true, mustChange: true });
    expect(a.hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(a)).not.toContain(pw);
    expect(accounts.login('张三', pw).ok).toBe(true);
    expect(statSync(path.join(dir, 'console', 'accounts.json')).mode & 0o777).toBe(0o600);
    const again = runCli(['staff', 'add', '张三'], '', { ZHICHENG_DATA_DIR: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    const list = runCli(['staff', 'list'], '', { ZHICHENG_DATA_DIR: dir });
    expect(list.stdout).toContain('张三\t管理员\t未改一次性密码');
  }, 30_000);
});
