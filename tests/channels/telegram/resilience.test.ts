/** Rate limits, 429 storms, 502s, interleaved users, the broadcast sender and webhook mode. */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, stubCore, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Telegram channel under failures', () => {
  it('loses and duplicates no reply through a 429 storm, and keeps each chat in order', async () => {
    h = await startHarness(stubCore());
    const { fake } = h;
    fake.inject429(40, 0.05);
    const users = Array.from({ length: 20 }, (_, i) => 1000 + i);
    for (const u of users) for (let k = 1; k <= 3; k++) fake.userText({ userId: u, text: `第${k}条` });
    await fake.waitFor(() => users.every((u) => fake.messagesTo(u).length >= 3), 20_000, 'all replies');
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would arrive now
    for (const u of users) expect(fake.messagesTo(u).map((m) => m.text)).toEqual(['收到：第1条', '收到：第2条', '收到：第3条']);
    expect(fake.calls.filter((c) => c.status === 429).length).toBe(40);
  });

  it('retries a 502 and delivers the reply exactly once', async () => {
    h = await startHarness(stubCore());
    h.fake.inject502(1);
    h.fake.userText({ userId: 51, text: '你好' });
    await h.fake.waitFor(() => h!.fake.messagesTo(51).length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.messagesTo(51).map((m) => m.text)).toEqual(['收到：你好']);
    expect(h.fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([502, 200]);
  }, 15_000);

  it('keeps two interleaved interviews apart', async () => {
    h = await startHarness(stubCore());
    const { fake } = h;
    fake.userText({ userId: 61, text: '/screen' });
    fake.userText({ userId: 62, text: '/screen' });
    await fake.waitFor(() => fake.messagesTo(61).length === 2 && fake.messagesTo(62).length === 2);
    fake.pressButton({ userId: 61, messageId: fake.messagesTo(61)[1]!.message_id!, data: '是' });
    fake.userText({ userId: 62, text: '否' });
    await fake.waitFor(() => fake.messagesTo(61).length === 3 && fake.messagesTo(62).length === 3);
    fake.userText({ userId: 62, text: '否' });
    fake.pressButton({ userId: 61, messageId: fake.messagesTo(61)[2]!.message_id!, data: '是' });
    await fake.waitFor(() => fake.messagesTo(61).length === 4 && fake.messagesTo(62).length === 4);
    expect(fake.messagesTo(61)[3]!.text).toBe('结论：是，是');
    expect(fake.messagesTo(62)[3]!.text).toBe('结论：否，否');
  });
});

describe('Telegram broadcast sender', () => {
  it('reports success, blocked and missing chats as permanent, and 429 with retryAfterMs', async () => {
    h = await startHarness(stubCore());
    const { fake, channel } = h;
    expect(await channel.sender.send('81', { text: '申报窗口已开放' })).toEqual({ ok: true });
    expect(fake.messagesTo(81).map((m) => m.text)).toEqual(['申报窗口已开放']);
    fake.setBlocked(82);
    expect(await channel.sender.send('82', { text: 'x' })).toMatchObject({ ok: false, permanent: true, reason: expect.stringContaining('blocked') });
    fake.setMissing(83);
    expect(await channel.sender.send('83', { text: 'x' })).toMatchObject({ ok: false, permanent: true, reason: expect.stringContaining('chat not found') });
    fake.inject429(1, 7);
    expect(await channel.sender.send('84', { text: 'x' })).toMatchObject({ ok: false, permanent: false, retryAfterMs: 7000 });
    fake.inject502(1);
    expect(await channel.sender.send('84', { text: 'x' })).toMatchObject({ ok: false, permanent: false });
    expect(fake.messagesTo(84)).toHaveLength(0);
  });

  it('sends buttons that the bot then accepts', async () => {
    const core = stubCore();
    h = await startHarness(core);
    const { fake, channel } = h;
    await channel.sender.send('85', { text: '要订阅吗？', choices: [{ label: '订阅', value: '/subscribe' }] });
    const msg = fake.messagesTo(85)[0]!;
    fake.pressButton({ userId: 85, messageId: msg.message_id!, data: '/subscribe' });
    await fake.waitFor(() => fake.messagesTo(85).length === 2);
    expect(core.seen.map((m) => m.text)).toEqual(['/subscribe']);
  });
});

describe('Telegram webhook mode', () => {
  it('registers the webhook with a secret and accepts only updates carrying it', async () => {
    h = await startHarness(stubCore(), { webhookUrl: 'https://bot.example.org/tg/hook', webhookSecret: 's3cret_token' });
    const { fake, channel } = h;
    expect(fake.webhook).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: 's3cret_token' });
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 91, type: 'private', first_name: 'a' }, from: { id: 91, is_bot: false, first_name: 'a' }, text: '你好' } };
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${channel.webhookPort}/tg/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
    expect((await post('wrong')).status).toBe(401);
    expect(fake.messagesTo(91)).toHaveLength(0);
    expect((await post('s3cret_token')).status).toBe(200);
    await fake.waitFor(() => fake.messagesTo(91).length === 1);
    expect(fake.messagesTo(91)[0]!.text).toBe('收到：你好');
  });
});
