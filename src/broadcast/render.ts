/** How a broadcast looks and whom it reaches: audience selection, per-channel rendering, durations. */
import type { ChannelName, Reply } from '../messages/message.js';
import type { Subscriber } from '../store/port.js';
import type { Recipient } from './outbox.js';
import { estimateMs, type BroadcastSettings } from './settings.js';
import { fill, type StaffTexts } from './texts.js';

// The terminal chat cannot be messaged unprompted: its "subscribers" are never recipients.
const CHANNELS: ChannelName[] = ['telegram', 'wechat', 'wechat-oa'];

/** Subscribers who should receive a broadcast: reachable (Telegram, WeChat), not blocked, and (when given) with one of `audiences`. */
export function selectRecipients(subscribers: Subscriber[], audiences?: string[]): Recipient[] {
  return subscribers
    .filter((s) => !s.blocked)
    .filter((s) => !audiences || s.audiences.some((a) => audiences.includes(a)))
    .filter((s): s is Subscriber & { channel: ChannelName } => (CHANNELS as string[]).includes(s.channel))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((s) => ({ key: s.key, channel: s.channel, chatId: s.chatId }));
}

/** Count recipients per channel. */
export function countByChannel(recipients: Recipient[]): Map<ChannelName, number> {
  const m = new Map<ChannelName, number>();
  for (const r of recipients) m.set(r.channel, (m.get(r.channel) ?? 0) + 1);
  return m;
}

/** The text as a channel shows it: buttons on Telegram, numbered options on WeChat and the terminal. */
export function renderForChannel(channel: ChannelName, reply: Reply): string {
  if (!reply.choices?.length) return reply.text;
  if (channel === 'telegram') return `${reply.text}\n${reply.choices.map((c) => `[${c.label}]`).join(' ')}`;
  return `${reply.text}\n${reply.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`;
}

/** A duration in Chinese words (秒 / 分 / 小时), or days when a daily cap stretches it. */
export function formatDuration(ms: number, days: number, t: StaffTexts['texts']): string {
  if (days > 1) return fill(t.durationDays, { d: days });
  const total = Math.ceil(ms / 1000);
  if (total < 60) return fill(t.durationSeconds, { s: total });
  if (total < 3600) return fill(t.durationMinutes, { m: Math.floor(total / 60), s: total % 60 });
  return fill(t.durationHours, { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) });
}

/** Estimated duration of a whole broadcast: channels send in parallel, so the slowest one. */
export function estimateTotal(recipients: Recipient[], settings: BroadcastSettings): { ms: number; days: number } {
  let ms = 0;
  let days = 1;
  for (const [ch, n] of countByChannel(recipients)) {
    const e = estimateMs(n, settings[ch]);
    ms = Math.max(ms, e.ms);
    days = Math.max(days, e.days);
  }
  return { ms, days };
}

/** The preview shown to staff: audience per channel, estimated time, the text per channel. */
export function previewText(recipients: Recipient[], reply: Reply, settings: BroadcastSettings, s: StaffTexts): string[] {
  const t = s.texts;
  const counts = countByChannel(recipients);
  const lines = [fill(t.previewHead, { total: recipients.length })];
  if (recipients.length === 0) lines.push(t.previewNone);
  for (const [ch, n] of counts) {
    const e = estimateMs(n, settings[ch]);
    lines.push(fill(t.previewChannel, { channel: s.channelNames[ch], count: n, duration: formatDuration(e.ms, e.days, t) }));
    const cap = settings[ch].dailyCap;
    if (cap && n > cap) lines.push(fill(t.previewCapped, { channel: s.channelNames[ch], cap }));
  }
  const shown = counts.size ? [...counts.keys()] : (['telegram', 'wechat'] as ChannelName[]);
  const out = [lines.join('\n')];
  for (const ch of shown) out.push(fill(t.previewRendered, { channel: s.channelNames[ch], text: renderForChannel(ch, reply) }));
  out.push(t.previewNext);
  return out;
}
