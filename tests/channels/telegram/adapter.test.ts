/** The Telegram channel end to end through the fake Bot API server, with a stub core. */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, stubCore, type Harness } from './harness.js';
import type { SentRecord } from '../../fakes/telegram-api.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const texts = (rs: SentRecord[]) => rs.map((r) => r.text);
const buttons = (r: SentRecord | undefined) => (r?.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string; callback_data?: string }) => [b.text, b.callback_data]);

describe('Telegram channel (stub core)', () => {
  it('registers the Chinese command menu at start', async () => {
    h = await startHarness(stubCore());
    expect(h.fake.commands).toEqual([
      { command: 'start', description: '开始' },
      { command: 'screen', description: '资格自测' },
      { command: 'ask', description: '政策问答' },
      { command: 'subscribe', description: '订阅提醒' },
      { command: 'unsubscribe', description: '退订' },
      { command: 'mydata', description: '我的数据' },
      { command: 'forget', description: '删除我的数据' },
      { command: 'help', description: '帮助' },
    ]);
  });

  it('hands a private text to the core and sends its reply', async () => {
    const core = stubCore();
    h = await startHarness(core);
    h.fake.userText({ userId: 11, text: '你好', firstName: '小王' });
    await h.fake.waitFor(() => h!.fake.messagesTo(11).length === 1);
    expect(texts(h.fake.messagesTo(11))).toEqual(['收到：你好']);
    expect(core.seen[0]).toMatchObject({ channel: 'telegram', userId: '11', chatId: '11', text: '你好', kind: 'text' });
    expect(core.seen[0]!.isGroup).toBeUndefined();
  });

  it('renders choices as buttons, accepts a press, marks the choice and retires the keyboard', async () => {
    h = await startHarness(stubCore());
    const { fake } = h;
    fake.userText({ userId: 12, text: '/screen' });
    await fake.waitFor(() => fake.messagesTo(12).length === 2);
    const q1 = fake.messagesTo(12)[1]!;
    expect(q1.text).toBe('您是本科毕业吗？');
    expect(buttons(q1)).toEqual([['是', '是'], ['否', '否']]);

    fake.pressButton({ userId: 12, messageId: q1.message_id!, data: '是' });
    await fake.waitFor(() => fake.messagesTo(12).length === 3);
    expect(fake.messagesTo(12)[2]!.text).toBe('是否持有学位？');
    expect(fake.sent.filter((s) => s.method === 'answerCallbackQuery')).toHaveLength(1);
    const edit = fake.sent.find((s) => s.method === 'editMessageText' && s.message_id === q1.message_id);
    expect(edit?.text).toBe('您是本科毕业吗？\n（已选：是）');
    expect(edit?.reply_markup).toBeUndefined();

    // Replaying the first keyboard must not answer the second question, although "是" would be valid there.
    fake.pressButton({ userId: 12, messageId: q1.message_id!, data: '是' });
    await fake.waitFor(() => fake.sent.filter((s) => s.method === 'answerCallbackQuery').length === 2);
    const refusal = fake.sent.filter((s) => s.method === 'answerCallbackQuery')[1]!;
    expect(refusal.text).toMatch(/已失效/);
    const q2 = fake.messagesTo(12)[2]!;
    fake.pressButton({ userId: 12, messageId: q2.message_id!, data: '否' });
    await fake.waitFor(() => fake.messagesTo(12).length === 4);
    expect(fake.messagesTo(12)[3]!.text).toBe('结论：是，否');
  });

  it('accepts typed answers and removes the buttons they make obsolete', async () => {
    const core = stubCore();
    h = await startHarness(core);
    const { fake } = h;
    fake.userText({ userId: 13, text: '/screen' });
    await fake.waitFor(() => fake.messagesTo(13).length === 2);
    const q1 = fake.messagesTo(13)[1]!;
    fake.userText({ userId: 13, text: '否' });
    await fake.waitFor(() => fake.messagesTo(13).length === 3);
    expect(fake.sent.some((s) => s.method === 'editMessageReplyMarkup' && s.message_id === q1.message_id)).toBe(true);
    fake.pressButton({ userId: 13, messageId: q1.message_id!, data: '是' });
    await fake.waitFor(() => fake.sent.some((s) => s.method === 'answerCallbackQuery'));
    expect(fake.sent.find((s) => s.method === 'answerCallbackQuery')!.text).toMatch(/已失效/);
    expect(core.seen.map((m) => m.text)).toEqual(['/screen', '否']);
    fake.userText({ userId: 13, text: '是' });
    await fake.waitFor(() => fake.messagesTo(13).length === 4);
    expect(fake.messagesTo(13)[3]!.text).toBe('结论：否，是');
  });

  it('refuses the buttons of a question the user already answered by typing, even when no new buttons followed', async () => {
    const seen: string[] = [];
    h = await startHarness({
      async handle(m) {
        seen.push(m.text);
        return m.text === 'q' ? [{ text: '有学位吗？', choices: [{ label: '是', value: '是' }, { label: '否', value: '否' }] }] : [{ text: '请写出您的专业。' }];
      },
    });
    const { fake } = h;
    fake.userText({ userId: 16, text: 'q' });
    await fake.waitFor(() => fake.messagesTo(16).length === 1);
    fake.userText({ userId: 16, text: '是的' });
    await fake.waitFor(() => fake.messagesTo(16).length === 2);
    fake.pressButton({ userId: 16, messageId: fake.messagesTo(16)[0]!.message_id!, data: '否' });
    await fake.waitFor(() => fake.sent.some((s) => s.method === 'answerCallbackQuery'));
    expect(fake.sent.find((s) => s.method === 'answerCallbackQuery')!.text).toMatch(/已失效/);
    expect(seen).toEqual(['q', '是的']);
  });

  it('uses an index as callback data when a value exceeds 64 bytes, and gives the core the value', async () => {
    const long = '我在民营企业从事专业技术工作并由单位缴纳社会保险已经超过三年了';
    const seen: string[] = [];
    h = await startHarness({
      async handle(m) {
        seen.push(m.text);
        return m.text === 'q' ? [{ text: '选一个', choices: [{ label: '长选项', value: long }, { label: '短', value: 'short' }] }] : [{ text: 'ok' }];
      },
    });
    const { fake } = h;
    fake.userText({ userId: 14, text: 'q' });
    await fake.waitFor(() => fake.messagesTo(14).length === 1);
    const msg = fake.messagesTo(14)[0]!;
    expect(buttons(msg)).toEqual([['长选项', '#i:0'], ['短', 'short']]);
    fake.pressButton({ userId: 14, messageId: msg.message_id!, data: '#i:0' });
    await fake.waitFor(() => fake.messagesTo(14).length === 2);
    expect(seen).toEqual(['q', long]);
  });

  it('splits a long answer at sentence boundaries under 4096 characters, losing nothing', async () => {
    h = await startHarness(stubCore());
    h.fake.userText({ userId: 15, text: '长' });
    await h.fake.waitFor(() => h!.fake.messagesTo(15).length === 3);
    const parts = texts(h.fake.messagesTo(15)) as string[];
    expect(parts.every((p) => p.length <= 4096 && p.endsWith('。'))).toBe(true);
    expect(parts.join('')).toBe('这是一句很长的话。'.repeat(1000));
  });

  it('in a group answers only when mentioned or replied to, threaded under the question', async () => {
    const core = stubCore();
    h = await startHarness(core);
    const { fake } = h;
    const group = { chatId: -100200, chatType: 'supergroup' as const };
    fake.userText({ userId: 21, ...group, text: '大家好' });
    fake.userText({ userId: 21, ...group, text: '/help@some_other_bot' });
    fake.userText({ userId: 21, ...group, text: '@zhicheng_test_bot 现在能申报吗' });
    await fake.waitFor(() => fake.messagesTo(-100200).length === 1);
    const answer = fake.messagesTo(-100200)[0]!;
    expect(answer.text).toBe('收到：现在能申报吗');
    expect(answer.params.reply_parameters).toMatchObject({ message_id: 3 });
    expect(core.seen).toHaveLength(1);
    expect(core.seen[0]).toMatchObject({ isGroup: true, mentioned: true, chatId: '-100200', userId: '21' });

    fake.userText({ userId: 22, ...group, text: '那材料呢', replyToMessageId: answer.message_id! });
    await fake.waitFor(() => fake.messagesTo(-100200).length === 2);
    expect(fake.messagesTo(-100200)[1]!.text).toBe('收到：那材料呢');

    fake.userText({ userId: 22, ...group, text: '/screen@zhicheng_test_bot' });
    await fake.waitFor(() => fake.messagesTo(-100200).length === 3);
    const invite = fake.messagesTo(-100200)[2]!;
    expect(invite.text).toBe('请私聊我做自测。');
    expect(invite.reply_markup?.inline_keyboard[0][0]).toMatchObject({ url: 'https://t.me/zhicheng_test_bot?start=screen' });
  });

  it('turns the private-chat deep link into the command it names', async () => {
    const core = stubCore();
    h = await startHarness(core);
    h.fake.userText({ userId: 23, text: '/start screen' });
    await h.fake.waitFor(() => h!.fake.messagesTo(23).length === 2);
    expect(core.seen[0]!.text).toBe('/screen');
  });

  it('marks forwarded messages as forwarded', async () => {
    const core = stubCore();
    h = await startHarness(core);
    h.fake.userText({ userId: 31, text: '我是大专学历，能申报助理级吗？', forwardOrigin: { type: 'hidden_user', sender_user_name: '申请人', date: 1713571200 } });
    await h.fake.waitFor(() => h!.fake.messagesTo(31).length === 1);
    expect(core.seen[0]).toMatchObject({ forwarded: true, text: '我是大专学历，能申报助理级吗？' });
  });

  it('answers stickers, photos, voice, files and edits with a short helpful text, and survives a failing core', async () => {
    const core = stubCore();
    h = await startHarness(core);
    const { fake } = h;
    const sticker = { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false };
    fake.userMessage({ userId: 41, message: { sticker } });
    fake.userMessage({ userId: 41, message: { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: '这个证书行吗' } });
    fake.userMessage({ userId: 41, message: { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } } });
    fake.userMessage({ userId: 41, message: { document: { file_id: 'd', file_unique_id: 'd' } } });
    fake.pushUpdate({ edited_message: { message_id: 1, date: 0, edit_date: 1, chat: { id: 41, type: 'private', first_name: 'x' }, from: { id: 41, is_bot: false, first_name: 'x' }, text: '改过了' } });
    fake.userText({ userId: 41, text: 'boom' });
    fake.userText({ userId: 41, text: '还在吗' });
    await fake.waitFor(() => fake.messagesTo(41).length === 7);
    expect(texts(fake.messagesTo(41))).toEqual([
      expect.stringContaining('用文字'),
      expect.stringContaining('看不懂图片'),
      expect.stringContaining('听不了语音'),
      expect.stringContaining('读不了文件'),
      expect.stringContaining('重新发送'),
      expect.stringContaining('出了点问题'),
      '收到：还在吗',
    ]);
    expect(core.seen.slice(0, 4).map((m) => m.kind)).toEqual(['sticker', 'image', 'voice', 'file']);
    expect(core.seen[1]!.text).toBe('这个证书行吗');
    expect(h.logs.join('\n')).not.toContain('boom');
  });

  it('greets a group it is added to', async () => {
    h = await startHarness(stubCore());
    h.fake.pushUpdate({
      my_chat_member: {
        chat: { id: -500, type: 'group', title: 'HR群' },
        from: { id: 1, is_bot: false, first_name: 'a' },
        date: 0,
        old_chat_member: { status: 'left', user: { id: h.fake.bot.id, is_bot: true, first_name: 'b' } },
        new_chat_member: { status: 'member', user: { id: h.fake.bot.id, is_bot: true, first_name: 'b' } },
      },
    });
    await h.fake.waitFor(() => h!.fake.messagesTo(-500).length === 1);
    expect(h.fake.messagesTo(-500)[0]!.text).toMatch(/私聊/);
  });
});
