import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/broadcast.js';
import { UsageError } from '../../src/cli/io.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { makeSubscribers, tempDir } from './helpers.js';

function dataDir(): string {
  const dir = tempDir();
  const subs = [...makeSubscribers(4, 'telegram'), ...makeSubscribers(2, 'wechat', ['education'], 700)];
  fs.writeFileSync(path.join(dir, 'subscribers.json'), JSON.stringify({ subscribers: Object.fromEntries(subs.map((s) => [s.key, s])) }));
  vi.stubEnv('ZHICHENG_DATA_DIR', dir);
  return dir;
}

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  try {
    return { code: await run(args), out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.unstubAllEnvs());

describe('npm run -s cli -- broadcast', () => {
  it('preview shows the audience per channel and sends nothing; send needs --yes; then it is queued for the service', async () => {
    const dir = dataDir();
    const outbox = new Outbox(path.join(dir, 'outbox'));
    const p = await cli('preview', '县人社局', '明天举办申报培训');
    expect(p.code).toBe(0);
    expect(p.out).toContain('共6人');
    expect(p.out).toMatch(/Telegram：4人/);
    expect(p.out).toMatch(/微信：2人/);
    expect(p.out).toContain('县人社局 明天举办申报培训');
    const unconfirmed = await cli('send', '培训通知');
    expect(unconfirmed.out).toContain('未发送');
    expect(outbox.ids()).toEqual([]);
    const sent = await cli('send', '--yes', '培训通知');
    expect(sent.out).toContain('已加入发送队列');
    expect(outbox.ids()).toHaveLength(1);
    const status = JSON.parse((await cli('status', '--json')).out);
    expect(status[0]).toMatchObject({ kind: 'staff', state: 'active', total: 6, pending: 6 });
    expect((await cli('cancel')).out).toContain('已取消广播');
    expect((await cli('status')).out).toContain('已取消');
    const audit = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((e) => e.action)).toEqual(['preview', 'preview', 'send', 'status', 'cancel', 'status']);
    expect(audit.every((e) => String(e.who).startsWith('cli:'))).toBe(true);
  });

  it('bad usage is a one-line error (exit 2 through the CLI entry)', async () => {
    dataDir();
    await expect(cli('bogus')).rejects.toBeInstanceOf(UsageError);
    await expect(cli('send', '--yes')).rejects.toThrow('请写上要广播的内容');
    await expect(cli('cancel', 'no-such-id')).rejects.toThrow('没有编号为 no-such-id 的广播');
  });
});
