/**
 * /broadcasts: compose (multi-line), choose the audience, preview as each channel shows it with the
 * count and the estimated time, send now or at a chosen time, live progress, cancel, history.
 * Reuses the outbox, limits and audit of src/broadcast (enqueueBroadcast, cancelBroadcast …).
 */
import type { Context } from 'hono';
import type { ChannelName } from '../messages/message.js';
import { describeAudience, selectAudience, type AudienceSpec } from '../broadcast/audience.js';
import { broadcastContext, cancelBroadcast, enqueueBroadcast, staffReply, type BroadcastContext } from '../broadcast/ops.js';
import { countByChannel, formatDuration, renderForChannel } from '../broadcast/render.js';
import { Schedule } from '../broadcast/scheduled.js';
import { localStamp } from '../broadcast/schedule.js';
import { estimateMs, loadBroadcastSettings } from '../broadcast/settings.js';
import { broadcastTexts } from '../broadcast/texts.js';
import type { BroadcastSummary } from '../broadcast/outbox.js';
import { h, type Safe } from './html.js';
import { csrfField, notice, page } from './layout.js';
import { field, fields, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono, type Form } from './context.js';

const CHANNEL: Record<string, string> = { telegram: 'Telegram', wechat: '微信' };
const MAX_TEXT = 2000;

/** The broadcast services the page uses (one per console). */
export interface BroadcastPageDeps {
  bctx: BroadcastContext;
  schedule: Schedule;
}

/** Build the deps for a console (the outbox and schedule of its data dir). */
export function broadcastPageDeps(ctx: ConsoleContext): BroadcastPageDeps {
  return { bctx: broadcastContext(ctx.app.config.dataDir, ctx.app.store, loadBroadcastSettings(), broadcastTexts()), schedule: new Schedule(ctx.app.config.dataDir) };
}

function audienceFrom(form: Form): AudienceSpec | string {
  const kind = field(form, 'audience');
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'telegram' || kind === 'wechat') return { kind: 'channel', channel: kind };
  if (kind === 'selfTest') {
    const series = fields(form, 'series').filter(Boolean);
    const batch = field(form, 'batch') || undefined;
    if (!series.length && !batch) return '按自测结果发送时，请至少选一个系列或一个批次';
    return { kind: 'selfTest', series, batch };
  }
  return '请选择发送对象';
}

