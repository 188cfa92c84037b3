/** A tiny stand-in for the bot core: a two-step interview, enough to exercise the channel. */
import type { BotCore, InboundMessage, Reply } from '../../../src/messages/message.js';

/** A fake core that records what it was handed. */
export function stubCore(): BotCore & { seen: InboundMessage[] } {
  const state = new Map<string, string>();
  const seen: InboundMessage[] = [];
  return {
    seen,
    async handle(m: InboundMessage): Promise<Reply[]> {
      seen.push(m);
      if (m.text === 'boom') throw new Error(`cannot parse ${m.text} 36072319900101001X`);
      if (m.text === 'long') return [{ text: '申报材料须扫描或拍摄原件上传。'.repeat(250) }];
      if (m.kind && m.kind !== 'text') return m.kind === 'image' ? [{ text: '核心：收到图片' }] : [];
      if (m.forwarded) return [{ text: `转发的问题：${m.text}（寻人社发〔2024〕28号 三（四））` }];
      if (m.isGroup) return m.text.includes('自测') ? [{ text: '资格自测请私聊我。' }] : [{ text: `群里问：${m.text}` }];
      const key = m.userId;
      if (state.get(key) === 'edu') {
        if (m.text === '本科' || m.text === '大专') {
          state.delete(key);
          return [{ text: `✅ 初步判断：${m.text}可以申报【助理级】。` }];
        }
        return [{ text: '请从选项中选择。', choices: [{ label: '本科', value: '本科' }, { label: '大专', value: '大专' }] }];
      }
      if (m.text === 'selftest') {
        state.set(key, 'edu');
        return [{ text: '您的最高学历是？', choices: [{ label: '本科', value: '本科' }, { label: '大专', value: '大专' }] }];
      }
      return [{ text: '您好！我可以：', choices: [{ label: '资格自测', value: 'selftest' }, { label: '政策问答', value: 'ask' }] }];
    },
  };
}
