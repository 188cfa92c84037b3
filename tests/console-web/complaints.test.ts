import { describe, expect, it } from 'vitest';
import { MissLog } from '../../src/console/misses.js';
import { isComplaint } from '../../src/console/complaints.js';
import { rig } from './helpers.js';

const say = (text: string, userId = '41') => ({ channel: 'telegram' as const, userId, chatId: userId, text });

describe('an answer the user did not accept', () => {
  it('"没用" after an answer keeps the question as missed; inside an interview "不对" keeps nothing', async () => {
    const { app, dir } = await rig();
    const log = new MissLog(dir, 90);
    await app.core.handle(say('现在能报吗'));
    expect(log.list()).toEqual([]);
    await app.core.handle(say('没用！'));
    expect(log.list().map((m) => m.q)).toEqual(['现在能报吗']);
    // During the interview the previous message is an answer (personal), never kept.
    await app.store.putSession({ key: 'telegram:42', updatedAt: new Date().toISOString(), data: { dialog: { v: 1, phase: 'asking', current: 'education', answers: {}, shown: {}, failures: 0 } } });
    await app.core.handle(say('2015年7月本科毕业', '42'));
    await app.core.handle(say('不对', '42'));
    expect(log.list().map((m) => m.q)).toEqual(['现在能报吗']);
    expect(isComplaint('人工')).toBe(true);
    expect(isComplaint('不对的地方在哪里可以修改申报材料')).toBe(false);
  });

  it('the same question asked again in other words keeps the first wording as missed', async () => {
    const { app, dir } = await rig();
    const log = new MissLog(dir, 90);
    await app.core.handle(say('第二批什么时候开始申报', '43'));
    await app.core.handle(say('第二批几号开始申报啊', '43'));
    expect(log.list().map((m) => m.q)).toContain('第二批什么时候开始申报');
    // An unrelated next question is not a rephrase.
    await app.core.handle(say('需要准备哪些材料', '44'));
    await app.core.handle(say('社保要上传吗', '44'));
    expect(log.list().map((m) => m.q)).not.toContain('需要准备哪些材料');
  });
});
