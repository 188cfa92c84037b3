/**
 * An outbox that survives its own damage: each of its files is really damaged on disk (a garbled
 * journal line, half a manifest, half a snapshot), and delivery of everything else goes on, the
 * damaged part is set aside (kept) and named, staff status shows it, nobody is messaged twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import { broadcastContext, statusLines } from '../../src/broadcast/ops.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { broadcastTexts } from '../../src/broadcast/texts.js';
import { createBroadcastService } from '../../src/broadcast/service.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { fastSettings, makeSubscribers, memoryStore, recordingSender, tempDir } from './helpers.js';

const subs = makeSubscribers(4);
const recipients = subs.map((s) => ({ key: s.key, channel: 'telegram' as const, chatId: s.chatId }));

/** Two broadcasts: `a` half delivered (u0, u1 sent), `b` not started. */
function setup() {
  const dir = tempDir();
  const reports: string[] = [];
  const outbox = new Outbox(path.join(dir, 'outbox'), (what, to) => reports.push(`${what} -> ${to}`));
  const mk = (id: string, at: string) => outbox.create({ id, kind: 'staff', createdAt: at, createdBy: 'x', reply: { text: `通知${id}` }, recipients });
  mk('a', '2024-04-20T01:00:00.000Z');
  mk('b', '2024-04-20T02:00:00.000Z');
  const a = outbox.open('a', true);
  for (const s of subs.slice(0, 2)) {
    a.mark(s.key, { status: 'sending', attempts: 1 });
    a.mark(s.key, { status: 'sent', attempts: 1 });
  }
  a.close();
  const store = memoryStore(subs);
  const sender = recordingSender();
  const deliverAll = () => new Dispatcher({ outbox, senders: [sender], store, settings: fastSettings(), stateDir: outbox.dir }).deliverAll();
  const file = (id: string, name: string) => path.join(outbox.dir, id, name);
  const ctx = broadcastContext(dir, store, fastSettings(), broadcastTexts());
  return { dir, outbox, sender, deliverAll, file, reports, ctx };
}

const to = (sender: ReturnType<typeof recordingSender>, text: string) => sender.delivered.filter((d) => d.text === text).map((d) => d.chatId).sort();

