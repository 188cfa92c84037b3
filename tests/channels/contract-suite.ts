/**
 * The shared channel contract: every channel adapter (console, Telegram, WeChat) runs this suite
 * through its own transport. A driver sends one private text message as a user and returns what
 * that user sees (each reply's text, with choice labels however the channel shows them).
 *
 * Usage in a channel's test file:
 *
 *     import { channelContract, CONTRACT_NOW } from '../channels/contract-suite.js';
 *     channelContract('telegram', async () => { ...create app with now = CONTRACT_NOW...; return driver; });
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** "Today" the app under test must be created with, so window answers are predictable. */
export const CONTRACT_NOW = '2024-04-20';

/** What a channel test provides to the suite. */
export interface ChannelDriver {
  /** Send `text` in a private chat as `userId`; resolve with every message the user receives for it. */
  send(userId: string, text: string): Promise<string[]>;
  /** Optional: send in a group, mentioned or not; resolve with what the group sees. */
  sendGroup?(userId: string, text: string, mentioned: boolean): Promise<string[]>;
  close(): Promise<void>;
}

/** Register the contract tests for one channel. */
export function channelContract(name: string, makeDriver: () => Promise<ChannelDriver>): void {
  describe(`channel contract: ${name}`, () => {
    let driver: ChannelDriver;
    beforeAll(async () => {
      driver = await makeDriver();
    });
    afterAll(async () => {
      await driver?.close();
    });
    const joined = async (user: string, text: string) => (await driver.send(user, text)).join('\n');

    it('greets a newcomer with the menu', async () => {
      const seen = await joined('contract-a', '你好');
      expect(seen).toContain('资格自测');
      expect(seen).toContain('政策问答');
    });

    it('runs the interview in order and keeps each user apart', async () => {
      expect(await joined('contract-b', '资格自测')).toContain('职称系列');
      expect(await joined('contract-b', '工程技术')).toContain('申报的专业');
      // Another user starting meanwhile does not disturb the first one.
      expect(await joined('contract-c', '资格自测')).toContain('职称系列');
      expect(await joined('contract-b', '水利水电工程')).toContain('最高学历');
      expect(await joined('contract-b', '返回')).toContain('申报的专业');
    });

    it('stops early with the clause on a decisive fail', async () => {
      await joined('contract-d', '资格自测');
      const seen = await joined('contract-d', '会计');
      expect(seen).toContain('以考代评');
      expect(seen).toContain('三（六）');
    });

    it('answers a policy question with its source', async () => {
      const seen = await joined('contract-e', '社保缴费证明要上传吗');
      expect(seen).toMatch(/寻人社发〔2024〕28号|三（四）/);
    });

    it('judges a described situation the same way on every channel, and 自测 then asks only what is left', async () => {
      const seen = await joined('contract-s', '本科，21年7月进的县水利站（事业单位），去年年度考核基本称职一次，第一批能报吗');
      expect(seen).toContain('可认定助理级（助理工程师）');
      expect(seen).toContain('2024年第一批');
      expect(seen).toContain('第五条（四）');
      const next = await joined('contract-s', '自测');
      expect(next).toContain('已按您刚才说的填好');
      expect(next).toContain('申报的专业');
    });

    it('handles messages of one user in order when sent at once', async () => {
      const [a, b, c] = await Promise.all([driver.send('contract-f', '资格自测'), driver.send('contract-f', '工程技术'), driver.send('contract-f', '水利水电工程')]);
      expect(a.join('\n')).toContain('职称系列');
      expect(b.join('\n')).toContain('申报的专业');
      expect(c.join('\n')).toContain('最高学历');
    });

    it('in a group: silent unless mentioned, never runs the interview there', async () => {
      if (!driver.sendGroup) return;
      expect(await driver.sendGroup('contract-g', '现在能申报吗', false)).toEqual([]);
      expect((await driver.sendGroup('contract-g', '资格自测', true)).join('\n')).toContain('私聊');
    });
  });
}
