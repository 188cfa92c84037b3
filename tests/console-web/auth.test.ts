import { describe, expect, it } from 'vitest';
import { Client, rig } from './helpers.js';
import { loadConfig, ConfigError } from '../../src/config.js';

describe('console log-in, sessions and CSRF (app.request)', () => {
  it('without a session every page redirects to the log-in page and every form is refused', async () => {
    const { web } = await rig();
    for (const p of ['/', '/staff', '/bind', '/password']) {
      const res = await web.request(p);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
    }
    const res = await web.request('/staff/add', { method: 'POST', body: new URLSearchParams({ name: 'x', admin: '1' }) });
    expect(res.status).toBe(403);
  });

  it('a one-time password must be changed first; the cookie is HttpOnly and SameSite=Strict', async () => {
    const { web, prep } = await rig();
    const pw = prep.accounts.add('张三', false);
    const c = new Client(web);
    await c.get('/login');
    const res = await c.post('/login', { name: '张三', password: pw });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password');
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('zc_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    // Any other page sends back to the password form until it is changed.
    expect((await c.get('/')).headers.get('location')).toBe('/password');
    await c.get('/password');
    expect((await c.post('/password', { current: pw, next: 'short', again: 'short' })).status).toBe(400);
    expect(c.last).toContain('至少 10 个字符');
    expect((await c.post('/password', { current: pw, next: 'bureau-pass-2024', again: 'bureau-pass-2024' })).status).toBe(303);
    expect((await c.get('/')).status).toBe(200);
    expect(c.last).toContain('概览');
    // The one-time password no longer works.
    const d = new Client(web);
    await d.get('/login');
    expect((await d.post('/login', { name: '张三', password: pw })).status).toBe(401);
  });

  it('the cookie is Secure when configured or when a trusted proxy says https', async () => {
    for (const [env, headers] of [
      [{ ZHICHENG_CONSOLE_SECURE: '1' }, {}],
      [{ ZHICHENG_CONSOLE_TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https' }],
    ] as const) {
      const { web, prep } = await rig({ env });
      const pw = prep.accounts.add('李四', false);
      const c = new Client(web, headers);
      await c.get('/login');
      const res = await c.post('/login', { name: '李四', password: pw });
      expect(res.headers.getSetCookie().find((x) => x.startsWith('zc_session='))).toMatch(/Secure/);
    }
    // An untrusted X-Forwarded-Proto changes nothing.
    const { web, prep } = await rig();
    const pw = prep.accounts.add('王五', false);
    const c = new Client(web, { 'x-forwarded-proto': 'https' });
    await c.get('/login');
    const res = await c.post('/login', { name: '王五', password: pw });
    expect(res.headers.getSetCookie().find((x) => x.startsWith('zc_session='))).not.toMatch(/Secure/);
  });

  it('a forged or missing CSRF token is refused and audited, with the session intact', async () => {
    const { web, prep, ctx } = await rig();
    prep.accounts.add('管理员', true);
    const c = new Client(web);
    await c.login('管理员', prep.accounts.reset('管理员'));
    await c.get('/staff');
    expect((await c.post('/staff/add', { name: '赵六' }, 'forged-token')).status).toBe(403);
    expect((await c.post('/staff/add', { name: '赵六' }, '')).status).toBe(403);
    expect(prep.accounts.get('赵六')).toBeUndefined();
    expect(ctx.audit.read().some((e) => e.action === 'console.csrf-rejected')).toBe(true);
    await c.get('/staff');
    expect((await c.post('/staff/add', { name: '赵六' })).status).toBe(200);
    expect(prep.accounts.get('赵六')).toBeDefined();
    // The log-in form has its own token.
    const d = new Client(web);
    await d.get('/login');
    expect((await d.post('/login', { name: '管理员', password: 'x' }, 'forged')).status).toBe(403);
  });

  it('five wrong passwords lock the account: the sixth try fails even with the right password', async () => {
    const { web, prep, ctx } = await rig();
    const pw = prep.accounts.add('张三', false);
    const c = new Client(web);
    await c.get('/login');
    for (let i = 0; i < 5; i++) expect((await c.post('/login', { name: '张三', password: `wrong-${i}` })).status).toBe(401);
    expect(c.last).toContain('已锁定');
    const res = await c.post('/login', { name: '张三', password: pw });
    expect(res.status).toBe(401);
    expect(c.last).toContain('已锁定');
    expect(ctx.audit.read().filter((e) => e.action === 'console.login-failed')).toHaveLength(6);
    // An administrator can unlock it.
    prep.accounts.unlock('张三');
    expect((await c.post('/login', { name: '张三', password: pw })).status).toBe(303);
  });

  it('a non-admin cannot see or use the staff pages', async () => {
    const { web, prep, ctx } = await rig();
    const c = new Client(web);
    await c.login('张三', prep.accounts.add('张三', false));
    expect((await c.get('/')).status).toBe(200);
    expect(c.last).not.toContain('href="/staff"');
    expect((await c.get('/staff')).status).toBe(403);
    await c.get('/bind');
    expect((await c.post('/staff/add', { name: '坏人', admin: '1' })).status).toBe(403);
    expect(prep.accounts.get('坏人')).toBeUndefined();
    expect(ctx.audit.read().some((e) => e.action === 'console.denied' && e.who === 'console:张三')).toBe(true);
  });

  it('log-out ends the session; every action is in the audit log with who and when', async () => {
    const { web, prep, ctx } = await rig();
    const c = new Client(web);
    await c.login('张三', prep.accounts.add('张三', true));
    await c.get('/');
    const sessionCookie = c.cookies.get('zc_session')!;
    expect((await c.post('/logout', {})).status).toBe(303);
    const again = await web.request('/', { headers: { cookie: `zc_session=${sessionCookie}` } });
    expect(again.headers.get('location')).toBe('/login');
    const actions = ctx.audit.read().map((e) => e.action);
    expect(actions).toEqual(['console.login', 'console.password-changed', 'console.logout']);
    for (const e of ctx.audit.read()) {
      expect(e.who).toBe('console:张三');
      expect(Date.parse(e.at)).not.toBeNaN();
    }
  });

  it('ZHICHENG_STAFF entries that are not 渠道:编号 are refused, naming the variable', () => {
    expect(() => loadConfig({ ZHICHENG_STAFF: 'zhangsan' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZHICHENG_STAFF: 'telegram:1,zhangsan' })).toThrow(/ZHICHENG_STAFF.*zhangsan/);
    expect(() => loadConfig({ ZHICHENG_STAFF: 'telegram:' })).toThrow(/ZHICHENG_STAFF/);
    expect([...loadConfig({ ZHICHENG_STAFF: 'telegram:12345678,wechat:wxid_abc' }).staff]).toEqual(['telegram:12345678', 'wechat:wxid_abc']);
  });
});
