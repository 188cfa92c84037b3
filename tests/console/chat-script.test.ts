/** `npm run -s cli -- chat --script -` as a user runs it: a child process, a transcript, exit 0. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/policy/load.js';

describe('chat --script', () => {
  it('prints user lines and replies, numbers pick choices, exit 0, no data written', () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'zhicheng-chat-')), 'data');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'chat', '--script', '-', '--now', '2024-04-20'], {
      cwd: PROJECT_ROOT,
      input: '你好\n1\n1\n',
      encoding: 'utf8',
      env: { ...process.env, ZHICHENG_DATA_DIR: dataDir },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用户: 你好');
    expect(r.stdout).toContain('助手: 您好！我是寻乌县职称考核认定助手');
    expect(r.stdout).toContain('1. 资格自测');
    // "1" picked 资格自测, the next "1" picked 工程技术 (the first series choice).
    expect(r.stdout).toContain('您要申报哪个职称系列');
    expect(r.stdout).toContain('工程技术人员。您要申报的专业是');
    expect(() => readdirSync(dataDir)).toThrow();
  });

  it('a bad --now is a one-line error and exit 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'chat', '--script', '-', '--now', '2024-13-01'], { cwd: PROJECT_ROOT, input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
