/**
 * What docs/broadcast.md promises across a power loss rests on the order of system calls: the
 * "sending" line of a recipient is on disk (fdatasync) before the message leaves, so a restart
 * never sends it again; an atomic write syncs the file before the rename and the folder after it.
 * A power cut cannot be staged in a test; the calls can be seen.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fastSettings, makeSubscribers, memoryStore } from './helpers.js';

const calls: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const seen =
    <A extends unknown[], R>(name: string, f: (...a: A) => R) =>
    (...a: A): R => {
      calls.push(name);
      return f(...a);
    };
  const wrapped = {
    ...fs,
    writeFileSync: seen('write', fs.writeFileSync),
    fdatasync: seen('fdatasync', fs.fdatasync),
    fdatasyncSync: seen('fdatasync', fs.fdatasyncSync),
    fsyncSync: seen('fsync', fs.fsyncSync),
    renameSync: seen('rename', fs.renameSync),
  };
  return { ...wrapped, default: wrapped };
});

const { Journal } = await import('../../src/broadcast/journal.js');
const { writeFileAtomicSync } = await import('../../src/store/atomic.js');
const { Outbox } = await import('../../src/broadcast/outbox.js');
const { Dispatcher } = await import('../../src/broadcast/dispatcher.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'zc-durable-'));
  calls.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('durable broadcast state', () => {
  it('a journal line is on disk when sync() resolves; a new journal syncs its folder; close syncs', async () => {
    const j = new Journal(path.join(dir, 'journal.jsonl'));
    j.append({ k: 'a', s: 'sending' });
    expect(calls).toEqual(['fsync', 'write']);
    await j.sync();
    expect(calls).toEqual(['fsync', 'write', 'fdatasync']);
    calls.length = 0;
    j.append({ k: 'a', s: 'sent' });
    j.close();
    expect(calls).toEqual(['write', 'fdatasync']);
    expect(j.read<{ s: string }>().entries.map((e) => e.s)).toEqual(['sending', 'sent']);
  });

  it('an atomic write syncs the file before its rename and the folder after it', () => {
    writeFileAtomicSync(path.join(dir, 'snapshot.json'), '{}');
    expect(calls).toEqual(['write', 'fsync', 'rename', 'fsync']);
  });

  it('a new broadcast folder is synced into the outbox after its rename', () => {
    const outbox = new Outbox(dir);
    calls.length = 0;
    expect(outbox.create({ id: 'b1', kind: 'staff', createdAt: '2024-04-20T00:00:00Z', createdBy: 'cli:test', reply: { text: '测试' }, recipients: [] })).toBe(true);
    expect(calls.slice(-2)).toEqual(['rename', 'fsync']);
  });

  it('every message leaves only after its "sending" line was synced', async () => {
    const subs = makeSubscribers(5);
    const outbox = new Outbox(path.join(dir, 'outbox'));
    outbox.create({
      id: 'b1', kind: 'staff', createdAt: '2024-04-20T00:00:00Z', createdBy: 'cli:test', reply: { text: '通知' },
      recipients: subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId })),
    });
    const journal = path.join(outbox.dir, 'b1', 'journal.jsonl');
    const sendingOnDisk: number[] = [];
    let synced = 0;
    const sender = {
      channel: 'telegram' as const,
      async send(chatId: string) {
        // The journal's "sending" lines so far, and whether a sync came after the last write.
        const lastWrite = calls.lastIndexOf('write');
        synced += calls.indexOf('fdatasync', lastWrite) > lastWrite ? 1 : 0;
        sendingOnDisk.push(readFileSync(journal, 'utf8').split('\n').filter((l) => l.includes('"sending"') && l.includes(`u${chatId}`)).length);
        return { ok: true as const };
      },
    };
    await new Dispatcher({ outbox, senders: [sender], store: memoryStore(subs), settings: fastSettings(), stateDir: outbox.dir }).deliver('b1');
    expect(sendingOnDisk).toEqual([1, 1, 1, 1, 1]);
    expect(synced).toBe(5);
  });
});
