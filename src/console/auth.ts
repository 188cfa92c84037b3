/**
 * Log-in, log-out, first-password change, and the middleware every other page goes through:
 * a session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS) and a CSRF token on every form.
 */
import type { Context, Next } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import { h } from './html.js';
import { csrfField, page } from './layout.js';
import { sameToken, token } from './sessions.js';
import { field, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono, type Form } from './context.js';
import { weakPassword } from './password.js';
import { localStamp } from '../broadcast/schedule.js';

export const SESSION_COOKIE = 'zc_session';
const LOGIN_COOKIE = 'zc_login';

/** True when the browser reached us over HTTPS (configured, or told by a trusted proxy). */
function isHttps(c: Context, cfg: Config['console']): boolean {
  if (cfg?.secure) return true;
  return Boolean(cfg?.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
}

function cookieOptions(c: Context, cfg: Config['console']) {
  return { httpOnly: true, sameSite: 'Strict' as const, secure: isHttps(c, cfg), path: '/' };
}

async function readForm(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const out: Form = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

function forbidden(c: Context, text: string) {
  return c.html(page({ title: '请求被拒绝', body: h`<div class="card warn"><p>${text}</p><p><a href="/">回到控制台</a></p></div>` }), 403);
}

function loginPage(csrf: string, error?: string, name = '') {
  return page({
    title: '登录',
    body: h`<form class="card" method="post" action="/login">${csrfField(csrf)}
${error ? h`<p class="error" role="alert">${error}</p>` : ''}
<label for="name">用户名</label><input type="text" id="name" name="name" value="${name}" autocomplete="username" required>
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">登录</button>
<p class="hint">没有账号？请管理员在服务器上运行 <code>npm run -s cli -- staff add 您的名字</code> 为您开户，或在“工作人员”页添加。</p></form>`,
  });
}

/** Register /login, /logout, /password and the session + CSRF middleware. */
export function registerAuth(r: ConsoleHono, ctx: ConsoleContext): void {
  const cfg = ctx.app.config.console;

  r.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  });

  r.get('/favicon.ico', (c) => c.body(null, 204));

  r.get('/login', (c) => {
    // Reuse the browser's token: a second tab (or a favicon redirect) must not void the first form.
    const pre = getCookie(c, LOGIN_COOKIE) || token(24);
    setCookie(c, LOGIN_COOKIE, pre, { ...cookieOptions(c, cfg), maxAge: 3600 });
    return c.html(loginPage(pre));
  });

  r.post('/login', async (c) => {
    const form = await readForm(c);
    const pre = getCookie(c, LOGIN_COOKIE);
    if (!sameToken(pre, field(form, '_csrf'))) return forbidden(c, '登录页面已过期或请求来源不明，请重新打开登录页面。');
    const name = field(form, 'name');
    const res = ctx.accounts.login(name, typeof form.password === 'string' ? form.password : '');
    const now = ctx.clock();
    if (!res.ok) {
      ctx.audit.write({ who: who(name.slice(0, 32) || '?'), action: 'console.login-failed', target: res.reason }, now);
      const msg = res.reason === 'locked' ? `密码连续输错次数太多，账号已锁定到 ${localStamp(res.lockedUntil!)}（北京时间）。请稍后再试，或请管理员解锁。` : '用户名或密码不对。连续输错 5 次账号会被锁定 15 分钟。';
      return c.html(loginPage(pre!, msg, name), 401);
    }
    const s = ctx.sessions.create(res.account.name);
    deleteCookie(c, LOGIN_COOKIE, { path: '/' });
    setCookie(c, SESSION_COOKIE, s.id, cookieOptions(c, cfg));
    ctx.audit.write({ who: who(res.account.name), action: 'console.login' }, now);
    return c.redirect(res.account.mustChange ? '/password' : '/', 303);
  });

  // Everything below needs a session; every POST needs its CSRF token.
  r.use('*', async (c: Context<ConsoleEnv>, next: Next) => {
    const s = ctx.sessions.get(getCookie(c, SESSION_COOKIE));
    const account = s && ctx.accounts.get(s.name);
    if (!s || !account) {
      if (s) ctx.sessions.end(s.id);
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/login', 303);
      return forbidden(c, '您还没有登录，或登录已过期。请重新登录。');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await readForm(c);
      if (!sameToken(s.csrf, field(form, '_csrf'))) {
        ctx.audit.write({ who: who(s.name), action: 'console.csrf-rejected', target: c.req.path }, ctx.clock());
        return forbidden(c, '请求已失效（安全校验未通过），请回到页面刷新后再提交。');
      }
      c.set('form', form);
    }
    c.set('session', s);
    c.set('account', account);
    const p = c.req.path;
    if (account.mustChange && p !== '/password' && p !== '/logout') return c.redirect('/password', 303);
    await next();
  });

  r.post('/logout', (c) => {
    const s = c.get('session');
    ctx.sessions.end(s.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    ctx.audit.write({ who: who(s.name), action: 'console.logout' }, ctx.clock());
    return c.redirect('/login', 303);
  });

  const passwordPage = (c: Context<ConsoleEnv>, error?: string) => {
    const a = c.get('account');
    const s = c.get('session');
    return page({
      title: a.mustChange ? '请先设置您自己的密码' : '修改密码',
      viewer: { name: a.name, admin: a.admin, csrf: s.csrf },
      active: '/password',
      body: h`<form class="card" method="post" action="/password">${csrfField(s.csrf)}
${a.mustChange ? h`<p>您正在使用一次性密码。设置自己的密码后才能使用控制台。</p>` : ''}
${error ? h`<p class="error" role="alert">${error}</p>` : ''}
<label for="current">现在的密码</label><input type="password" id="current" name="current" autocomplete="current-password" required>
<label for="next">新密码（至少 10 个字符）</label><input type="password" id="next" name="next" autocomplete="new-password" required>
<label for="again">再输一次新密码</label><input type="password" id="again" name="again" autocomplete="new-password" required>
<button type="submit">保存新密码</button></form>`,
    });
  };

  r.get('/password', (c) => c.html(passwordPage(c)));

  r.post('/password', (c) => {
    const form = c.get('form');
    const a = c.get('account');
    const current = typeof form.current === 'string' ? form.current : '';
    const next = typeof form.next === 'string' ? form.next : '';
    if (next !== (typeof form.again === 'string' ? form.again : '')) return c.html(passwordPage(c, '两次输入的新密码不一样'), 400);
    const weak = weakPassword(next, a.name);
    if (weak) return c.html(passwordPage(c, weak), 400);
    if (next === current) return c.html(passwordPage(c, '新密码不能和现在的密码相同'), 400);
    const check = ctx.accounts.login(a.name, current);
    if (!check.ok) {
      ctx.audit.write({ who: who(a.name), action: 'console.password-failed' }, ctx.clock());
      return c.html(passwordPage(c, check.reason === 'locked' ? '密码连续输错次数太多，账号已锁定，请稍后再试。' : '现在的密码不对'), 400);
    }
    ctx.accounts.setPassword(a.name, next);
    ctx.sessions.endAll(a.name, c.get('session').id);
    ctx.audit.write({ who: who(a.name), action: 'console.password-changed' }, ctx.clock());
    return c.redirect('/?changed=1', 303);
  });
}
