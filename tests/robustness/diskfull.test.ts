/**
 * A full disk on the command line: commands that only read still work (a warning that the audit
 * line could not be written), commands that write say so in Chinese and leave nothing behind.
 * The disk is full for real on a small tmpfs when this machine lets us mount one (root), and
 * always by injecting ENOSPC in the fs layer of the child process (tests/fakes/enospc.mjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/broadcast/outbox.js';
import { makeSubscribers } from '../broadcast/helpers.js';
import { node, ROOT } from './spawn.js';

/** A data folder with two subscribers and one broadcast, as a running service leaves it. */
function populate(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const subs = makeSubscribers(2);
  writeFileSync(path.join(dir, 'subscribers.json'), JSON.stringify({ subscribers: Object.fromEntries(subs.map((s) => [s.key, s])) }));
  new Outbox(path.join(dir, 'outbox')).create({
    id: 'staff-existing', kind: 'staff', createdAt: '2024-04-20T01:00:00.000Z', createdBy: 'x', reply: { text: '旧通知' },
    recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })),
  });
  return dir;
}

/** Every path under `dir` with its size: "nothing left behind" means this does not change. */
const listing = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((p) => `${p}:${statSync(path.join(dir, p)).isFile() ? statSync(path.join(dir, p)).size : 'dir'}`);

async function cli(args: string[], env: Record<string, string>, input?: string) {
  const r = node(path.join(ROOT, 'src/cli.ts'), args, env, input === undefined ? 'ignore' : 'pipe');
  if (input !== undefined) r.proc.stdin!.end(input);
  const { code } = await r.exited;
  return { code, out: r.out(), err: r.err() };
}

function suite(name: string, makeFull: () => { dir: string; env: Record<string, string> } | undefined) {
  const ctx = makeFull();
  describe.skipIf(!ctx)(`disk full (${name})`, () => {
    const { dir, env } = ctx ?? { dir: '', env: {} };
    it('broadcast status and preview work (read-only), with a warning that the audit line was not written', async () => {
      const before = listing(dir);
      const status = await cli(['broadcast', 'status'], env);
      expect(status.code, status.err).toBe(0);
      expect(status.out).toContain('staff-existing');
      expect(status.err).toContain('无法写入审计记录');
      const preview = await cli(['broadcast', 'preview', '培训通知'], env);
      expect(preview.code, preview.err).toBe(0);
      expect(preview.out).toContain('共2人');
      expect(listing(dir)).toEqual(before);
    }, 150_000);

    it('broadcast send --yes says the disk is full, exits 1 and leaves nothing behind (no temporary folder)', async () => {
      const before = listing(dir);
      const r = await cli(['broadcast', 'send', '--yes', '培训通知'], env);
      expect(r.code).toBe(1);
      expect(r.err).toContain('磁盘空间不足');
      expect(r.err).not.toContain('内部错误');
      expect(listing(dir)).toEqual(before);
    }, 150_000);

    it('chat --persist says the disk is full before taking answers it could not keep; ask and screen still answer', async () => {
      const before = listing(dir);
      const chat = await cli(['chat', '--persist', '--script', '-', '--now', '2024-04-20'], env, '资格自测\n');
      expect(chat.code).toBe(1);
      expect(chat.err).toContain('磁盘空间不足');
      expect(listing(dir)).toEqual(before);
      const ask = await cli(['ask', '--json', '--now', '2024-04-20', '现在能申报吗'], env);
      expect(ask.code, ask.err).toBe(0);
      expect(JSON.parse(ask.out).found).toBe(true);
    }, 150_000);
  });
}

suite('ENOSPC injected in the fs layer', () => {
  const dir = populate(path.join(mkdtempSync(path.join(os.tmpdir(), 'zc-full-')), 'data'));
  return { dir, env: { ZHICHENG_DATA_DIR: dir, ZC_ENOSPC_DIR: dir, NODE_OPTIONS: `--import=${path.join(ROOT, 'tests/fakes/enospc.mjs')}` } };
});

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
});
suite('a real 256 KB tmpfs, filled up', () => {
  const mnt = mkdtempSync(path.join(os.tmpdir(), 'zc-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', mnt], { stdio: 'ignore' });
  } catch {
    return undefined; // not root, or no mount here: the injected variant above still runs
  }
  mounts.push(mnt);
  const dir = populate(path.join(mnt, 'data'));
  // Fill the rest of the disk.
  try {
    for (let i = 0; ; i++) writeFileSync(path.join(mnt, `filler-${i}`), Buffer.alloc(4096, 1));
  } catch {
    /* full */
  }
  return { dir, env: { ZHICHENG_DATA_DIR: dir } };
});
