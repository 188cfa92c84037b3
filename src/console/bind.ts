/**
 * Binding a chat account to a console account: the console shows a one-time 6-digit code, the staff
 * member sends "绑定 123456" to the bot on Telegram or WeChat, and that chat account becomes staff.
 * To anyone else (a wrong or expired code, a group, too many tries) the handler says nothing, so
 * the core answers as for any other text: the command's existence is never revealed.
 */
import { statSync } from 'node:fs';
import type { Context } from 'hono';
import { userKey, type InboundMessage, type Reply } from '../messages/message.js';
import type { AuditLog } from '../broadcast/audit.js';
import { localStamp } from '../broadcast/schedule.js';
import type { Accounts } from './accounts.js';
import { h, type Safe } from './html.js';
import { csrfField, notice, page } from './layout.js';
import { field, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono } from './context.js';

const BIND = /^(?:绑定|\/bind)\s*(\d{6})$/;
const MAX_TRIES = 5;
const TRY_WINDOW_MS = 3_600_000;

/** The staff set of the running bot: ZHICHENG_STAFF plus every chat account bound in the console. */
export class LiveStaff extends Set<string> {
  constructor(fromEnv: Iterable<string>, private readonly accounts: Accounts) {
    super(fromEnv);
  }

  private seen = '';
  private bound = new Set<string>();

  /** True for an env entry or a bound chat account (the account file is re-read when it changed, so it is never stale). */
  override has(key: string): boolean {
    if (super.has(key)) return true;
    // Checked on every private message: a stat, and a read only when the file changed.
    let stamp = '';
    try {
      const st = statSync(this.accounts.file);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      stamp = 'none';
    }
    if (stamp !== this.seen) {
      this.bound = new Set(stamp === 'none' ? [] : this.accounts.boundChats());
      this.seen = stamp;
    }
    return this.bound.has(key);
  }
}

/** The chat handler for "绑定 123456" (an `AppHandler`). */
export function createBindHandler(accounts: Accounts, audit: AuditLog, clock: () => Date = () => new Date()) {
  const tries = new Map<string, { n: number; since: number }>();
  return async (msg: InboundMessage): Promise<Reply[] | undefined> => {
    if (msg.isGroup || (msg.kind && msg.kind !== 'text') || msg.channel === 'console') return undefined;
    const m = BIND.exec((msg.text ?? '').trim());
    if (!m) return undefined;
    const key = userKey(msg);
    const now = clock().getTime();
    const t = tries.get(key);
    if (t && now - t.since > TRY_WINDOW_MS) tries.delete(key);
    if ((tries.get(key)?.n ?? 0) >= MAX_TRIES) return undefined;
    const name = accounts.redeem(m[1]!, key);
    if (!name) {
      const cur = tries.get(key) ?? { n: 0, since: now };
      cur.n++;
      tries.set(key, cur);
      return undefined;
    }
    tries.delete(key);
    audit.write({ who: who(name), action: 'console.bind', target: msg.channel }, clock());
    return [{ text: `已绑定：这个${msg.channel === 'telegram' ? ' Telegram ' : '微信'}账号现在是工作人员“${name}”。可以发送“广播预览 通知内容”试试；解除绑定请到网页控制台的“绑定聊天账号”页。` }];
  };
}

/** Register /bind: get a code, see and remove bindings. */
export function registerBind(r: ConsoleHono, ctx: ConsoleContext): void {
  const view = (c: Context<ConsoleEnv>, top?: Safe) => {
    const a = ctx.accounts.get(c.get('account').name)!;
    const csrf = c.get('session').csrf;
    const names: Record<string, string> = { telegram: 'Telegram', wechat: '微信' };
    const list = a.bindings.length
      ? h`<table><thead><tr><th>聊天账号</th><th></th></tr></thead><tbody>${a.bindings.map((b) => {
          const [ch, ...id] = b.split(':');
          return h`<tr><td>${names[ch!] ?? ch} ${id.join(':')}</td><td><form method="post" action="/bind/remove">${csrfField(csrf)}<input type="hidden" name="chat" value="${b}"><button class="secondary" type="submit">解除绑定</button></form></td></tr>`;
        })}</tbody></table>`
      : h`<p>还没有绑定聊天账号。</p>`;
    return c.html(
      page({
        title: '绑定聊天账号',
        viewer: { name: a.name, admin: a.admin, csrf },
        active: '/bind',
        body: h`${top ?? ''}<div class="card"><p>绑定后，您在 Telegram 或微信里给机器人发“广播预览 …”“广播状态”等命令就会被当作工作人员处理。不需要知道自己的账号编号。</p>
<form method="post" action="/bind/code">${csrfField(csrf)}<button type="submit">获取绑定码</button></form></div>
<div class="card"><h2>已绑定</h2>${list}</div>`,
      }),
    );
  };

  r.get('/bind', (c) => view(c));

  r.post('/bind/code', (c) => {
    const name = c.get('account').name;
    const { code, expiresAt } = ctx.accounts.bindCode(name);
    ctx.audit.write({ who: who(name), action: 'console.bind-code' }, ctx.clock());
    return view(
      c,
      notice('ok', h`<p>绑定码：<span class="code" data-testid="bind-code">${code}</span></p><p>请用要绑定的 Telegram 或微信账号，私聊机器人发送：<strong>绑定 ${code}</strong></p><p class="hint">有效到 ${localStamp(expiresAt)}（北京时间），只能用一次。</p>`),
    );
  });

  r.post('/bind/remove', (c) => {
    const name = c.get('account').name;
    const chat = field(c.get('form'), 'chat');
    const ok = ctx.accounts.unbind(name, chat);
    if (ok) ctx.audit.write({ who: who(name), action: 'console.unbind', target: chat.split(':')[0] }, ctx.clock());
    return view(c, notice(ok ? 'ok' : 'warn', ok ? '已解除绑定。' : '没有这个绑定。'));
  });
}