/** `2024-06-15T10:30` in Beijing time → Date; undefined when malformed. */
function parseLocal(v: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function stateWords(s: BroadcastSummary): string {
  return s.state === 'active' ? '发送中' : s.state === 'done' ? '已完成' : '已取消';
}

/** Register the broadcast pages. */
export function registerBroadcasts(r: ConsoleHono, ctx: ConsoleContext, deps: BroadcastPageDeps): void {
  const { bctx, schedule } = deps;
  // Read per request: saving a notice in the console reloads the app's policy.
  const batchName = (id: string) => ctx.app.policy.batches.find((b) => b.id === id)?.name ?? id;
  const viewer = (c: Context<ConsoleEnv>) => ({ name: c.get('account').name, admin: c.get('account').admin, csrf: c.get('session').csrf });

  const composeForm = (csrf: string, form: Form = {}, error?: string): Safe => {
    const aud = field(form, 'audience') || 'all';
    const chosenSeries = new Set(fields(form, 'series'));
    const radio = (value: string, label: string) => h`<label style="font-weight:normal"><input type="radio" name="audience" value="${value}"${aud === value ? h` checked` : ''}> ${label}</label>`;
    return h`<form class="card" method="post" action="/broadcasts/preview">${csrfField(csrf)}
${error ? h`<p class="error" role="alert">${error}</p>` : ''}
<label for="text">通知内容（可以分多行）</label><textarea id="text" name="text" maxlength="${MAX_TEXT}" required>${field(form, 'text')}</textarea>
<fieldset style="border:0;padding:0;margin:.6rem 0"><legend style="font-weight:bold">发送给</legend>
${radio('all', '全部订阅者')}${radio('telegram', '只发 Telegram 订阅者')}${radio('wechat', '只发微信订阅者')}${radio('selfTest', '按自测结果（只发给同意按自测结果接收通知的订阅者）')}
<label for="series">自测的职称系列（可多选）</label><select id="series" name="series" multiple size="5">${ctx.app.policy.series.series.map((s) => h`<option value="${s.name}"${chosenSeries.has(s.name) ? h` selected` : ''}>${s.name}</option>`)}</select>
<label for="batch">自测判断的批次</label><select id="batch" name="batch"><option value="">不限</option>${ctx.app.policy.batches.map((b) => h`<option value="${b.id}"${field(form, 'batch') === b.id ? h` selected` : ''}>${b.name}</option>`)}</select></fieldset>
<label for="when">发送时间（北京时间；不填为立即发送）</label><input type="datetime-local" id="when" name="when" value="${field(form, 'when')}">
<button type="submit">预览</button></form>`;
  };

  const history = (csrf: string): Safe => {
    const waiting = schedule.list().filter((s) => s.state === 'waiting');
    const ids = bctx.outbox.ids().slice(-30).reverse();
    const rows = ids.map((id) => {
      const b = bctx.outbox.open(id, false);
      b.close();
      const s = b.summary();
      const m = b.manifest;
      return h`<tr><td><a href="/broadcasts/${id}">${localStamp(s.createdAt)}</a></td><td>${m.kind === 'staff' ? `广播（${m.createdBy.replace(/^console:/, '')}）` : '自动提醒'}</td>
<td><pre>${m.reply.text.split('\n')[0]}</pre></td><td>${stateWords(s)}</td><td>共 ${s.total}：已发 ${s.sent}，待发 ${s.pending + s.sending}，失败 ${s.failed - s.uncertain}，不确定 ${s.uncertain}，跳过 ${s.skipped}</td></tr>`;
    });
    return h`${waiting.length ? h`<div class="card"><h2>定时发送（等待中）</h2><table><thead><tr><th>发送时间</th><th>对象</th><th>内容</th><th></th></tr></thead><tbody>${waiting.map(
      (s) => h`<tr><td>${localStamp(s.at)}</td><td>${describeAudience(s.audience, batchName)}</td><td><pre>${s.text}</pre></td><td><form method="post" action="/broadcasts/scheduled/${s.id}/cancel">${csrfField(csrf)}<button class="danger" type="submit">取消定时发送</button></form></td></tr>`,
    )}</tbody></table></div>` : ''}
<div class="card"><h2>发送记录</h2>${rows.length ? h`<table><thead><tr><th>时间</th><th>类型</th><th>内容（首行）</th><th>状态</th><th>进度</th></tr></thead><tbody>${rows}</tbody></table>` : h`<p>还没有发送过。</p>`}</div>`;
  };

  const main = (c: Context<ConsoleEnv>, top?: Safe, form?: Form, error?: string, status: 200 | 400 = 200) =>
    c.html(page({ title: '广播', viewer: viewer(c), active: '/broadcasts', body: h`${top ?? ''}${composeForm(viewer(c).csrf, form, error)}${history(viewer(c).csrf)}` }), status);

  r.get('/broadcasts', (c) => main(c, c.req.query('scheduled') ? notice('ok', '已安排定时发送。') : undefined));

  const check = async (form: Form) => {
    const text = field(form, 'text');
    if (!text) return { error: '请填写通知内容' } as const;
    if (text.length > MAX_TEXT) return { error: `通知内容太长（最多 ${MAX_TEXT} 字）` } as const;
    const audience = audienceFrom(form);
    if (typeof audience === 'string') return { error: audience } as const;
    const whenRaw = field(form, 'when');
    const at = whenRaw ? parseLocal(whenRaw) : undefined;
    if (whenRaw && !at) return { error: '发送时间格式不对' } as const;
    if (at && at.getTime() <= ctx.clock().getTime()) return { error: '发送时间已经过去了；立即发送请把时间留空' } as const;
    const recipients = selectAudience(await ctx.app.store.listSubscribers(), audience);
    return { text, audience, at, recipients } as const;
  };

  r.post('/broadcasts/preview', async (c) => {
    const form = c.get('form');
    const v = await check(form);
    if ('error' in v) return main(c, undefined, form, v.error, 400);
    const reply = staffReply(v.text, bctx.texts);
    const counts = countByChannel(v.recipients);
    const t = bctx.texts.staff.texts;
    const perChannel = (['telegram', 'wechat'] as ChannelName[]).map((ch) => {
      const n = counts.get(ch) ?? 0;
      const e = estimateMs(n, bctx.settings[ch]);
      const cap = bctx.settings[ch].dailyCap;
      return h`<div class="card"><h2>${CHANNEL[ch]}：${n} 人，预计 ${n ? formatDuration(e.ms, e.days, t) : '—'}</h2>${cap && n > cap ? h`<p class="hint">微信每天最多发 ${cap} 条，超出的部分第二天继续发。</p>` : ''}<pre data-testid="preview-${ch}">${renderForChannel(ch, reply)}</pre></div>`;
    });
    ctx.audit.write({ who: who(c.get('account').name), action: 'console.broadcast-preview', count: v.recipients.length, text: v.text, target: describeAudience(v.audience, batchName) }, ctx.clock());
    const hidden = h`${csrfField(viewer(c).csrf)}<input type="hidden" name="text" value="${v.text}"><input type="hidden" name="audience" value="${field(form, 'audience')}">${fields(form, 'series').map((s) => h`<input type="hidden" name="series" value="${s}">`)}<input type="hidden" name="batch" value="${field(form, 'batch')}"><input type="hidden" name="when" value="${field(form, 'when')}">`;
    return c.html(
      page({
        title: '广播预览',
        viewer: viewer(c),
        active: '/broadcasts',
        body: h`<div class="card"><p>发送给：<strong>${describeAudience(v.audience, batchName)}</strong>，共 <strong data-testid="recipient-count">${v.recipients.length}</strong> 人（终端用户收不到推送，不计入）。</p>
<p>${v.at ? h`定时：<strong>${localStamp(v.at)}</strong>（北京时间）发送；人数按发送时的订阅者计算。` : '确认后立即开始发送。'}</p></div>
${perChannel}
<form method="post" action="/broadcasts/send">${hidden}<button type="submit">${v.at ? '确认定时发送' : '确认发送'}</button></form>
<form method="post" action="/broadcasts/edit">${hidden}<button class="secondary" type="submit">返回修改</button></form>`,
      }),
    );
  });

  r.post('/broadcasts/edit', (c) => main(c, undefined, c.get('form')));

  r.post('/broadcasts/send', async (c) => {
    const form = c.get('form');
    const v = await check(form);
    if ('error' in v) return main(c, undefined, form, v.error, 400);
    const by = who(c.get('account').name);
    const now = ctx.clock();
    if (v.at) {
      const s = schedule.add({ text: v.text, audience: v.audience, at: v.at, createdBy: by, now });
      ctx.audit.write({ who: by, action: 'console.broadcast-schedule', broadcast: s.id, count: v.recipients.length, text: v.text, target: `${localStamp(v.at)} ${describeAudience(v.audience, batchName)}` }, now);
      return c.redirect('/broadcasts?scheduled=1', 303);
    }
    const { id } = await enqueueBroadcast(bctx, v.text, by, now, { recipients: v.recipients });
    ctx.deliverNow();
    return c.redirect(`/broadcasts/${id}`, 303);
  });

  r.post('/broadcasts/scheduled/:id/cancel', (c) => {
    const id = c.req.param('id');
    const by = who(c.get('account').name);
    const ok = schedule.cancel(id, by);
    if (ok) ctx.audit.write({ who: by, action: 'console.broadcast-unschedule', broadcast: id }, ctx.clock());
    return main(c, notice(ok ? 'ok' : 'warn', ok ? '已取消这次定时发送。' : '这次定时发送已经开始或已取消。'));
  });

  r.get('/broadcasts/:id', (c) => {
    const id = c.req.param('id');
    if (!/^[\w.-]+$/.test(id) || !bctx.outbox.has(id)) return c.html(page({ title: '没有这次广播', viewer: viewer(c), active: '/broadcasts', body: h`<div class="card"><a href="/broadcasts">回到广播</a></div>` }), 404);
    const b = bctx.outbox.open(id, false);
    b.close();
    const s = b.summary();
    const m = b.manifest;
    const byCh = Object.entries(s.byChannel).map(([ch, x]) => h`<li>${CHANNEL[ch] ?? ch}：已发 ${x.sent} / ${x.total}</li>`);
    return c.html(
      page({
        title: '广播进度',
        viewer: viewer(c),
        active: '/broadcasts',
        refresh: s.state === 'active' ? 3 : undefined,
        body: h`<div class="card"><p>状态：<strong data-testid="state">${stateWords(s)}</strong>${s.state === 'active' ? '（页面每 3 秒自动刷新）' : ''}</p>
<div class="grid"><div><div class="num" data-testid="sent">${s.sent}</div>已发送</div><div><div class="num">${s.pending + s.sending}</div>等待发送</div><div><div class="num">${s.failed - s.uncertain}</div>失败</div><div><div class="num">${s.uncertain}</div>不确定（发送中断，不会重发）</div><div><div class="num">${s.skipped}</div>跳过（已退订、已屏蔽或已取消）</div></div>
<ul>${byCh}</ul><p class="hint">创建：${localStamp(m.createdAt)}，${m.kind === 'staff' ? m.createdBy.replace(/^console:/, '') : '自动提醒'}</p></div>
<div class="card"><h2>内容</h2><pre data-testid="broadcast-text">${m.reply.text}</pre></div>
${s.state === 'active' ? h`<form method="post" action="/broadcasts/${id}/cancel">${csrfField(viewer(c).csrf)}<button class="danger" type="submit">取消发送</button></form>` : ''}
<p><a href="/broadcasts">回到广播</a></p>`,
      }),
    );
  });

  r.post('/broadcasts/:id/cancel', (c) => {
    const id = c.req.param('id');
    if (!/^[\w.-]+$/.test(id) || !bctx.outbox.has(id)) return c.redirect('/broadcasts', 303);
    cancelBroadcast(bctx, who(c.get('account').name), ctx.clock(), id);
    return c.redirect(`/broadcasts/${id}`, 303);
  });
}
