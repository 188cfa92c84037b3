/** The terminal chat: lines pasted together are one message; lines typed apart stay apart; scripts keep one message a line. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startConsole } from '../../src/channels/console/index.js';
import { scriptMessages } from '../../src/channels/console/paste.js';
import type { InboundMessage } from '../../src/messages/message.js';
import { loadDialogs } from '../../src/dialog/load.js';

/** A console over streams, with a core that records what it receives. */
async function rig() {
  const seen: string[] = [];
  const app = {
    dialogs: loadDialogs(),
    core: {
      handle: async (m: InboundMessage) => {
        seen.push(m.text);
        return [{ text: `收到${seen.length}` }];
      },
      busy: () => 0,
    },
  };
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  const chat = await startConsole(app, input, output);
  seen.length = 0; // the opening message
  return { seen, input, chat };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('terminal chat: pasted lines', () => {
  it('a pasted multi-line message reaches the core as one message', async () => {
    const { seen, input, chat } = await rig();
    input.write('【转发】张三：我2023年6月本科毕业\n7月进的县交通投资集团做道路设计\n这次能认定助理工程师吗\n');
    await sleep(150);
    expect(seen).toEqual(['【转发】张三：我2023年6月本科毕业\n7月进的县交通投资集团做道路设计\n这次能认定助理工程师吗']);
    input.end();
    await chat.done;
  });

  it('lines typed one after another stay separate messages', async () => {
    const { seen, input, chat } = await rig();
    input.write('资格自测\n');
    await sleep(150);
    input.write('工程技术\n');
    await sleep(150);
    expect(seen).toEqual(['资格自测', '工程技术']);
    input.end();
    await chat.done;
  });

  it('input that ends right after a paste is still delivered', async () => {
    const { seen, input, chat } = await rig();
    input.end('第一行\n第二行\n');
    await chat.done;
    expect(seen).toEqual(['第一行\n第二行']);
  });
});

describe('chat --script messages', () => {
  it('one message a line (the contract), blank lines skipped', () => {
    expect(scriptMessages(['你好', '', '1', '1'])).toEqual(['你好', '1', '1']);
  });
  it('lines between """ markers are one message', () => {
    expect(scriptMessages(['你好', '"""', '张三：社保要上传吗', '李四：不用', '"""', '1'])).toEqual(['你好', '张三：社保要上传吗\n李四：不用', '1']);
  });
});
