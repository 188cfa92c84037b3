/** End to end: the real app (rules, dialogs, knowledge, memory store) through the Telegram channel and the fake Bot API. */
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINEER, runInterview, startRealHarness, type Answer, type RealHarness } from './real-app.js';

let h: RealHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const textsTo = (h: RealHarness, chat: number) => h.fake.messagesTo(chat).map((m) => m.text ?? '');

describe('Telegram end to end with the real app', { timeout: 60_000 }, () => {
  it('runs a whole interview by buttons to a verdict, every press accepted', async () => {
    h = await startRealHarness();
    const presses = await runInterview(h.fake, 101, ENGINEER, true);
    expect(presses).toBeGreaterThanOrEqual(8);
    const verdict = textsTo(h, 101).find((t) => t.includes('初步判断'))!;
    expect(verdict.split('\n')[0]).toContain('可以申报：助理级');
    expect(verdict).toContain('2024年第一批');
    expect(verdict).toContain('依据：30号文 第五条（四）');
    const answers = h.fake.sent.filter((s) => s.method === 'answerCallbackQuery');
    expect(answers).toHaveLength(presses);
    expect(answers.every((a) => a.text === undefined)).toBe(true); // none refused as stale
  });

  it('runs a whole interview by typing to the same verdict', async () => {
    h = await startRealHarness();
    expect(await runInterview(h.fake, 102, ENGINEER, false)).toBe(0);
    expect(textsTo(h, 102).find((t) => t.includes('初步判断'))).toContain('可以申报：助理级');
  });

  it('answers a forwarded question in a form ready to forward back, with its source', async () => {
    h = await startRealHarness();
    h.fake.userText({ userId: 103, text: '社保缴费证明要上传吗', forwardOrigin: { type: 'hidden_user', sender_user_name: '申请人', date: 1713571200 } });
    await h.fake.waitFor(() => h!.fake.messagesTo(103).length >= 1);
    const reply = textsTo(h, 103).join('\n');
    expect(reply).toContain('【寻乌县职称考核认定助手 答复】');
    expect(reply).toContain('问：社保缴费证明要上传吗');
    expect(reply).toContain('寻人社发〔2024〕28号 三（四）');
  });

  it('in a group answers a mention, invites to a private chat for the interview and never starts it there', async () => {
    h = await startRealHarness();
    const g = { chatId: -100777, chatType: 'supergroup' as const };
    h.fake.userText({ userId: 104, ...g, text: '今天开会吗' });
    h.fake.userText({ userId: 104, ...g, text: '@zhicheng_test_bot 社保缴费证明要上传吗' });
    await h.fake.waitFor(() => h!.fake.messagesTo(-100777).length === 1);
    expect(textsTo(h, -100777)[0]).toContain('寻人社发〔2024〕28号 三（四）');
    h.fake.userText({ userId: 104, ...g, text: '/screen@zhicheng_test_bot' });
    h.fake.userText({ userId: 104, ...g, text: '@zhicheng_test_bot 本科' });
    await h.fake.waitFor(() => h!.fake.messagesTo(-100777).length === 3);
    const group = textsTo(h, -100777);
    expect(group[1]).toContain('私聊');
    expect(group.join('\n')).not.toMatch(/职称系列？|最高学历是？|初步判断/);
    expect(h.fake.messagesTo(-100777)[1]!.reply_markup?.inline_keyboard[0][0].url).toBe('https://t.me/zhicheng_test_bot?start=screen');
    expect(await h.app.store.getSession('telegram:104')).toBeUndefined();
  });

  it('loses and duplicates no reply through a 429 storm', async () => {
    h = await startRealHarness();
    const script = ['你好', '现在能申报吗', '帮助', '需要准备哪些材料'];
    // Reference: what one user gets with no failures.
    for (const text of script) h.fake.userText({ userId: 999, firstName: '同名', text });
    await h.fake.waitFor(() => h!.fake.calls.length > 0 && textsTo(h!, 999).length >= script.length);
    await new Promise((r) => setTimeout(r, 200));
    const reference = textsTo(h, 999);

    h.fake.inject429(60, 0.05);
    const users = Array.from({ length: 15 }, (_, i) => 2000 + i);
    for (const text of script) for (const u of users) h.fake.userText({ userId: u, firstName: '同名', text });
    await h.fake.waitFor(() => users.every((u) => textsTo(h!, u).length >= reference.length), 30_000, 'every reply');
    await new Promise((r) => setTimeout(r, 200));
    for (const u of users) expect(textsTo(h, u)).toEqual(reference);
    expect(h.fake.calls.filter((c) => c.status === 429)).toHaveLength(60);
  }, 40_000);

  it('keeps two interleaved interviews apart', async () => {
    h = await startRealHarness();
    const COLLEGE: Answer[] = ENGINEER.map((a) =>
      /最高学历/.test(a.ask.source) ? { ...a, answer: '大专' } : /单位的名称/.test(a.ask.source) ? { ...a, answer: '寻乌县某建设有限公司' } : a,
    );
    await Promise.all([runInterview(h.fake, 201, ENGINEER, true), runInterview(h.fake, 202, COLLEGE, false)]);
    const summary = (u: number) => textsTo(h!, u).find((t) => t.includes('请确认您的信息'))!;
    expect(summary(201)).toContain('最高学历：本科');
    expect(summary(201)).toContain('赣州某水务集团有限公司');
    expect(summary(202)).toContain('最高学历：大专');
    expect(summary(202)).toContain('寻乌县某建设有限公司');
    expect(textsTo(h, 201).some((t) => t.includes('初步判断'))).toBe(true);
    expect(textsTo(h, 202).some((t) => t.includes('初步判断'))).toBe(true);
  });
});
