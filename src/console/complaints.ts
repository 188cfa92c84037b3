/**
 * An answer the user did not accept also counts as missed: when a user's next message is "没用",
 * "不对", "人工" (or the like) within a few minutes, or the same question asked again in other words
 * within two minutes (a rephrase), their previous question is kept in the miss log (text only, as any miss). Outside an interview only: there "不对" corrects an answer, and the
 * previous message is a personal answer, not a question. The last question per user is held in
 * memory only, for minutes.
 */
import { userKey, type InboundMessage, type Reply } from '../messages/message.js';
import type { Store } from '../store/port.js';
import { bigrams, jaccard, type MissLog } from './misses.js';

const COMPLAINTS = ['没用', '不对', '人工', '转人工', '答非所问', '不是这个', '没回答', '看不懂'];
const WINDOW_MS = 10 * 60_000;
const REPHRASE_MS = 2 * 60_000;
const MAX_USERS = 10_000;

/** True when `text` is a short complaint about the last answer. */
export function isComplaint(text: string): boolean {
  const t = text.replace(/[\s\p{P}]/gu, '');
  return t.length > 0 && t.length <= 8 && COMPLAINTS.some((w) => t.includes(w));
}

/** The handler (an AppHandler: it never answers, it only watches). */
export function createComplaintWatcher(log: MissLog, clock: () => Date = () => new Date()) {
  const last = new Map<string, { text: string; at: number }>();
  return async (msg: InboundMessage, app?: { store: Pick<Store, 'getSession'> }): Promise<Reply[] | undefined> => {
    if (msg.isGroup || (msg.kind && msg.kind !== 'text') || msg.forwarded) return undefined;
    const key = userKey(msg);
    const text = (msg.text ?? '').trim();
    const now = clock().getTime();
    const inInterview = async () => {
      const phase = ((await app?.store.getSession(key))?.data as { dialog?: { phase?: string } } | undefined)?.dialog?.phase;
      return Boolean(phase && phase !== 'done' && phase !== 'stopped');
    };
    const prev = last.get(key);
    if (isComplaint(text)) {
      last.delete(key);
      if (prev && now - prev.at <= WINDOW_MS && !(await inInterview())) log.record(prev.text, 'complaint');
      return undefined;
    }
    if (prev && now - prev.at <= REPHRASE_MS && text !== prev.text) {
      const sim = jaccard(bigrams(prev.text), bigrams(text));
      if (sim >= 0.3 && sim < 0.9 && !(await inInterview())) log.record(prev.text, 'rephrase');
    }
    if (text.length >= 4 && !/^\d+$/.test(text)) {
      last.delete(key);
      last.set(key, { text, at: now });
      if (last.size > MAX_USERS) last.delete(last.keys().next().value!);
    }
    return undefined;
  };
}