describe('outbox damage', () => {
  it('a garbled middle line of a journal: the line is kept in journal.jsonl.damaged, its recipient is not sent again, every other recipient and broadcast is delivered', async () => {
    const { outbox, sender, deliverAll, file, reports, ctx } = setup();
    const lines = fs.readFileSync(file('a', 'journal.jsonl'), 'utf8').split('\n');
    const garbled = lines[1]!.slice(0, 18) + '\u0000\u0000ÿ';
    lines[1] = garbled; // u0's "sent" line, half overwritten
    fs.writeFileSync(file('a', 'journal.jsonl'), lines.join('\n'));

    const results = await deliverAll();
    expect(results.map((r) => [r.id, r.done])).toEqual([['a', true], ['b', true]]);
    expect(to(sender, '通知a')).toEqual([subs[2]!.chatId, subs[3]!.chatId]); // u0 (unknown) and u1 (sent) not again
    expect(to(sender, '通知b')).toHaveLength(4);
    expect(fs.readFileSync(file('a', 'journal.jsonl.damaged'), 'utf8')).toBe(garbled + '\n');
    expect(reports[0]).toContain(file('a', 'journal.jsonl'));
    expect(outbox.open('a').states.get(subs[0]!.key)).toMatchObject({ status: 'failed', uncertain: true });
    const status = statusLines(ctx).join('\n');
    expect(status).toContain('已损坏');
    expect(status).toContain(path.join('a', 'journal.jsonl.damaged'));
    // Reported once, not on every round.
    await deliverAll();
    expect(reports).toHaveLength(1);
  });

  it('half a manifest: that broadcast is set aside whole as <id>.damaged (kept), the next one is delivered, status names it', async () => {
    const { outbox, sender, deliverAll, file, ctx, reports } = setup();
    const m = fs.readFileSync(file('a', 'manifest.json'), 'utf8');
    fs.writeFileSync(file('a', 'manifest.json'), m.slice(0, Math.floor(m.length / 2)));
    const results = await deliverAll();
    expect(results.map((r) => r.id)).toEqual(['b']);
    expect(to(sender, '通知b')).toHaveLength(4);
    expect(to(sender, '通知a')).toEqual([]);
    expect(fs.existsSync(path.join(outbox.dir, 'a.damaged', 'manifest.json'))).toBe(true);
    expect(reports[0]).toContain(file('a', 'manifest.json'));
    expect(statusLines(ctx).join('\n')).toContain('a.damaged');
  });

  it('half a snapshot: set aside as snapshot.json.damaged, the journal is replayed from the start, nobody twice', async () => {
    const { outbox, sender, deliverAll, file } = setup();
    const a = outbox.open('a', true);
    a.snapshot();
    a.close();
    const snap = fs.readFileSync(file('a', 'snapshot.json'), 'utf8');
    fs.writeFileSync(file('a', 'snapshot.json'), snap.slice(0, 20));
    await deliverAll();
    expect(to(sender, '通知a')).toEqual([subs[2]!.chatId, subs[3]!.chatId]);
    expect(fs.existsSync(file('a', 'snapshot.json.damaged'))).toBe(true);
    expect(outbox.open('a').summary()).toMatchObject({ sent: 4, state: 'done' });
  });

  it('a damaged reminder broadcast is never enqueued again (its id still counts as sent)', () => {
    const { outbox } = setup();
    outbox.create({ id: 'reminder-2024-1-open', reminderId: '2024-1-open', kind: 'reminder', createdAt: '2024-04-20T03:00:00.000Z', createdBy: 'system', reply: { text: '提醒' }, recipients });
    fs.writeFileSync(path.join(outbox.dir, 'reminder-2024-1-open', 'manifest.json'), '{"v":1,"id":"remi');
    expect(outbox.reminderIds().has('2024-1-open')).toBe(true);
    expect(fs.existsSync(path.join(outbox.dir, 'reminder-2024-1-open.damaged'))).toBe(true);
  });

  it('through the running service: a damaged broadcast does not fail the round; a new staff broadcast is delivered and staff are told it started', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_STAFF: 'telegram:900' });
    const logs: string[] = [];
    const service = createBroadcastService({ config, settings: fastSettings(), clock: () => new Date('2024-06-15T10:00:00+08:00'), log: (l) => logs.push(l) });
    const store = new MemoryStore();
    for (const s of subs) await store.putSubscriber(s);
    const outbox = new Outbox(path.join(dir, 'outbox'));
    outbox.create({ id: 'old', kind: 'staff', createdAt: '2024-06-01T00:00:00.000Z', createdBy: 'x', reply: { text: '旧' }, recipients });
    fs.writeFileSync(path.join(outbox.dir, 'old', 'journal.jsonl'), '{"k":"telegram:u100000","s":"sent","a":1,"t":1}\n{"k":"tel\n{"k":"telegram:u100001","s":"sent","a":1,"t":1}\n');
    // A delivery lock left by an older version holding PID 1 no longer blocks anything.
    fs.writeFileSync(path.join(outbox.dir, 'deliver.lock'), '1');
    const app = await createApp(config, { store, now: () => '2024-06-15', handlers: [service.staffHandler] });
    const staff = async (text: string) => (await app.core.handle({ channel: 'telegram', userId: '900', chatId: '900', text }))[0]!.text;
    const sender = recordingSender('telegram');
    service.start(app, [sender]);
    await service.tick();
    await staff('广播预览 培训通知');
    await staff('广播发送');
    expect(await staff('确认')).toContain('已开始发送');
    await service.tick();
    expect(sender.delivered.filter((d) => d.text.includes('培训通知'))).toHaveLength(4);
    expect(logs.some((l) => l.startsWith('round failed'))).toBe(false);
    expect(logs.some((l) => l.includes('journal.jsonl') && l.includes('已另存为'))).toBe(true);
    expect(await staff('广播状态')).toContain('已损坏');
    await service.stop();
    await app.close();
  });

  it('staff are not told "已开始发送" when no channel can deliver it now', async () => {
    const dir = tempDir();
    const config = loadConfig({ ZHICHENG_DATA_DIR: dir, ZHICHENG_STAFF: 'telegram:900' });
    const service = createBroadcastService({ config, settings: fastSettings(), log: () => undefined });
    const store = new MemoryStore();
    for (const s of makeSubscribers(2, 'wechat')) await store.putSubscriber(s);
    const app = await createApp(config, { store, now: () => '2024-06-15', handlers: [service.staffHandler] });
    service.start(app, [recordingSender('telegram')]); // only Telegram is connected
    const staff = async (text: string) => (await app.core.handle({ channel: 'telegram', userId: '900', chatId: '900', text }))[0]!.text;
    await staff('广播预览 培训通知');
    await staff('广播发送');
    const reply = await staff('确认');
    expect(reply).not.toContain('已开始发送');
    expect(reply).toContain('还没有开始发送');
    expect(reply).toContain('微信');
    await service.stop();
    await app.close();
  });
});
