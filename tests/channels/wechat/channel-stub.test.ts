/** The WeChat channel on an in-process PuppetMock, with a stub core: rendering, rooms, non-text, friends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { eventually, isolateEnv, startRig, type Rig } from './harness.js';
import { stubCore } from './stub-core.js';

isolateEnv();

describe('WeChat channel (PuppetMock, stub core)', () => {
  let rig: Rig;
  const core = stubCore();
  beforeAll(async () => {
    rig = await startRig(core, { textLimit: 1500 });
  }, 20_000);
  afterAll(async () => {
    await rig?.close();
  }, 20_000);

  it('shows choices as numbered lines and accepts the answer by number or by words', async () => {
    const ann = rig.person('安安');
    expect(await ann.say('你好')).toEqual(['您好！我可以：\n1. 资格自测\n2. 政策问答\n（回复序号或文字即可）']);
    const q = await ann.say('1');
    expect(q[0]).toMatch(/^您的最高学历是？\n1\. 本科\n2\. 大专/);
    expect(core.seen.at(-1)!.text).toBe('selftest');
    expect(await ann.say('２')).toEqual(['✅ 初步判断：大专可以申报【助理级】。']);
    await ann.say('你好');
    await ann.say('selftest');
    expect(await ann.say('本科')).toEqual(['✅ 初步判断：本科可以申报【助理级】。']);
  });

  it('hands the core a private text message with the user id and chat id', async () => {
    const bo = rig.person('波波');
    await bo.say('你好');
    const m = core.seen.at(-1)!;
    expect(m).toMatchObject({ channel: 'wechat', userId: bo.contact.id, chatId: bo.contact.id, text: '你好', kind: 'text' });
    expect(m.isGroup).toBeUndefined();
  });

  it('splits a long answer into pieces under the limit, in order', async () => {
    const cc = rig.person('晨晨');
    const pieces = await cc.say('long');
    expect(pieces.length).toBe(3);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(1500);
    expect(pieces.join('')).toBe('申报材料须扫描或拍摄原件上传。'.repeat(250));
  });

  it('in a room answers only when @-mentioned, and mentions the asker', async () => {
    const dd = rig.person('丁丁');
    const room = rig.room([dd]);
    const seenBefore = core.seen.length;
    // Not mentioned: nothing reaches the core, nothing is posted.
    expect(await dd.sayInRoom(room, '大家好', false)).toEqual([]);
    expect(core.seen.length).toBe(seenBefore);
    const answer = await dd.sayInRoom(room, '@职称助手 现在能申报吗', true);
    expect(core.seen.length).toBe(seenBefore + 1);
    const m = core.seen.at(-1)!;
    expect(m).toMatchObject({ isGroup: true, mentioned: true, chatId: room.room.id, userId: dd.contact.id });
    expect(m.text).not.toMatch(/@职称助手/);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatch(/群里问：现在能申报吗/);
    expect(room.posts).toEqual(answer);
  });

  it('treats a forwarded chat record as a question', async () => {
    const hr = rig.person('人事小王');
    const out = await hr.send(types.Message.ChatHistory, '社保要自己上传吗');
    expect(core.seen.at(-1)).toMatchObject({ forwarded: true, text: '社保要自己上传吗', kind: 'text' });
    expect(out[0]).toMatch(/^转发的问题：社保要自己上传吗（寻人社发〔2024〕28号 三（四））$/);
  });

  it('treats a quoted message as a question', async () => {
    const hr = rig.person('人事小李');
    const out = await hr.say('「张三：社保要自己上传吗」\n- - - - - - - - - - - - - - -\n请问');
    expect(core.seen.at(-1)).toMatchObject({ forwarded: true, text: '社保要自己上传吗\n请问' });
    expect(out[0]).toMatch(/^转发的问题/);
  });

  it('answers non-text messages briefly: the core for images and voice, WeChat texts for red packets; never crashes', async () => {
    const ee = rig.person('恩恩');
    expect(await ee.send(types.Message.Image)).toEqual(['核心：收到图片']);
    expect(core.seen.at(-1)).toMatchObject({ kind: 'image', text: '' });
    // The stub core says nothing for voice: the channel's fallback answers.
    expect(await ee.send(types.Message.Audio)).toEqual(['我暂时只能处理文字消息。请用文字发送您的问题，或发送“菜单”。']);
    expect(core.seen.at(-1)).toMatchObject({ kind: 'voice' });
    const seen = core.seen.length;
    expect((await ee.send(types.Message.RedEnvelope))[0]).toMatch(/红包或转账/);
    expect((await ee.send(types.Message.Transfer))[0]).toMatch(/红包或转账/);
    expect((await ee.send(types.Message.MiniProgram))[0]).toMatch(/小程序/);
    expect(core.seen.length).toBe(seen);
    expect(await ee.send(types.Message.Attachment)).toHaveLength(1);
    expect(core.seen.at(-1)).toMatchObject({ kind: 'file' });
    // Still answering text afterwards.
    expect((await ee.say('你好'))[0]).toMatch(/^您好/);
  });

  it('replies with a friendly error when the core fails, and logs nothing personal', async () => {
    const ff = rig.person('芳芳');
    expect(await ff.say('boom')).toEqual(['抱歉，刚才处理您的消息时出了点问题，请稍后再发一次。']);
    const all = rig.logs.join('\n');
    expect(all).toMatch(/处理消息出错/);
    expect(all).not.toMatch(/36072319900101001X|boom|芳芳/);
  });

  it('keeps two users interleaved apart', async () => {
    const a = rig.person('甲');
    const b = rig.person('乙');
    await a.say('selftest');
    await b.say('你好');
    // "1" for b means the first menu item; for a, the first education choice.
    expect((await b.say('1'))[0]).toMatch(/^您的最高学历是？/);
    expect(await a.say('1')).toEqual(['✅ 初步判断：本科可以申报【助理级】。']);
    expect(await b.say('2')).toEqual(['✅ 初步判断：大专可以申报【助理级】。']);
  });

  it("keeps one user's messages in order even when the first one is slow to load", async () => {
    const slow = rig.person('慢慢');
    const original = rig.puppet.messageRawPayload.bind(rig.puppet);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first: string | undefined;
    // The first message's payload arrives only after the second one was asked for.
    rig.puppet.messageRawPayload = async (id: string) => {
      const payload = await original(id);
      if (payload.talkerId === slow.contact.id) {
        first ??= id;
        if (id === first) await gate;
        else release();
      }
      return payload;
    };
    try {
      await Promise.all([slow.say('selftest'), slow.say('1')]);
    } finally {
      rig.puppet.messageRawPayload = original;
    }
    expect(core.seen.filter((m) => m.userId === slow.contact.id).map((m) => m.text)).toEqual(['selftest', '本科']);
  });

  it('accepts a friend request and greets the new friend', async () => {
    const gg = rig.person('光光');
    let accepted = '';
    rig.puppet.friendshipRawPayload = async (id: string) =>
      ({ id, contactId: gg.contact.id, hello: '你好', timestamp: Date.now(), ticket: 't', type: types.Friendship.Receive }) as never;
    rig.puppet.friendshipAccept = async (id: string) => {
      accepted = id;
    };
    rig.puppet.emit('friendship', { friendshipId: 'fr-1' });
    await eventually(() => gg.inbox.length > 0, 5_000, 'greeting');
    expect(accepted).toBe('fr-1');
    expect(gg.inbox[0]).toMatch(/职称考核认定助手/);
    expect(rig.logs.join('\n')).toMatch(/已通过一条好友申请/);
  });

  it('introduces itself when added to a room', async () => {
    const hh = rig.person('花花');
    const room = rig.room([hh]);
    room.room.payload.memberIdList = [hh.contact.id];
    room.room.add(rig.botUser).by(hh.contact);
    await eventually(() => room.posts.length > 0, 5_000, 'room intro');
    expect(room.posts[0]).toMatch(/在群里@我/);
  });

  it('sends a broadcast through the Sender, and reports an unknown chat as permanent', async () => {
    const ii = rig.person('毅毅');
    const res = await rig.channel.sender.send(ii.contact.id, { text: '2024年第一批申报窗口已开放。' });
    expect(res).toEqual({ ok: true });
    expect(ii.inbox).toEqual(['2024年第一批申报窗口已开放。']);
    const gone = await rig.channel.sender.send('wxid_nobody', { text: 'x' });
    expect(gone).toMatchObject({ ok: false, permanent: true });
  });
});
