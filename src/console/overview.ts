/** / : the overview — aggregates only (subscribers per channel, broadcasts, questions missed), never a person's answers. */
import { h } from './html.js';
import { notice, page } from './layout.js';
import type { ConsoleContext, ConsoleHono } from './context.js';

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', wechat: '微信', console: '终端（收不到推送）' };

/** Figures other modules provide to the overview. */
export interface OverviewExtra {
  missCount?: () => number;
  broadcastCounts?: () => { active: number; failed: number };
  week?: () => { asked: number; missed: number };
}

/** Register the overview page. */
export function registerOverview(r: ConsoleHono, ctx: ConsoleContext, extra: OverviewExtra = {}): void {
  r.get('/', async (c) => {
    const a = c.get('account');
    const subs = await ctx.app.store.listSubscribers();
    const byChannel = new Map<string, number>();
    for (const s of subs) if (!s.blocked) byChannel.set(s.channel, (byChannel.get(s.channel) ?? 0) + 1);
    const blocked = subs.filter((s) => s.blocked).length;
    const tiles = [...byChannel].map(([ch, n]) => h`<div class="card"><div class="num">${n}</div>${CHANNEL_NAMES[ch] ?? ch} 订阅者</div>`);
    const b = extra.broadcastCounts?.();
    return c.html(
      page({
        title: '概览',
        viewer: { name: a.name, admin: a.admin, csrf: c.get('session').csrf },
        active: '/',
        body: h`${c.req.query('changed') ? notice('ok', '新密码已保存。') : ''}
<div class="grid">${tiles.length ? tiles : h`<div class="card"><div class="num">0</div>订阅者</div>`}
<div class="card"><div class="num">${blocked}</div>已屏蔽机器人</div>
${extra.week ? h`<div class="card"><div class="num">${extra.week().asked}</div>近 7 天政策提问</div><div class="card"><div class="num">${extra.week().missed}</div>近 7 天没答上</div>` : ''}
${extra.missCount ? h`<div class="card"><div class="num">${extra.missCount()}</div><a href="/misses">待整理的问题</a></div>` : ''}
${b ? h`<div class="card"><div class="num">${b.active}</div><a href="/broadcasts">正在发送的广播</a></div><div class="card"><div class="num">${b.failed}</div>近期发送失败</div>` : ''}</div>
<p class="hint">这里只显示汇总数字，不显示任何人的自测回答。</p>`,
      }),
    );
  });
}
