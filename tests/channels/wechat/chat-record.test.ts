/** A forwarded WeChat chat record is one question with its context: every line, in one message, marked forwarded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { chatRecordText, isChatRecordCard } from '../../../src/channels/wechat/chat-record.js';
import { isolateEnv, startRig, type Rig } from './harness.js';
import { stubCore } from './stub-core.js';

/** A chat record as puppets deliver it (appmsg type 19, the items inside an escaped recorditem). */
const RECORD = [
  '<?xml version="1.0"?>',
  '<msg><appmsg appid="" sdkver="0"><title>群聊的聊天记录</title>',
  '<des>小刘: 我中专，2022年9月到乡镇农技站上班&#x0A;小刘: 现在能认定技术员吗</des><type>19</type>',
  '<recorditem><![CDATA[<recordinfo><title>群聊的聊天记录</title><datalist count="2">',
  '<dataitem datatype="1" dataid="1"><datadesc>我中专，2022年9月到乡镇农技站上班搞农技推广</datadesc><sourcename>小刘</sourcename></dataitem>',
  '<dataitem datatype="2" dataid="2"><datatitle>毕业证.jpg</datatitle><sourcename>小刘</sourcename></dataitem>',
  '<dataitem datatype="1" dataid="3"><datadesc>现在能认定技术员吗？社保是人力资源公司代缴的</datadesc><sourcename>小刘</sourcename></dataitem>',
  '</datalist></recordinfo>]]></recorditem></appmsg></msg>',
].join('');

describe('chat record text', () => {
  it('reads every text item with its sender, in order, leaving out images', () => {
    expect(chatRecordText(RECORD)).toBe('小刘：我中专，2022年9月到乡镇农技站上班搞农技推广\n小刘：现在能认定技术员吗？社保是人力资源公司代缴的');
  });
  it('falls back to the preview when the items are missing', () => {
    const noItems = RECORD.replace(/<recorditem>[\s\S]*<\/recorditem>/, '');
    expect(chatRecordText(noItems)).toBe('小刘：我中专，2022年9月到乡镇农技站上班\n小刘：现在能认定技术员吗');
  });
  it('leaves plain text alone (some puppets give the text already)', () => {
    expect(chatRecordText('社保要自己上传吗')).toBeUndefined();
  });
  it('knows a chat-record link card by its title', () => {
    expect(isChatRecordCard('张三和李四的聊天记录')).toBe(true);
    expect(isChatRecordCard('2024年职称申报通知')).toBe(false);
  });
});

isolateEnv();

describe('WeChat channel: a forwarded chat record (PuppetMock)', () => {
  let rig: Rig;
  const core = stubCore();
  beforeAll(async () => {
    rig = await startRig(core, { textLimit: 1500 });
  }, 20_000);
  afterAll(async () => {
    await rig?.close();
  }, 20_000);

  it('reaches the core as one forwarded text message with every line', async () => {
    const hr = rig.person('人事小赵');
    const out = await hr.send(types.Message.ChatHistory, RECORD);
    expect(core.seen.at(-1)).toMatchObject({ forwarded: true, kind: 'text', text: '小刘：我中专，2022年9月到乡镇农技站上班搞农技推广\n小刘：现在能认定技术员吗？社保是人力资源公司代缴的' });
    expect(out).toHaveLength(1);
  });
});
