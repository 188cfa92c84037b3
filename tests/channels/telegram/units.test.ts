/** Pure parts of the Telegram channel: splitting, inbound translation, keyboards, errors. */
import { describe, expect, it } from 'vitest';
import { GrammyError } from 'grammy';
import type { Message } from 'grammy/types';
import { splitText } from '../../../src/channels/telegram/split.js';
import { toInbound } from '../../../src/channels/telegram/inbound.js';
import { callbackData, decodePress, inlineKeyboard } from '../../../src/channels/telegram/keyboard.js';
import { toSendResult } from '../../../src/channels/telegram/errors.js';
import { loadTelegramTexts, validateTelegramTexts } from '../../../src/channels/telegram/texts.js';
import { PROJECT_ROOT } from '../../../src/policy/load.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const me = { id: 99, username: 'zhicheng_test_bot' };
const msg = (m: Partial<Message> & Record<string, unknown>): Message =>
  ({ message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'a' }, from: { id: 5, is_bot: false, first_name: '小李' }, ...m }) as Message;
const group = { id: -7, type: 'supergroup', title: 'g' } as Message['chat'];

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('你好。')).toEqual(['你好。']);
  });
  it('cuts at 。！？ or a line break, never over the limit', () => {
    expect(splitText('第一句。第二句！第三句？', 5)).toEqual(['第一句。', '第二句！', '第三句？']);
    expect(splitText('一行\n二行\n三行', 4)).toEqual(['一行', '二行', '三行']);
  });
  it('hard-cuts one over-long sentence without splitting an emoji', () => {
    const parts = splitText('啊啊啊😀啊啊', 4);
    expect(parts.join('')).toBe('啊啊啊😀啊啊');
    expect(parts.every((p) => p.length <= 4 && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });
});

describe('toInbound', () => {
  it('translates a private text', () => {
    expect(toInbound(msg({ text: '你好' }), me)).toEqual({ channel: 'telegram', userId: '5', chatId: '5', text: '你好', kind: 'text', senderName: '小李' });
  });
  it('ignores bots and group chatter not addressed to us', () => {
    expect(toInbound(msg({ text: 'hi', from: { id: 6, is_bot: true, first_name: 'b' } }), me)).toBeUndefined();
    expect(toInbound(msg({ chat: group, text: '随便聊聊' }), me)).toBeUndefined();
    expect(toInbound(msg({ chat: group, text: '/help@other_bot' }), me)).toBeUndefined();
  });
  it('sees @mentions (any case), replies to us, text mentions and bare commands in groups, and strips the mention', () => {
    expect(toInbound(msg({ chat: group, text: '@ZhiCheng_Test_Bot 截止日期？' }), me)).toMatchObject({ isGroup: true, mentioned: true, text: '截止日期？' });
    expect(toInbound(msg({ chat: group, text: '那呢', reply_to_message: msg({ from: { id: 99, is_bot: true, first_name: 'me' } }) as never }), me)).toMatchObject({ mentioned: true });
    expect(toInbound(msg({ chat: group, text: '助手 你好', entities: [{ type: 'text_mention', offset: 0, length: 2, user: { id: 99, is_bot: true, first_name: 'me' } }] }), me)).toMatchObject({ mentioned: true });
    expect(toInbound(msg({ chat: group, text: '/help@zhicheng_test_bot' }), me)).toMatchObject({ text: '/help' });
    expect(toInbound(msg({ chat: group, text: '/help' }), me)).toMatchObject({ text: '/help' });
  });
  it('marks forwards and non-text kinds, keeping captions as text', () => {
    expect(toInbound(msg({ text: '问题', forward_origin: { type: 'user', date: 0, sender_user: { id: 1, is_bot: false, first_name: 'x' } } }), me)).toMatchObject({ forwarded: true });
    expect(toInbound(msg({ photo: [], caption: '看看' } as never), me)).toMatchObject({ kind: 'image', text: '看看' });
    expect(toInbound(msg({ video_note: {} } as never), me)).toMatchObject({ kind: 'video', text: '' });
    expect(toInbound(msg({ location: { latitude: 1, longitude: 2 } }), me)).toMatchObject({ kind: 'location' });
    expect(toInbound(msg({ poll: {} } as never), me)).toMatchObject({ kind: 'other' });
  });
  it('expands a /start deep link only for known commands', () => {
    const cmds = new Set(['screen']);
    expect(toInbound(msg({ text: '/start screen' }), me, cmds)?.text).toBe('/screen');
    expect(toInbound(msg({ text: '/start evil' }), me, cmds)?.text).toBe('/start evil');
  });
});

