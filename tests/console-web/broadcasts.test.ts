import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { Outbox } from '../../src/broadcast/outbox.js';
import { Schedule } from '../../src/broadcast/scheduled.js';
import type { Subscriber } from '../../src/store/port.js';
import { Client, rig } from './helpers.js';

const subs: Subscriber[] = [
  { key: 'telegram:1', channel: 'telegram', chatId: '1', audiences: ['general'], since: '' },
  { key: 'wechat:w2', channel: 'wechat', chatId: 'w2', audiences: ['general'], since: '' },
  { key: 'console:local', channel: 'console', chatId: 'local', audiences: ['general'], since: '' },
  { key: 'telegram:3', channel: 'telegram', chatId: '3', audiences: ['education'], since: '', selfTest: { series: '中小学教师', batch: '2024-2', consent: true } },
  { key: 'telegram:4', channel: 'telegram', chatId: '4', audiences: ['education'], since: '' },
  { key: 'telegram:5', channel: 'telegram', chatId: '5', audiences: ['general'], since: '', selfTest: { series: '工程', batch: '2024-1', consent: true } },
];

async function staffRig(clock?: () => Date) {
  const r = await rig({ clock });
  for (const s of subs) await r.app.store.putSubscriber(s);
  const c = new Client(r.web);
  await c.login('张三', r.prep.accounts.add('张三', false));
  await c.get('/broadcasts');
  return { ...r, c };
}

const count = (html: string) => Number(/data-testid="recipient-count">(\d+)</.exec(html)?.[1]);

describe('console broadcasts (app.request)', () => {
  it('the preview counts only reachable recipients of the chosen audience and shows each channel\'s text', async () => {
    const { c } = await staffRig();
    await c.post('/broadcasts/preview', { text: '第一行\n第二行', audience: 'all' });
    expect(count(c.last)).toBe(5); // the terminal "subscriber" is not reachable
    expect(c.last).toContain('Telegram：4 人');
    expect(c.last).toContain('微信：1 人');
    expect(c.last).toMatch(/data-testid="preview-telegram">第一行\n第二行\n/);
    await c.get('/broadcasts');
    await c.post('/broadcasts/preview', { text: '教师通知', audience: 'wechat' });
    expect(count(c.last)).toBe(1);
    await c.get('/broadcasts');
    // By self-test: only the subscriber who agreed (telegram:3), not telegram:4 (education, no consent).
    await c.post('/broadcasts/preview', { text: '教师通知', audience: 'selfTest', series: ['中小学教师', '中等职业学校教师'] });
    expect(count(c.last)).toBe(1);
    await c.get('/broadcasts');
    await c.post('/broadcasts/preview', { text: '第一批', audience: 'selfTest', batch: '2024-1' });
    expect(count(c.last)).toBe(1);
    await c.get('/broadcasts');
    expect((await c.post('/broadcasts/preview', { text: '空', audience: 'selfTest' })).status).toBe(400);
    expect(c.last).toContain('至少选一个系列或一个批次');
  });

  it('send now: the broadcast enters the outbox with exactly the audience, audited with who', async () => {
    const { c, dir, ctx } = await staffRig();
    await c.post('/broadcasts/preview', { text: '请教师关注第二批', audience: 'selfTest', series: '中小学教师' });
    const res = await c.post('/broadcasts/send', { text: '请教师关注第二批', audience: 'selfTest', series: '中小学教师', batch: '', when: '' });
    expect(res.status).toBe(303);
    const id = res.headers.get('location')!.replace('/broadcasts/', '');
    const m = new Outbox(path.join(dir, 'outbox')).manifest(id)!;
    expect(m.recipients.map((x) => x.key)).toEqual(['telegram:3']);
    expect(m.createdBy).toBe('console:张三');
    expect(ctx.audit.read().find((e) => e.action === 'send')).toMatchObject({ who: 'console:张三', broadcast: id, count: 1 });
    await c.get(`/broadcasts/${id}`);
    expect(c.last).toContain('发送中');
    expect(c.last).toContain('http-equiv="refresh"');
    await c.post(`/broadcasts/${id}/cancel`, {});
    await c.get(`/broadcasts/${id}`);
    expect(c.last).toContain('已取消');
  });

  it('a scheduled send waits, survives a restart (it is a file), and goes out once when due', async () => {
    let now = new Date('2024-06-15T10:00:00+08:00');
    const { c, dir, tick, ctx } = await staffRig(() => now);
    const form = { text: '明早九点开会', audience: 'telegram', when: '2024-06-15T12:30', batch: '' };
    await c.post('/broadcasts/preview', form);
    expect(c.last).toContain('2024-06-15 12:30');
    expect((await c.post('/broadcasts/send', form)).headers.get('location')).toBe('/broadcasts?scheduled=1');
    await tick();
    const outbox = new Outbox(path.join(dir, 'outbox'));
    expect(outbox.ids()).toEqual([]);
    // A "restarted" process reads the same schedule.
    expect(new Schedule(dir).list()).toEqual([expect.objectContaining({ state: 'waiting', text: '明早九点开会' })]);
    now = new Date('2024-06-15T12:31:00+08:00');
    await tick();
    await tick();
    expect(outbox.ids()).toHaveLength(1);
    expect(outbox.manifest(outbox.ids()[0]!)!.recipients.map((r) => r.key)).toEqual(['telegram:1', 'telegram:3', 'telegram:4', 'telegram:5']);
    expect(ctx.audit.read().map((e) => e.action)).toContain('console.broadcast-schedule');
    // Past times are refused.
    await c.get('/broadcasts');
    expect((await c.post('/broadcasts/preview', { ...form, when: '2024-06-15T08:00' })).status).toBe(400);
  });

  it('a scheduled send can be cancelled before it is due', async () => {
    let now = new Date('2024-06-15T10:00:00+08:00');
    const { c, dir, tick } = await staffRig(() => now);
    const form = { text: '取消我', audience: 'all', when: '2024-06-16T09:00', batch: '' };
    await c.post('/broadcasts/send', form);
    await c.get('/broadcasts');
    const id = new Schedule(dir).list()[0]!.id;
    await c.post(`/broadcasts/scheduled/${id}/cancel`, {});
    expect(c.last).toContain('已取消这次定时发送');
    now = new Date('2024-06-16T10:00:00+08:00');
    await tick();
    expect(new Outbox(path.join(dir, 'outbox')).ids()).toEqual([]);
  });

  it('a <script> in a broadcast is shown as text in the preview, the progress page and the history', async () => {
    const { c } = await staffRig();
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await c.post('/broadcasts/preview', { text: evil, audience: 'all' });
    expect(c.last).not.toContain('<script>alert');
    expect(c.last).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const res = await c.post('/broadcasts/send', { text: evil, audience: 'all', when: '', batch: '' });
    await c.get(res.headers.get('location')!);
    expect(c.last).not.toContain('<script>alert');
    expect(c.last).not.toContain('<img src=x');
    await c.get('/broadcasts');
    expect(c.last).not.toContain('<script>alert');
  });
});
