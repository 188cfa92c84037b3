import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/channels/wechat/split.js';
import { offeredChoices, renderReply, resolveChoice } from '../../../src/channels/wechat/render.js';
import { parseQuote } from '../../../src/channels/wechat/inbound.js';
import { Pacer } from '../../../src/channels/wechat/pacer.js';
import { loadWechatTexts, validateWechatTexts, wechatOnlyReply } from '../../../src/channels/wechat/texts.js';
import { PROJECT_ROOT } from '../../../src/policy/load.js';
import type { DataProblem } from '../../../src/policy/problems.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('splitting long texts for WeChat', () => {
  it('keeps a short text whole', () => {
    expect(splitText('您好。请问您的学历是？', 1500)).toEqual(['您好。请问您的学历是？']);
  });

  it('cuts at sentence ends, every piece under the limit, nothing lost', () => {
    const sentence = '申报材料须扫描或拍摄原件上传。';
    const text = sentence.repeat(200); // 3000 characters
    const pieces = splitText(text, 1500);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect([...p].length).toBeLessThanOrEqual(1500);
      expect(p.endsWith('。')).toBe(true);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('hard-cuts a single overlong sentence without breaking an emoji', () => {
    const text = '✅'.repeat(25);
    const pieces = splitText(text, 10);
    expect(pieces.map((p) => [...p].length)).toEqual([10, 10, 5]);
    expect(pieces.join('')).toBe(text);
  });
});

describe('rendering choices as numbered lines', () => {
  const reply = { text: '您的最高学历是？', choices: [{ label: '本科', value: '本科' }, { label: '大专', value: '大专' }] };

  it('numbers each choice on its own line, then the hint', () => {
    expect(renderReply(reply, '（回复序号或文字即可）')).toBe('您的最高学历是？\n1. 本科\n2. 大专\n（回复序号或文字即可）');
  });

  it('leaves a reply without choices as plain text', () => {
    expect(renderReply({ text: '好的。' }, 'hint')).toBe('好的。');
  });

  it('maps a typed number (also full-width, "2." or "第2个") to the choice value', () => {
    const choices = [{ label: '资格自测', value: 'selftest' }, { label: '政策问答', value: 'ask' }];
    expect(resolveChoice('1', choices)).toBe('selftest');
    expect(resolveChoice(' ２ ', choices)).toBe('ask');
    expect(resolveChoice('2.', choices)).toBe('ask');
    expect(resolveChoice('第2个', choices)).toBe('ask');
  });

  it('passes words, out-of-range numbers and dates through untouched', () => {
    const choices = [{ label: '本科', value: '本科' }];
    expect(resolveChoice('大学本科', choices)).toBe('大学本科');
    expect(resolveChoice('3', choices)).toBe('3');
    expect(resolveChoice('2022.6', choices)).toBe('2022.6');
    expect(resolveChoice('1', undefined)).toBe('1');
  });

  it('takes the choices of the last reply that offered any', () => {
    const a = [{ label: 'x', value: 'x' }];
    expect(offeredChoices([{ text: 'q', choices: a }, { text: 'note' }])).toBe(a);
    expect(offeredChoices([{ text: 'note' }])).toBeUndefined();
  });
});

describe('quoted messages', () => {
  it('reads a WeChat quote as the quoted question plus what was added', () => {
    const q = parseQuote('「张三：社保要自己上传吗」\n- - - - - - - - - - - - - - -\n帮忙看下');
    expect(q).toEqual({ quoted: '社保要自己上传吗', reply: '帮忙看下' });
  });

  it('does not treat ordinary text as a quote', () => {
    expect(parseQuote('社保要自己上传吗')).toBeUndefined();
    expect(parseQuote('「书名」很好看')).toBeUndefined();
  });
});

describe('pacing outgoing messages', () => {
  /** A fake clock: sleeping advances it, so no test waits on real time. */
  function fakeTime() {
    let t = 0;
    const sleeps: number[] = [];
    return {
      deps: { now: () => t, sleep: async (ms: number) => { sleeps.push(ms); t += ms; }, random: () => 0.5 },
      sleeps,
      at: () => t,
    };
  }

  it('waits a random pause between sends', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ minDelayMs: 1000, maxDelayMs: 3000, perMinute: 100 }, time.deps);
    const at: number[] = [];
    await Promise.all([1, 2, 3].map(() => pacer.run(async () => void at.push(time.at()))));
    expect(at).toEqual([0, 2000, 4000]);
  });

  it('never sends more than the cap within a minute', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ minDelayMs: 0, maxDelayMs: 0, perMinute: 3 }, time.deps);
    const at: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map(() => pacer.run(async () => void at.push(time.at()))));
    expect(at).toEqual([0, 0, 0, 60_000, 60_000]);
  });

  it('sends replies to users before queued broadcasts', async () => {
    const time = fakeTime();
    const pacer = new Pacer({ minDelayMs: 10, maxDelayMs: 10, perMinute: 100 }, time.deps);
    const order: string[] = [];
    const jobs = [
      pacer.run(async () => void order.push('b1'), 'broadcast'),
      pacer.run(async () => void order.push('b2'), 'broadcast'),
      pacer.run(async () => void order.push('r1'), 'reply'),
    ];
    await Promise.all(jobs);
    expect(order).toEqual(['b1', 'r1', 'b2']);
  });

  it('rejects sends still queued when closed, and a failing send does not stop the queue', async () => {
    const pacer = new Pacer({ minDelayMs: 0, maxDelayMs: 0, perMinute: 100 });
    await expect(pacer.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(pacer.run(async () => 'ok')).resolves.toBe('ok');
    pacer.close();
    await expect(pacer.run(async () => 'late')).rejects.toThrow('pacer closed');
  });
});

describe('dialogs/wechat.yaml', () => {
  it('loads, with WeChat-only replies for red packets, mini-programs and stickers (the core answers the rest)', () => {
    const texts = loadWechatTexts();
    expect(wechatOnlyReply(texts, 'money')).toMatch(/红包或转账/);
    expect(wechatOnlyReply(texts, 'mini-program')).toMatch(/小程序/);
    expect(wechatOnlyReply(texts, 'sticker')).toBeTruthy();
    expect(wechatOnlyReply(texts, 'image')).toBeUndefined();
    expect(wechatOnlyReply(texts, 'text')).toBeUndefined();
  });

  it('names the file and the field when a text is missing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-texts-'));
    fs.mkdirSync(path.join(root, 'dialogs'));
    const good = fs.readFileSync(path.join(PROJECT_ROOT, 'dialogs', 'wechat.yaml'), 'utf8');
    fs.writeFileSync(path.join(root, 'dialogs', 'wechat.yaml'), good.replace(/^error:.*$/m, ''));
    const problems: DataProblem[] = [];
    validateWechatTexts(root, problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toMatch(/wechat\.yaml$/);
    expect(problems[0]!.path).toBe('error');
  });
});
