/**
 * `npm run screenshots`: every console page at phone (390 px) and desktop (1280 px) width, written
 * to docs/screenshots/<page>-phone.png and -desktop.png, from a stack with example data (fake
 * Telegram, temp data folder). Needs Debian's chromium and a CJK font (fonts-wqy-microhei).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/policy/load.js';
import { CHROMIUM, CHROMIUM_ARGS, startStack } from '../tests/console-web/browser/stack.js';

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stack = await startStack({ today: '2024-09-20' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Example data: subscribers (two teachers who agreed to self-test use), a few missed questions.
    const subs = [
      { key: 'telegram:801', channel: 'telegram', chatId: '801', audiences: ['education'], since: '', selfTest: { series: '中小学教师', batch: '2024-2', consent: true as const } },
      { key: 'telegram:802', channel: 'telegram', chatId: '802', audiences: ['general'], since: '' },
      { key: 'wechat:wx1', channel: 'wechat', chatId: 'wx1', audiences: ['general'], since: '' },
    ];
    for (const s of subs) await stack.app.store.putSubscriber(s);
    for (const q of ['职称认定需要面试答辩吗', '认定职称要不要面试答辩', '职称认定需要面试答辩吗', '今天中午吃什么']) {
      await stack.app.core.handle({ channel: 'telegram', userId: '700', chatId: '700', text: q });
    }
    stack.prep.accounts.add('管理员', true);
    const once = stack.prep.accounts.add('张三', false);
    stack.prep.accounts.setPassword('管理员', 'screenshot-pass-1');

    for (const [size, viewport] of Object.entries(WIDTHS)) {
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      const page = await ctx.newPage();
      const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}-${size}.png`), fullPage: true });
      await page.goto(`${stack.url}/login`);
      await shot('login');
      if (size === 'phone') {
        await logIn(page, '张三', once);
        await shot('first-password');
        await ctx.clearCookies();
      }
      await logIn(page, '管理员', 'screenshot-pass-1');
      await shot('overview');
      await page.goto(`${stack.url}/broadcasts`);
      await page.getByLabel('通知内容（可以分多行）').fill('各位老师：2024年第二批（教育系统）考核认定将于10月10日开始，\n请提前准备材料，按时在系统中提交。');
      await page.getByLabel('按自测结果').check();
      await page.getByLabel('自测的职称系列（可多选）').selectOption(['中小学教师']);
      await shot('broadcasts');
      await page.getByRole('button', { name: '预览' }).click();
      await shot('broadcast-preview');
      await page.getByRole('button', { name: '确认发送' }).click();
      await stack.fake.waitFor(() => stack.fake.messagesTo(801).length > 0, 10_000);
      await page.reload();
      await shot('broadcast-progress');
      await page.goto(`${stack.url}/reminders`);
      await shot('reminders');
      await page.goto(`${stack.url}/misses`);
      await shot('misses');
      await page.getByRole('button', { name: '写答案' }).first().click();
      await shot('curate');
      await page.goto(`${stack.url}/notices`);
      await shot('notices');
      await page.goto(`${stack.url}/bind`);
      await page.getByRole('button', { name: '获取绑定码' }).click();
      await shot('bind');
      await page.goto(`${stack.url}/staff`);
      await shot('staff');
      await ctx.close();
    }
    process.stdout.write(`截图已写入 ${path.relative(PROJECT_ROOT, OUT)}/\n`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

async function logIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto(page.url().replace(/\/[^/]*$/, '/login'));
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`截图失败：${(e as Error).message}\n`);
    process.exit(1);
  },
);
