/**
 * Choosing who receives a staff broadcast: everyone reachable, one channel, or those whose self-test
 * put them in a series or batch — the last only for subscribers who agreed to that use
 * (`Subscriber.selfTest.consent`, given when subscribing right after the verdict). Terminal users
 * are never recipients (see `selectRecipients`).
 */
import type { Subscriber } from '../store/port.js';
import type { Recipient } from './outbox.js';
import { selectRecipients } from './render.js';

/** An audience as staff choose it in the console. */
export type AudienceSpec =
  | { kind: 'all' }
  | { kind: 'channel'; channel: 'telegram' | 'wechat' }
  | { kind: 'selfTest'; series: string[]; batch?: string };

/** Recipients of `spec` among `subscribers`. */
export function selectAudience(subscribers: Subscriber[], spec: AudienceSpec): Recipient[] {
  const all = selectRecipients(subscribers);
  if (spec.kind === 'all') return all;
  if (spec.kind === 'channel') return all.filter((r) => r.channel === spec.channel);
  const bySeries = new Set(spec.series);
  const agreed = new Set(
    subscribers
      .filter((s) => s.selfTest?.consent === true)
      .filter((s) => bySeries.size === 0 || (s.selfTest!.series !== undefined && bySeries.has(s.selfTest!.series)))
      .filter((s) => !spec.batch || s.selfTest!.batch === spec.batch)
      .map((s) => s.key),
  );
  // Neither series nor batch named: no one (a self-test audience must say which).
  if (bySeries.size === 0 && !spec.batch) return [];
  return all.filter((r) => agreed.has(r.key));
}

/** The audience in Chinese words, for lists and the audit log. */
export function describeAudience(spec: AudienceSpec, batchName: (id: string) => string = (id) => id): string {
  if (spec.kind === 'all') return '全部订阅者';
  if (spec.kind === 'channel') return spec.channel === 'telegram' ? 'Telegram 订阅者' : '微信订阅者';
  const parts = [spec.series.length ? `系列：${spec.series.join('、')}` : '', spec.batch ? `批次：${batchName(spec.batch)}` : ''].filter(Boolean);
  return `自测结果（${parts.join('；')}，仅限同意的订阅者）`;
}
