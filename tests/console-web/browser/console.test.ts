/**
 * The console in a real browser (Debian chromium driven by playwright-core): what a clerk does, and
 * what an attacker would try. Skipped with a message only when chromium is missing outside CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, browserAvailable, startStack, type Stack } from './stack.js';
import { localStamp } from '../../../src/broadcast/schedule.js';

const run = browserAvailable();

describe.skipIf(!run)('web console in chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let adminPassword = '';

  beforeAll(async () => {
    stack = await startStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function logIn(page: Page, name: string, password: string): Promise<void> {
    await page.goto(`${stack.url}/login`);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
  }

  it('logs in with the one-time password, must change it, then binds a Telegram account with a code', async () => {
    const once = stack.prep.accounts.add('张三', true);
    const page = await browser.newPage();
    await logIn(page, '张三', once);
    await page.getByRole('heading', { name: '请先设置您自己的密码' }).first().waitFor({ timeout: 10_000 });
    // Straight to another page: back to the password form.
    await page.goto(`${stack.url}/broadcasts`);
    expect(new URL(page.url()).pathname).toBe('/password');
    adminPassword = 'xunwu-bureau-2025';
    await page.getByLabel('现在的密码').fill(once);
    await page.getByLabel('新密码（至少 10 个字符）').fill(adminPassword);
    await page.getByLabel('再输一次新密码').fill(adminPassword);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.getByText('新密码已保存').first().waitFor({ timeout: 10_000 });

    await page.getByRole('link', { name: '绑定聊天账号', exact: true }).click();
    await page.getByRole('button', { name: '获取绑定码' }).click();
    const code = (await page.getByTestId('bind-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    stack.fake.userText({ userId: 5150, text: `绑定 ${code}` });
    await stack.fake.waitFor(() => stack.fake.messagesTo(5150).some((m) => m.text?.includes('已绑定')));
    await page.reload();
    await page.getByText('Telegram 5150').first().waitFor({ timeout: 10_000 });
    // The bound account now has the staff commands.
    stack.fake.userText({ userId: 5150, text: '广播状态' });
    await stack.fake.waitFor(() => stack.fake.messagesTo(5150).length >= 2);
    expect(stack.fake.messagesTo(5150).at(-1)!.text).not.toContain('没有找到');
    await page.close();
  }, 60_000);

  it('schedules a broadcast to the teachers and watches it delivered through the fake Bot API', async () => {
    // Two teachers and an engineer finish a self-test on Telegram and take the offer "订阅提醒" (their consent).
    const selfTested = async (userId: number, series: string) => {
      await stack.app.store.putSession({ key: `telegram:${userId}`, updatedAt: new Date().toISOString(), data: { dialog: { v: 1, phase: 'done', answers: { series }, shown: {}, failures: 0 } } });
      stack.fake.userText({ userId, text: '订阅提醒' });
      await stack.fake.waitFor(() => stack.fake.messagesTo(userId).some((m) => m.text?.includes('已为您订阅')));
    };
    await selfTested(801, '中小学教师');
    await selfTested(802, '中等职业学校教师');
    await selfTested(803, '工程');
    // One teacher subscribed without a self-test: no consent, not in the teachers' audience.
    stack.fake.userText({ userId: 804, text: '订阅 教育' });
    await stack.fake.waitFor(() => stack.fake.messagesTo(804).some((m) => m.text?.includes('已为您订阅')));

    const page = await browser.newPage();
    await logIn(page, '张三', adminPassword);
    await page.getByRole('link', { name: '广播', exact: true }).click();
    const text = '各位老师：教育系统考核认定将于10月10日开始，\n请提前准备材料。';
    await page.getByLabel('通知内容（可以分多行）').fill(text);
    await page.getByLabel('按自测结果').check();
    await page.getByLabel('自测的职称系列（可多选）').selectOption(['中小学教师', '中等职业学校教师']);
    const at = new Date(stack.now().getTime() + 2 * 60_000);
    await page.getByLabel('发送时间（北京时间；不填为立即发送）').fill(localStamp(at).replace(' ', 'T'));
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByTestId('recipient-count').waitFor();
    expect(await page.getByTestId('recipient-count').textContent()).toBe('2');
    expect(await page.getByTestId('preview-telegram').textContent()).toContain('请提前准备材料');
    await page.getByRole('button', { name: '确认定时发送' }).click();
    await page.getByText('已安排定时发送').waitFor();
    await stack.tick();
    expect(stack.fake.messagesTo(801).filter((m) => m.text?.includes('各位老师'))).toHaveLength(0);
    // Three minutes later the schedule is due.
    stack.advance(3 * 60_000);
    await stack.tick();
    await stack.fake.waitFor(() => [801, 802].every((u) => stack.fake.messagesTo(u).some((m) => m.text?.includes('各位老师'))), 10_000, 'teachers receive the broadcast');
    await page.goto(`${stack.url}/broadcasts`);
    await page.getByRole('link', { name: localStamp(stack.now()).slice(0, 10), exact: false }).first().click();
    await page.getByText('已完成').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('sent').textContent()).toBe('2');
    expect(stack.fake.messagesTo(803).some((m) => m.text?.includes('各位老师'))).toBe(false);
    expect(stack.fake.messagesTo(804).some((m) => m.text?.includes('各位老师'))).toBe(false);
    await page.close();
  }, 90_000);

  it('turns a missed question into an entry that the bot then answers', async () => {
    const q = '职称认定需要面试答辩吗';
    stack.fake.userText({ userId: 901, text: q });
    await stack.fake.waitFor(() => stack.fake.messagesTo(901).some((m) => m.text?.includes('没有找到答案')));
    const page = await browser.newPage();
    await logIn(page, '张三', adminPassword);
    await page.getByRole('link', { name: '没答上的问题', exact: true }).click();
    await page.getByTestId('miss-group').filter({ hasText: q }).getByRole('button', { name: '写答案' }).click();
    await page.getByLabel('条目编号').fill('interview-defense');
    await page.getByLabel('标题').fill('要不要面试答辩');
    await page.getByLabel('要匹配的问法（每行一种，至少 3 种）').fill(`${q}\n认定职称要不要面试答辩\n考核认定有没有答辩环节`);
    await page.getByLabel('答案').fill('考核认定以审查申报材料为主；有没有面试或答辩，请以县职称办的安排为准。');
    await page.getByLabel('出处：条款').fill('文首');
    await page.getByRole('button', { name: '保存并上线' }).click();
    await page.getByText('已保存为知识条目').waitFor();
    stack.fake.userText({ userId: 902, text: q });
    await stack.fake.waitFor(() => stack.fake.messagesTo(902).some((m) => m.text?.includes('以审查申报材料为主')), 15_000, 'the bot answers with the new entry');
    expect(stack.app.knowledge.ask(q, '2024-06-15').entry).toBe('interview-defense');
    await page.close();
  }, 90_000);

  it('adds a 2025 notice: the preview and then the bot answer 现在能报吗 differently', async () => {
    stack.setToday('2025-04-20');
    const before = stack.app.knowledge.ask('现在能报吗', '2025-04-20').answer;
    const page = await browser.newPage();
    await logIn(page, '张三', adminPassword);
    await page.getByRole('link', { name: '新通知', exact: true }).click();
    const fill = async (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
    await fill('文件名（例如 xunwu-2025-30）', 'xunwu-2025-test');
    await fill('文号（例如 寻人社发〔2025〕30号）', '寻人社发〔2025〕99号');
    await fill('标题', '关于做好2025年专业技术资格考核认定工作的通知（测试用）');
    await fill('发文日期', '2025-04-01');
    const batch = page.locator('fieldset', { hasText: '第 1 批' });
    await batch.getByLabel('批次编号（例如 2025-1）').fill('2025-1');
    await batch.getByLabel('批次名称（例如 2025年第一批）').fill('2025年第一批');
    await batch.getByLabel('申报开始').fill('2025-04-10');
    await batch.getByLabel('申报截止').fill('2025-05-30');
    await batch.getByLabel('年限计算截止日期').fill('2025-06-30');
    const second = page.locator('fieldset', { hasText: '第 2 批' });
    await second.getByLabel('批次编号（例如 2025-1）').fill('2025-2');
    await second.getByLabel('批次名称（例如 2025年第一批）').fill('2025年第二批');
    await second.getByLabel('申报开始').fill('2025-10-10');
    await second.getByLabel('申报截止').fill('2025-11-20');
    await second.getByLabel('年限计算截止日期').fill('2025-12-31');
    await page.locator('.card', { hasText: '用人单位完成期限' }).getByLabel('日期').fill('2025-12-20');
    await page.getByLabel('假设今天是').fill('2025-04-20');
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByTestId('answer-new').waitFor();
    expect(await page.getByTestId('answer-new').textContent()).toContain('2025年5月30日');
    expect(await page.getByTestId('answer-now').textContent()).toBe(before);
    await page.getByRole('button', { name: '保存并上线' }).click();
    await page.getByText('新通知已保存并上线').waitFor();
    stack.fake.userText({ userId: 903, text: '现在能报吗' });
    await stack.fake.waitFor(() => stack.fake.messagesTo(903).some((m) => m.text?.includes('2025年5月30日')), 15_000, 'the bot answers with the 2025 window');
    stack.setToday('2024-06-15');
    await page.close();
  }, 90_000);

  it('a <script> in a missed question or a broadcast is shown as text and never runs', async () => {
    const evil = '<script>window.__pwned = 1; alert(1)</script>今天中午吃什么<img src=x onerror="window.__pwned=2">';
    stack.fake.userText({ userId: 904, text: evil });
    await stack.fake.waitFor(() => stack.fake.messagesTo(904).length > 0);
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await logIn(page, '张三', adminPassword);
    await page.goto(`${stack.url}/misses`);
    await page.getByText('<script>window.__pwned = 1; alert(1)</script>', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: '广播', exact: true }).click();
    await page.getByLabel('通知内容（可以分多行）').fill(evil);
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByTestId('preview-telegram').waitFor();
    expect(await page.getByTestId('preview-telegram').textContent()).toContain('<script>window.__pwned');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await page.close();
  }, 60_000);

  it('attacker: no session, a forged CSRF token, six wrong passwords, a non-admin creating staff', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // No session: every page leads to the log-in form; a form post is refused.
    for (const p of ['/', '/staff', '/broadcasts', '/misses', '/notices']) {
      await page.goto(stack.url + p);
      expect(new URL(page.url()).pathname).toBe('/login');
    }
    const anon = await page.request.post(`${stack.url}/staff/add`, { form: { name: '入侵者', admin: '1' }, maxRedirects: 0 });
    expect(anon.status()).toBe(403);

    // Six wrong passwords: locked, and the right password no longer opens it.
    const pw = stack.prep.accounts.add('李四', false);
    for (let i = 0; i < 6; i++) await logIn(page, '李四', `guess-${i}`);
    await page.getByText('账号已锁定').first().waitFor({ timeout: 10_000 });
    await logIn(page, '李四', pw);
    await page.getByText('账号已锁定').first().waitFor({ timeout: 10_000 });
    stack.prep.accounts.unlock('李四');

    // A non-admin, logged in, forging a staff-creation form: refused.
    await logIn(page, '李四', pw);
    await page.getByLabel('现在的密码').fill(pw);
    await page.getByLabel('新密码（至少 10 个字符）').fill('lisi-secret-99');
    await page.getByLabel('再输一次新密码').fill('lisi-secret-99');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '保存新密码' }).click()]);
    expect(await page.getByRole('link', { name: '工作人员', exact: true }).count()).toBe(0);
    await page.goto(`${stack.url}/bind`);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const denied = await page.request.post(`${stack.url}/staff/add`, { form: { _csrf: csrf, name: '入侵者', admin: '1' }, maxRedirects: 0 });
    expect(denied.status()).toBe(403);
    // A forged token, with a valid session: refused.
    const forged = await page.request.post(`${stack.url}/bind/code`, { form: { _csrf: 'forged' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(stack.prep.accounts.get('入侵者')).toBeUndefined();
    await ctx.close();
  }, 60_000);
});
