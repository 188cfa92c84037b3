/** A forwarded Telegram message is one question with its context: all its lines, marked forwarded. */
import { describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { toInbound } from '../../../src/channels/telegram/inbound.js';

const me = { id: 99, username: 'zhicheng_test_bot' };
const origin = { type: 'hidden_user', sender_user_name: '申请人', date: 1713571200 } as const;
const msg = (m: Partial<Message> & Record<string, unknown>): Message =>
  ({ message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'a' }, from: { id: 5, is_bot: false, first_name: '人事小王' }, ...m }) as Message;

describe('Telegram forwarded messages', () => {
  it('a multi-line forward is one forwarded text message with every line', () => {
    const text = '我2023年6月本科毕业\n7月进的县交通投资集团做道路设计\n这次能认定助理工程师吗';
    expect(toInbound(msg({ text, forward_origin: origin }), me)).toMatchObject({ forwarded: true, kind: 'text', text });
  });
  it('a forwarded picture with a caption is read by its caption', () => {
    expect(toInbound(msg({ photo: [], caption: '这个证能用吗', forward_origin: origin } as never), me)).toMatchObject({ forwarded: true, kind: 'text', text: '这个证能用吗' });
    // Not forwarded, a photo stays a photo.
    expect(toInbound(msg({ photo: [], caption: '看看' } as never), me)).toMatchObject({ kind: 'image' });
  });
});
