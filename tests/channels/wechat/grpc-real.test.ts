/**
 * End-to-end through the real transport with the real app: a PuppetServer wrapping a PuppetMock
 * on 127.0.0.1 (insecure_ token, TLS off), the bot connecting with PuppetService.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { isolateEnv } from './harness.js';
import { ENGINEER, Interview, startRealRig, type RealRig } from './real-app.js';

isolateEnv();

describe('WeChat over gRPC with the real app', () => {
  let rig: RealRig;
  beforeAll(async () => {
    rig = await startRealRig('grpc');
  }, 30_000);
  afterAll(async () => {
    await rig?.close();
  }, 30_000);

  it('uses PuppetService', () => {
    expect(rig.channel.bot.puppet.name()).toBe('wechaty-puppet-service');
  });

  it('round-trips a whole interview over gRPC to a verdict', async () => {
    const interview = new Interview(rig.person('远程工程师'), ENGINEER, true);
    const verdict = await interview.run();
    expect(verdict).toContain('初步判断');
    expect(verdict).toContain('助理级');
    // The short phone verdict cites the deciding clause briefly.
    expect(verdict).toContain('依据：30号文 第五条（四）');
  }, 30_000);

  it('answers a forwarded chat record over gRPC', async () => {
    const out = (await rig.person('人事小赵').send(types.Message.ChatHistory, '社保缴费证明要上传吗')).join('\n');
    expect(out).toMatch(/三（四）/);
  });

  it('delivers a broadcast through the Sender over gRPC', async () => {
    const sub = rig.person('订阅者');
    await sub.say('你好');
    const res = await rig.channel.sender.send(sub.contact.id, { text: '提醒：2024年第一批申报将于5月30日截止。', choices: [{ label: '退订', value: '退订' }] });
    expect(res).toEqual({ ok: true });
    expect(sub.inbox.at(-1)).toBe('提醒：2024年第一批申报将于5月30日截止。\n1. 退订\n（回复序号或文字即可）');
  });
});
