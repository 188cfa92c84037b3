import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Accounts } from '../../src/console/accounts.js';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { tempDir } from './helpers.js';

const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const child = path.join(PROJECT_ROOT, 'tests', 'console-web', 'fixtures', 'add-accounts.ts');

function addInChild(dir: string, prefix: string, count: number): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn(tsx, [child, dir, prefix, String(count)], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    p.on('exit', (code) => resolve(code));
  });
}

describe('console accounts: two processes changing the file at once', () => {
  it('keeps every change (the staff CLI while the console runs): no account is lost', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([addInChild(dir, 'a', 12), addInChild(dir, 'b', 12)]);
    expect([a, b]).toEqual([0, 0]);
    const names = new Accounts(dir).list().map((x) => x.name);
    expect(names).toHaveLength(24);
  }, 60_000);
});