describe('keyboards', () => {
  it('uses the value as callback data when it fits 64 bytes, else an index, and decodes both', () => {
    const choices = [{ label: 'A', value: '本科' }, { label: 'B', value: '长'.repeat(22) }, { label: 'C', value: '#i:1' }];
    expect(choices.map(callbackData)).toEqual(['本科', '#i:1', '#i:2']);
    expect(decodePress('#i:1', choices)).toBe(choices[1]);
    expect(decodePress('#i:2', choices)).toBe(choices[2]);
    expect(decodePress('本科', choices)).toBe(choices[0]);
    expect(decodePress('伪造', choices)).toBeUndefined();
  });
  it('puts short labels two to a row and long labels one to a row', () => {
    expect(inlineKeyboard([{ label: '是', value: '是' }, { label: '否', value: '否' }, { label: '不确定', value: '?' }]).inline_keyboard.map((r) => r.length)).toEqual([2, 1]);
    expect(inlineKeyboard([{ label: '国有企业或事业单位在编', value: 'a' }, { label: '否', value: 'b' }]).inline_keyboard.map((r) => r.length)).toEqual([1, 1]);
  });
});

describe('toSendResult', () => {
  const err = (code: number, description: string, parameters = {}) => new GrammyError('x', { ok: false, error_code: code, description, parameters }, 'sendMessage', {});
  it('treats blocked, kicked and missing chats as permanent, 429 and 5xx as retryable', () => {
    expect(toSendResult(err(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ ok: false, permanent: true });
    expect(toSendResult(err(403, 'Forbidden: bot was kicked from the group chat'))).toMatchObject({ permanent: true });
    expect(toSendResult(err(400, 'Bad Request: chat not found'))).toMatchObject({ permanent: true });
    expect(toSendResult(err(429, 'Too Many Requests: retry after 3', { retry_after: 3 }))).toEqual({ ok: false, permanent: false, reason: '429 Too Many Requests: retry after 3', retryAfterMs: 3000 });
    expect(toSendResult(err(502, 'Bad Gateway'))).toMatchObject({ permanent: false });
    expect(toSendResult(err(401, 'Unauthorized'))).toMatchObject({ permanent: false });
  });
});

describe('dialogs/telegram.yaml', () => {
  it('loads, and a broken copy is reported with file and path', () => {
    expect(loadTelegramTexts().commands.map((c) => c.command)).toEqual(['start', 'screen', 'ask', 'subscribe', 'unsubscribe', 'mydata', 'forget', 'help']);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-texts-'));
    fs.mkdirSync(path.join(root, 'dialogs'));
    const yaml = fs.readFileSync(path.join(PROJECT_ROOT, 'dialogs/telegram.yaml'), 'utf8').replace('command: mydata', 'command: MyData').replace('（已选：{label}）', '（已选）');
    fs.writeFileSync(path.join(root, 'dialogs/telegram.yaml'), yaml);
    const problems: { file: string; path: string; message: string }[] = [];
    validateTelegramTexts(root, problems);
    expect(problems.map((p) => p.path).sort()).toEqual(['chosen', 'commands.5.command']);
    expect(problems[0]!.file).toMatch(/telegram\.yaml$/);
  });
});
