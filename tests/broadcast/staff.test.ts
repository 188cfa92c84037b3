import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/messages/message.js';
import { createStaffHandler } from '../../src/broadcast/staff.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { loadBroadcastSettings } from '../../src/broadcast/settings.js';
import { makeSubscribers, memoryStore, tempDir } from './helpers.js';

const STAFF = 'telegram:900';
const commands = ['广播预览 明天起开始申报', '/broadcast_preview 明天起开始申报', '/broadcast_preview@zhicheng_test_bot 通知', '广播发送', '/broadcast_send', '确认', '广播状态', '/broadcast_status', '广播取消', '/broadcast_cancel'];

function setup() {
  const dir = tempDir();
  const subs = [...makeSubscribers(40, 'telegram'), ...makeSubscribers(7, 'wechat', ['education'], 500)];
  subs.push({ ...makeSubscribers(1, 'telegram', ['general'], 1)[0]!, blocked: true });
  const store = memoryStore(subs);
  const handler = createStaffHandler({ config: { staff: new Set([STAFF, 'wechat:wxid_staff']), dataDir: dir }, store, settings: loadBroadcastSettings({}) });
  const msg = (text: string, o: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'telegram', userId: '900', chatId: '900', text, ...o });
  return { dir, store, handler, msg, outbox: new Outbox(path.join(dir, 'outbox')) };
}

describe('staff commands: authorisation', () => {
  it('every staff command from a non-staff user, in private, is not handled (the core answers as for unknown text)', async () => {
    const { handler, msg, outbox, dir } = setup();
    for (const text of commands) {
      expect(await handler(msg(text, { userId: '901', chatId: '901' }))).toBeUndefined();
      // Same numeric id on another channel is another person.
      expect(await handler(msg(text, { channel: 'wechat', userId: '900', chatId: '900' }))).toBeUndefined();
    }
    expect(outbox.ids()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'audit.jsonl'))).toBe(false);
  });

  it('every staff command in a group is not handled, even from staff', async () => {
    const { handler, msg, outbox } = setup();
    for (const text of commands) {
      expect(await handler(msg(text, { userId: '901', chatId: '-100', isGroup: true, mentioned: true }))).toBeUndefined();
      expect(await handler(msg(text, { chatId: '-100', isGroup: true, mentioned: true }))).toBeUndefined();
    }
    expect(outbox.ids()).toEqual([]);
  });

  it('a staff member cannot send without a preview, and "确认" alone is not a staff command', async () => {
    const { handler, msg, outbox } = setup();
    expect((await handler(msg('广播发送')))![0]!.text).toContain('请先用“广播预览 内容”预览');
    expect(await handler(msg('确认'))).toBeUndefined();
    expect(await handler(msg('你好'))).toBeUndefined();
    expect(outbox.ids()).toEqual([]);
  });
});

describe('staff commands: preview → send → confirm → status → cancel', () => {
  it('previews per channel, asks for confirmation, enqueues, reports status and audits without personal data', async () => {
    const { handler, msg, outbox, dir } = setup();
    const preview = (await handler(msg('广播预览 2024年第二批申报10月10日开始，请提前准备材料。')))!.map((r) => r.text);
    expect(preview[0]).toContain('共47人');
    expect(preview[0]).toMatch(/Telegram：40人，预计用时\d+秒/);
    expect(preview[0]).toMatch(/微信：7人，预计用时\d+秒/);
    expect(preview.some((t) => t.includes('在Telegram中显示为') && t.includes('请提前准备材料') && t.includes('退订'))).toBe(true);
    expect(preview.some((t) => t.includes('在微信中显示为'))).toBe(true);
    expect(outbox.ids()).toEqual([]);

    const ask = (await handler(msg('广播发送')))!;
    expect(ask[0]!.text).toContain('将向47人发送');
    expect(ask[0]!.choices!.map((c) => c.value)).toEqual(['确认', '广播取消']);
    expect(outbox.ids()).toEqual([]);

    const queued = (await handler(msg('确认')))![0]!.text;
    expect(queued).toContain('共47人');
    const [id] = outbox.ids();
    expect(queued).toContain(id!);
    const m = outbox.manifest(id!)!;
    expect(m.recipients).toHaveLength(47);
    expect(m.createdBy).toBe(STAFF);
    expect(m.reply.text).toContain('请提前准备材料');
    // The draft is used up: confirming again does nothing.
    expect(await handler(msg('确认'))).toBeUndefined();

    const status = (await handler(msg('广播状态')))![0]!.text;
    expect(status).toContain(id!);
    expect(status).toContain('发送中');
    expect(status).toContain('待发送47');

    const cancelled = (await handler(msg('/broadcast_cancel')))![0]!.text;
    expect(cancelled).toContain(`已取消广播 ${id}`);
    expect((await handler(msg('广播取消')))![0]!.text).toBe('现在没有正在发送的广播。');

    const audit = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((e) => e.action)).toEqual(['preview', 'preview', 'send-request', 'send', 'status', 'cancel', 'cancel']);
    expect(audit.every((e) => e.who === STAFF && typeof e.at === 'string')).toBe(true);
    expect(audit.find((e) => e.action === 'send')).toMatchObject({ broadcast: id, count: 47 });
    // No recipient's id or chat in the audit log.
    const raw = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8');
    expect(raw).not.toMatch(/u1000\d\d|"1000\d\d"/);
  });

  it('cancelling at the confirmation step drops the draft without sending', async () => {
    const { handler, msg, outbox } = setup();
    await handler(msg('广播预览 测试'));
    await handler(msg('广播发送'));
    expect((await handler(msg('广播取消')))![0]!.text).toBe('已放弃这条广播，没有发送。');
    expect(await handler(msg('确认'))).toBeUndefined();
    expect(outbox.ids()).toEqual([]);
  });

  it('an empty preview asks for the text', async () => {
    const { handler, msg } = setup();
    expect((await handler(msg('广播预览')))![0]!.text).toContain('请在“广播预览”后面写上要发送的内容');
  });
});
