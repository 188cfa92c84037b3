/**
 * /reminders: the automatic reminder schedule derived from the notices (opening day, N days before
 * the close, last day), what each will say, to how many, whether it went out, and a switch each.
 */
import type { Context } from 'hono';
import { reminderBroadcastId } from '../broadcast/reminders.js';
import { reminderSchedule, reminderReply } from '../broadcast/schedule.js';
import { selectRecipients } from '../broadcast/render.js';
import { ReminderSwitches } from '../broadcast/switches.js';
import { Outbox } from '../broadcast/outbox.js';
import { h } from './html.js';
import { csrfField, notice, page } from './layout.js';
import { field, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono } from './context.js';
import path from 'node:path';

const KIND: Record<string, string> = { opening: '开始当天', daysBefore: '截止前', lastDay: '最后一天' };

/** Register the reminders page. */
export function registerReminders(r: ConsoleHono, ctx: ConsoleContext): void {
  const switches = new ReminderSwitches(ctx.app.config.dataDir);
  const outbox = new Outbox(path.join(ctx.app.config.dataDir, 'outbox'));

  const view = async (c: Context<ConsoleEnv>, top?: ReturnType<typeof notice>) => {
    const a = c.get('account');
    const csrf = c.get('session').csrf;
    const policy = ctx.app.policy;
    const timing = ctx.app.config.reminders;
    const subs = await ctx.app.store.listSubscribers();
    const off = switches.off();
    const sent = outbox.reminderIds();
    const today = ctx.app.now();
    const rows = reminderSchedule(policy, timing.daysBefore).map((rm) => {
      const count = selectRecipients(subs, rm.audiences).length;
      const text = reminderReply(policy, rm, rm.day).text;
      const state = sent.has(rm.id) ? h`<a href="/broadcasts/${reminderBroadcastId(rm.id)}">已发送</a>` : rm.validThrough < today ? '已过期' : off.has(rm.id) ? '已关闭' : '等待';
      const batch = policy.batches.find((b) => b.id === rm.batchId)?.name ?? rm.batchId;
      const toggle = sent.has(rm.id) || rm.validThrough < today ? '' : h`<form method="post" action="/reminders/switch">${csrfField(csrf)}<input type="hidden" name="id" value="${rm.id}"><input type="hidden" name="on" value="${off.has(rm.id) ? '1' : '0'}"><button class="${off.has(rm.id) ? '' : 'secondary'}" type="submit">${off.has(rm.id) ? '打开' : '关闭'}</button></form>`;
      return h`<tr data-testid="reminder-${rm.id}"><td class="nowrap">${rm.day}<br>${String(timing.hour).padStart(2, '0')}:00</td><td class="nowrap">${batch}<br>${KIND[rm.kind] ?? rm.kind}</td><td class="nowrap">${count} 人</td><td><pre>${text}</pre></td><td class="nowrap">${state}</td><td class="nowrap">${toggle}</td></tr>`;
    });
    return c.html(
      page({
        title: '自动提醒',
        viewer: { name: a.name, admin: a.admin, csrf },
        active: '/reminders',
        body: h`${top ?? ''}<p class="hint">提醒日期由通知里的申报时间自动算出：开始当天、截止前 ${timing.daysBefore.join('、')} 天、最后一天，每天 ${timing.hour} 点发送（${timing.quietStart} 点到次日 ${timing.quietEnd} 点不发）。人数按现在的订阅者计算。</p>
<div class="card"><table><thead><tr><th>时间</th><th>提醒</th><th>对象</th><th>内容</th><th>状态</th><th>开关</th></tr></thead><tbody>${rows}</tbody></table></div>`,
      }),
    );
  };

  r.get('/reminders', (c) => view(c));

  r.post('/reminders/switch', (c) => {
    const form = c.get('form');
    const id = field(form, 'id');
    const on = field(form, 'on') === '1';
    if (!reminderSchedule(ctx.app.policy, ctx.app.config.reminders.daysBefore).some((x) => x.id === id)) return view(c, notice('warn', '没有这个提醒。'));
    switches.set(id, on);
    ctx.audit.write({ who: who(c.get('account').name), action: on ? 'console.reminder-on' : 'console.reminder-off', target: id }, ctx.clock());
    return view(c, notice('ok', on ? '已打开这条提醒。' : '已关闭这条提醒，到时不会发送。'));
  });
}
