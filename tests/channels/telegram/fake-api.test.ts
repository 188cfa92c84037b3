import { afterEach, describe, expect, it } from 'vitest';
import { Api, GrammyError } from 'grammy';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.js';

let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake Telegram Bot API server', () => {
  it('long-polls: waits for an update, then confirms it with the next offset', async () => {
    fake = await startFakeTelegram();
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const poll = api.getUpdates({ offset: 0, timeout: 5 });
    setTimeout(() => fake!.userText({ userId: 5, text: '你好' }), 30);
    const first = await poll;
    expect(first.map((u) => u.message?.text)).toEqual(['你好']);
    fake.userText({ userId: 5, text: '第二条' });
    const second = await api.getUpdates({ offset: first[0]!.update_id + 1, timeout: 1 });
    expect(second.map((u) => u.message?.text)).toEqual(['第二条']);
    expect(await api.getUpdates({ offset: second[0]!.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it('records sent messages and edits, and refuses a no-op edit like Telegram', async () => {
    fake = await startFakeTelegram();
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const m = await api.sendMessage(9, '选一个', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    await api.editMessageReplyMarkup(9, m.message_id, { reply_markup: { inline_keyboard: [] } });
    await expect(api.editMessageReplyMarkup(9, m.message_id, { reply_markup: { inline_keyboard: [] } })).rejects.toThrow(/not modified/);
    expect(fake.sent.map((s) => [s.method, s.chat_id, s.message_id])).toEqual([
      ['sendMessage', '9', m.message_id],
      ['editMessageReplyMarkup', '9', m.message_id],
    ]);
  });

  it('injects 429 with retry_after, 502 and blocked chats, and keeps failures out of `sent`', async () => {
    fake = await startFakeTelegram();
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    fake.inject429(1, 2);
    const e429 = await api.sendMessage(1, 'x').catch((e: GrammyError) => e);
    expect(e429).toBeInstanceOf(GrammyError);
    expect((e429 as GrammyError).error_code).toBe(429);
    expect((e429 as GrammyError).parameters.retry_after).toBe(2);
    fake.inject502(1);
    const e502 = await api.sendMessage(1, 'x').catch((e: GrammyError) => e);
    expect((e502 as GrammyError).error_code).toBe(502);
    fake.setBlocked(1);
    await expect(api.sendMessage(1, 'x')).rejects.toThrow(/blocked by the user/);
    expect(fake.sent).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 502, 403]);
  });

  it('rejects a wrong token', async () => {
    fake = await startFakeTelegram();
    const api = new Api('1:wrong', { apiRoot: fake.apiRoot });
    await expect(api.getMe()).rejects.toThrow(/Unauthorized/);
  });
});
