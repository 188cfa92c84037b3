/** The WeChat channel in-process (PuppetMock) in front of the real app: interviews, rooms, forwards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { isolateEnv } from './harness.js';
import { ENGINEER, Interview, startRealRig, type RealRig } from './real-app.js';

isolateEnv();

describe('WeChat channel with the real app (PuppetMock)', () => {
  let rig: RealRig;
  beforeAll(async () => {
    rig = await startRealRig('in-process');
  }, 30_000);
  afterAll(async () => {
    await rig?.close();
  }, 30_000);

  it('greets with the menu as numbered lines, and "1" starts the self-test', async () => {
    const ann = rig.person('安安');
    const menu = (await ann.say('你好')).join('\n');
    expect(menu).toMatch(/^1\. 资格自测$/m);
    expect(menu).toMatch(/^2\. 政策问答$/m);
    expect((await ann.say('1')).join('\n')).toContain('哪个职称系列');
  });

  it('runs a whole interview by numbers to a verdict with clauses', async () => {
    const interview = new Interview(rig.person('工程师甲'), ENGINEER, true);
    const verdict = await interview.run();
    expect(interview.numbers).toBeGreaterThan(5);
    expect(verdict).toContain('初步判断');
    expect(verdict).toContain('助理级');
    expect(verdict).toContain('依据：30号文 第五条（四）');
    expect(verdict).toContain('2024年5月30日');
  }, 30_000);

  it('keeps two users interleaved apart, one answering by numbers and one by words', async () => {
    const a = new Interview(rig.person('工程师乙'), ENGINEER, true);
    const b = new Interview(rig.person('工程师丙'), ENGINEER, false);
    await a.begin();
    await b.begin();
    let going = true;
    for (let i = 0; i < 40 && going; i++) going = [await a.next(), await b.next()].some(Boolean);
    expect(a.verdict).toContain('初步判断');
    expect(b.verdict).toContain('初步判断');
    expect(b.numbers).toBe(0);
  }, 30_000);

  it('in a room: silent unless @-mentioned; answers questions with sources; sends the interview to private chat', async () => {
    const hr = rig.person('人事老刘');
    const room = rig.room([hr]);
    expect(await hr.sayInRoom(room, '社保缴费证明要上传吗', false)).toEqual([]);
    const answer = (await hr.sayInRoom(room, '@职称助手 社保缴费证明要上传吗', true)).join('\n');
    expect(answer).toMatch(/三（四）/);
    const invite = (await hr.sayInRoom(room, '@职称助手 资格自测', true)).join('\n');
    expect(invite).toContain('私聊');
    expect(invite).not.toContain('哪个职称系列');
  });

  it('answers a forwarded chat record as a question, with its sources', async () => {
    const hr = rig.person('人事小王');
    const out = (await hr.send(types.Message.ChatHistory, '社保缴费证明要上传吗')).join('\n');
    expect(out).toContain('社保缴费证明要上传吗');
    expect(out).toMatch(/寻人社发〔2024〕28号.*三（四）|三（四）/);
  });

  it('answers a quoted question the same way', async () => {
    const hr = rig.person('人事小李');
    const out = (await hr.say('「张三：社保缴费证明要上传吗」\n- - - - - - - - - - - - - - -\n请问这个')).join('\n');
    expect(out).toMatch(/三（四）/);
  });

  it('answers an image and a red packet briefly, then carries on', async () => {
    const ee = rig.person('恩恩');
    expect((await ee.send(types.Message.Image)).join('\n')).toContain('图片');
    expect((await ee.send(types.Message.RedEnvelope)).join('\n')).toContain('红包');
    expect((await ee.say('你好')).join('\n')).toContain('资格自测');
  });
});
