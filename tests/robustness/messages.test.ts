/**
 * 10,000+ generated messages through the real core (hostile text, every command at every step of
 * the interview, huge and malformed input): no crash (the core's error reply never appears), every
 * message gets at least one non-empty Chinese reply of bounded size, and none takes more than 2 s.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { InboundMessage, Reply } from '../../src/messages/message.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';
import { allFixed, huge, randomMessage, rng } from './inputs.js';

const NOW = '2024-04-20';
/** Longest reply we accept: Telegram's limit for one message. */
const MAX_REPLY = 4096;
/** A generous bound that catches pathological inputs (a 100 KB message once took 0.26 s), not a speed target. */
const SLOW_MS = 2000;
const CHINESE = /[\u4e00-\u9fff]/;
/** The eligible engineer's typed answers, through the confirmation and the ID question. */
const SCRIPT = ['资格自测', '工程技术', '水利水电工程', '本科', '不确定', '2022年6月', '水利水电工程', '相同', '2022年7月', '国企', '寻乌县某水务有限公司', '江西', '是', '是', '没有', '确认', '跳过'];

let app: App;
let store: MemoryStore;
let commands: string[];

interface Problem {
  input: string;
  what: string;
}
const problems: Problem[] = [];
let sent = 0;
let slow = 0;

/** Send one message; record what a user would notice as wrong. */
async function send(userId: string, text: string, extra: Partial<InboundMessage> = {}): Promise<Reply[]> {
  sent++;
  const t0 = performance.now();
  const replies = await app.core.handle({ channel: 'telegram', userId, chatId: userId, text, ...extra });
  if (performance.now() - t0 > SLOW_MS) slow++;
  const show = text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
  // In a group the bot speaks only when mentioned with something to answer (design: no noise in groups).
  const silentOk = extra.isGroup && (!extra.mentioned || !text.trim());
  if (!silentOk && replies.length === 0) problems.push({ input: show, what: 'no reply' });
  for (const r of replies) {
    if (r.text === app.dialogs.bot.error) problems.push({ input: show, what: 'error reply (the core caught an exception)' });
    if (!r.text.trim()) problems.push({ input: show, what: 'empty reply' });
    else if (!CHINESE.test(r.text)) problems.push({ input: show, what: `reply not in Chinese: ${r.text.slice(0, 60)}` });
    if (r.text.length > MAX_REPLY) problems.push({ input: show, what: `reply of ${r.text.length} characters` });
    for (const c of r.choices ?? []) if (!c.label.trim() || c.label.length > 200) problems.push({ input: show, what: `bad choice label (${c.label.length})` });
  }
  if (replies.length > 5) problems.push({ input: show, what: `${replies.length} replies` });
  return replies;
}

beforeAll(async () => {
  store = new MemoryStore();
  const config = loadConfig({ ZHICHENG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'zc-robust-')), ZHICHENG_NOW: NOW, ZHICHENG_STAFF: 'telegram:staff' });
  app = await createApp(config, { store, now: () => NOW });
  // As npm start does: build the knowledge index before users write, so no message pays for it.
  await app.warm();
  const d = app.dialogs;
  const core = Object.values(d.bot.commands).flat();
  const iv = Object.values(d.interview.commands).flat();
  commands = [...new Set([...core, ...iv, ...core.filter((c) => c.startsWith('/')).map((c) => `${c}@zhicheng_bot`), '/subscribe 教育系统'])];
});

describe('robustness: generated messages through the core', () => {
  it('every command at every step of the interview gets a sensible Chinese reply', async () => {
    // Walk one user through the interview; at each step, copy its session to fresh users and send each command.
    const walker = 'walker';
    for (let depth = 0; depth <= SCRIPT.length; depth++) {
      if (depth > 0) await send(walker, SCRIPT[depth - 1]!);
      const snapshot = await store.getSession(`telegram:${walker}`);
      for (const [i, cmd] of commands.entries()) {
        const u = `cmd-${depth}-${i}`;
        if (snapshot) await store.putSession({ ...snapshot, key: `telegram:${u}` });
        await send(u, cmd);
        // And what the user says next still works (the place was kept or a new flow began).
        await send(u, SCRIPT[Math.min(depth, SCRIPT.length - 1)]!);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hostile, huge and malformed messages at every step: no crash, bounded replies', async () => {
    const fixed = allFixed();
    // Every fixed input at every step of the interview.
    const walker = 'walker2';
    for (let depth = 0; depth <= SCRIPT.length; depth++) {
      if (depth > 0) await send(walker, SCRIPT[depth - 1]!);
      const snapshot = await store.getSession(`telegram:${walker}`);
      for (const [i, { text }] of fixed.entries()) {
        const u = `fx-${depth}-${i}`;
        if (snapshot) await store.putSession({ ...snapshot, key: `telegram:${u}` });
        await send(u, text);
      }
    }
    // Random conversations of 100 users until 10,000 messages have been sent in this file.
    const r = rng(20240420);
    let k = 0;
    while (sent < 10_000) {
      const u = `rnd-${k++ % 100}`;
      await send(u, randomMessage(r, SCRIPT, commands));
    }
    // Groups, forwarded questions, non-text kinds, and the huge message in each of them.
    const big = huge(rng(7));
    for (const text of ['', big, '现在能申报吗', '<script>', '/screen', '\u0000']) {
      await send('g-user', text, { isGroup: true, mentioned: true, chatId: 'g1' } as Partial<InboundMessage>);
      await send('g-user', text, { isGroup: true, mentioned: false } as Partial<InboundMessage>);
      await send('fw-user', text, { forwarded: true });
      await send('kind-user', text, { kind: 'image' });
      await send('kind-user', text, { kind: 'other' });
    }
    // The random users' places were kept between their messages (a core that dropped sessions fails here).
    const kept = (await Promise.all(Array.from({ length: 100 }, (_, i) => store.getSession(`telegram:rnd-${i}`)))).filter(Boolean).length;
    expect(kept).toBeGreaterThan(0);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(slow, 'messages that took more than 2 s').toBe(0);
  });

  it('a 100 KB answer is not echoed back whole, and the stored session stays small', async () => {
    const before = problems.length;
    const u = 'big-answer';
    for (const t of SCRIPT.slice(0, 2)) await send(u, t);
    const replies = await send(u, huge(rng(3)));
    expect(replies.map((x) => x.text).join('\n').length).toBeLessThan(MAX_REPLY);
    const rec = await store.getSession(`telegram:${u}`);
    expect(JSON.stringify(rec).length).toBeLessThan(10_000);
    expect(problems.slice(before)).toEqual([]);
  });
});
