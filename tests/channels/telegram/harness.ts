/** Test harness: the real Telegram channel against the fake Bot API server, with any core. */
import type { BotCore, InboundMessage, Reply } from '../../../src/messages/message.js';
import { startTelegram, type TelegramChannel, type TelegramOptions } from '../../../src/channels/telegram/index.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.js';

/** A running fake server plus the channel polling it. */
export interface Harness {
  fake: FakeTelegram;
  channel: TelegramChannel;
  logs: string[];
  stop(): Promise<void>;
}

/** Start the fake server and the channel (short polls). */
export async function startHarness(core: BotCore, opts: TelegramOptions & { webhookUrl?: string; webhookSecret?: string } = {}): Promise<Harness> {
  const fake = await startFakeTelegram();
  const logs: string[] = [];
  const { webhookUrl, webhookSecret, ...channelOpts } = opts;
  const channel = await startTelegram(
    { config: { telegram: { token: fake.token, apiRoot: fake.apiRoot, webhookUrl, webhookSecret, webhookPort: 0 } }, core },
    { pollTimeoutSec: 1, log: (l) => logs.push(l), webhookHost: '127.0.0.1', ...channelOpts },
  );
  return {
    fake,
    channel,
    logs,
    async stop() {
      await channel.stop();
      await fake.close();
    },
  };
}

/**
 * A tiny stand-in for the bot core: `/screen` asks two questions with choices, per user;
 * `长` answers a 9,000-character text; `boom` throws; non-text gets no reply (the channel's
 * fallback applies); anything else is echoed. Every inbound message is recorded.
 */
export function stubCore(): BotCore & { seen: InboundMessage[] } {
  const state = new Map<string, { step: number; answers: string[] }>();
  const q = [
    // Both questions offer the same values, so a replayed old button would be a valid answer.
    { text: '您是本科毕业吗？', choices: [{ label: '是', value: '是' }, { label: '否', value: '否' }] },
    { text: '是否持有学位？', choices: [{ label: '是', value: '是' }, { label: '否', value: '否' }] },
  ];
  const seen: InboundMessage[] = [];
  return {
    seen,
    async handle(m: InboundMessage): Promise<Reply[]> {
      seen.push(m);
      const key = `${m.channel}:${m.userId}`;
      if (m.kind && m.kind !== 'text') return [];
      if (m.text === 'boom') throw new Error('core exploded');
      if (m.text === '长') return [{ text: '这是一句很长的话。'.repeat(1000) }];
      if (m.text === '/screen') {
        if (m.isGroup) return [{ text: '请私聊我做自测。' }];
        state.set(key, { step: 0, answers: [] });
        return [{ text: '开始自测。' }, q[0]!];
      }
      const s = state.get(key);
      if (s) {
        const question = q[s.step]!;
        if (!question.choices.some((c) => c.value === m.text)) return [{ text: '请从选项中选择。', choices: question.choices }];
        s.answers.push(m.text);
        s.step++;
        if (s.step < q.length) return [q[s.step]!];
        state.delete(key);
        return [{ text: `结论：${s.answers.join('，')}` }];
      }
      return [{ text: `收到：${m.text}` }];
    },
  };
}
