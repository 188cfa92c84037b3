import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/policy/load.js';

/** Run `tsx src/cli.ts ask …` with optional stdin; resolves with code, stdout, stderr. */
function ask(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('npx', ['tsx', 'src/cli.ts', 'ask', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ZHICHENG_NOW: '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('ask on the command line (CONTRACT.md)', () => {
  it('--jsonl answers the shared examples in order, ids copied back, a bad line as {id, error}', async () => {
    const lines = [
      JSON.stringify({ id: 'example-open', now: '2024-10-12', question: '下半年什么时候截止' }),
      'not json',
      JSON.stringify({ id: 'bad-date', now: '2024-02-30', question: '现在能报吗' }),
      JSON.stringify({ id: 'example-off-topic', now: '2024-10-12', question: '寻乌有什么好吃的' }),
    ].join('\n');
    const r = await ask(['--jsonl'], lines + '\n');
    // Every line is answered; the bad ones are error lines and the exit code says so (issue 18).
    expect(r.code).toBe(2);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ id: 'example-open', found: true, sources: [{ doc: '寻人社发〔2024〕28号', clause: '一' }] });
    expect(out[0].answer).toContain('2024年11月20日');
    expect(out[0].answer).toContain('39天');
    expect(Object.keys(out[1])).toEqual(['error']);
    expect(out[2]).toMatchObject({ id: 'bad-date' });
    expect(out[2].error).toContain('2024-02-30');
    expect(out[3]).toMatchObject({ id: 'example-off-topic', found: false, sources: [] });
  });

  it('--json prints one object; the human form prints Chinese with its sources', async () => {
    const j = await ask(['--json', '--now', '2024-10-12', '申报网址是多少']);
    expect(j.code).toBe(0);
    const o = JSON.parse(j.stdout);
    expect(o).toMatchObject({ found: true, entry: 'system-url' });
    const h = await ask(['--now', '2024-10-12', '申报网址是多少']);
    expect(h.stdout).toContain('https://hr.jxhrss.gov.cn/zcxt');
    expect(h.stdout).toContain('依据：寻人社发〔2024〕28号 二');
  });

  it('bad usage exits 2 with one line on stderr', async () => {
    for (const args of [['--json'], ['--json', '--now', '2024-13-01', '现在能报吗'], ['--json', '--jsonl']]) {
      const r = await ask(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
