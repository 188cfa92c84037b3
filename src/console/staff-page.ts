/** /staff (administrators only): the accounts, adding one (a one-time password is shown once), reset, unlock, remove. */
import type { Context } from 'hono';
import { localStamp } from '../broadcast/schedule.js';
import { h, type Safe } from './html.js';
import { csrfField, notice, page } from './layout.js';
import { field, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono } from './context.js';

/** Register the staff pages. */
export function registerStaff(r: ConsoleHono, ctx: ConsoleContext): void {
  const view = (c: Context<ConsoleEnv>, top?: Safe, status: 200 | 400 = 200) => {
    const a = c.get('account');
    const csrf = c.get('session').csrf;
    const now = ctx.clock().getTime();
    const rows = ctx.accounts.list().map(
      (x) => h`<tr><td>${x.name}</td><td>${x.admin ? '管理员' : '工作人员'}</td>
<td>${x.mustChange ? '未改一次性密码' : x.lockedUntil && x.lockedUntil > now ? `已锁定至 ${localStamp(x.lockedUntil)}` : '正常'}</td>
<td>${x.bindings.length ? x.bindings.join('、') : '—'}</td>
<td><form method="post" action="/staff/reset">${csrfField(csrf)}<input type="hidden" name="name" value="${x.name}"><button class="secondary" type="submit">重设密码</button></form>
${x.lockedUntil && x.lockedUntil > now ? h`<form method="post" action="/staff/unlock">${csrfField(csrf)}<input type="hidden" name="name" value="${x.name}"><button class="secondary" type="submit">解锁</button></form>` : ''}
${x.name !== a.name ? h`<form method="post" action="/staff/remove">${csrfField(csrf)}<input type="hidden" name="name" value="${x.name}"><button class="danger" type="submit">删除</button></form>` : ''}</td></tr>`,
    );
    return c.html(
      page({
        title: '工作人员',
        viewer: { name: a.name, admin: a.admin, csrf },
        active: '/staff',
        body: h`${top ?? ''}<div class="card"><table><thead><tr><th>用户名</th><th>角色</th><th>状态</th><th>已绑定的聊天账号</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table></div>
<form class="card" method="post" action="/staff/add">${csrfField(csrf)}<h2>添加工作人员</h2>
<label for="newname">用户名（例如姓名）</label><input type="text" id="newname" name="name" required>
<label><input type="checkbox" name="admin" value="1"> 管理员（可以添加、删除工作人员）</label>
<button type="submit">添加并生成一次性密码</button></form>`,
      }),
      status,
    );
  };

  // Administrators only; anyone else gets the same refusal for every /staff address.
  r.use('/staff/*', async (c, next) => {
    if (!c.get('account').admin) {
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.denied', target: c.req.path }, ctx.clock());
      return c.html(page({ title: '没有权限', viewer: { name: c.get('account').name, admin: false, csrf: c.get('session').csrf }, body: notice('warn', '只有管理员可以管理工作人员账号。') }), 403);
    }
    await next();
  });
  r.use('/staff', async (c, next) => {
    if (!c.get('account').admin) {
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.denied', target: c.req.path }, ctx.clock());
      return c.html(page({ title: '没有权限', viewer: { name: c.get('account').name, admin: false, csrf: c.get('session').csrf }, body: notice('warn', '只有管理员可以管理工作人员账号。') }), 403);
    }
    await next();
  });

  r.get('/staff', (c) => view(c));

  const oneTime = (name: string, password: string) =>
    notice('ok', h`已为“${name}”生成一次性密码：<strong class="code" style="font-size:1.3rem">${password}</strong><br>请当面或电话告诉本人；只显示这一次，首次登录后必须改掉。`);

  r.post('/staff/add', (c) => {
    const form = c.get('form');
    const name = field(form, 'name');
    const admin = field(form, 'admin') === '1';
    try {
      const password = ctx.accounts.add(name, admin);
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.staff-add', target: `${name}${admin ? '（管理员）' : ''}` }, ctx.clock());
      return view(c, oneTime(name, password));
    } catch (e) {
      return view(c, notice('warn', (e as Error).message), 400);
    }
  });

  r.post('/staff/reset', (c) => {
    const name = field(c.get('form'), 'name');
    try {
      const password = ctx.accounts.reset(name);
      ctx.sessions.endAll(name);
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.staff-reset', target: name }, ctx.clock());
      return view(c, oneTime(name, password));
    } catch (e) {
      return view(c, notice('warn', (e as Error).message), 400);
    }
  });

  r.post('/staff/unlock', (c) => {
    const name = field(c.get('form'), 'name');
    ctx.accounts.unlock(name);
    ctx.audit.write({ who: who(c.get('account').name), action: 'console.staff-unlock', target: name }, ctx.clock());
    return view(c, notice('ok', `已解锁“${name}”。`));
  });

  r.post('/staff/remove', (c) => {
    const name = field(c.get('form'), 'name');
    if (name === c.get('account').name) return view(c, notice('warn', '不能删除自己的账号。'), 400);
    const gone = ctx.accounts.remove(name);
    if (gone) {
      ctx.sessions.endAll(name);
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.staff-remove', target: name }, ctx.clock());
    }
    return view(c, notice(gone ? 'ok' : 'warn', gone ? `已删除“${name}”，其绑定的聊天账号不再有工作人员权限。` : `没有用户“${name}”。`));
  });
}
