/**
 * Conversation cases as data (tests/conversations/*.yaml): alternating user and bot turns, each bot
 * turn listing key phrases that must (and `not` phrases that must not) appear in the replies.
 * `restart: true` closes the app and opens a new one over the same data (resume after restart);
 * `forwarded: true` sends the user turn as a forwarded message.
 * Every case runs through the core with the memory store and with the lowdb store.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as z from 'zod';
import { createApp, type App } from '../../src/app.js';
import type { Reply } from '../../src/messages/message.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.js';

const turn = z.union([
  z
    .object({
      user: z.union([z.string(), z.number()]).transform(String),
      /** Sent as a forwarded message (Telegram forward_origin, a WeChat chat record). */
      forwarded: z.boolean().optional(),
      bot: z.array(z.string()).default([]),
      not: z.array(z.string()).default([]),
    })
    .strict(),
  z.object({ restart: z.literal(true) }).strict(),
]);
const conversation = z.object({ name: z.string(), now: z.string(), turns: z.array(turn).min(1) }).strict();

const dir = path.dirname(new URL(import.meta.url).pathname);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** The replies as one text, choices included, as a user would see them. */
function show(replies: Reply[]): string {
  return replies.map((r) => [r.text, ...(r.choices ?? []).map((c) => c.label)].join('\n')).join('\n');
}

for (const kind of ['memory', 'lowdb'] as const) {
  describe(`conversations (${kind} store)`, () => {
    for (const file of files) {
      const conv = conversation.parse(parse(readFileSync(path.join(dir, file), 'utf8')));
      it(`${file}: ${conv.name}`, async () => {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-conv-'));
        const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: conv.now });
        const memory = new MemoryStore();
        const open = () => createApp(config, kind === 'memory' ? { store: memory } : {});
        let app: App = await open();
        const transcript: string[] = [];
        try {
          for (const [i, t] of conv.turns.entries()) {
            if ('restart' in t) {
              await app.close();
              app = await open();
              transcript.push('--- 重启 ---');
              continue;
            }
            const replies = await app.core.handle({ channel: 'console', userId: 'tester', chatId: 'tester', text: t.user, ...(t.forwarded ? { forwarded: true } : {}) });
            const text = show(replies);
            transcript.push(`用户: ${t.user}`, `助手: ${text}`);
            const where = `${file} turn ${i + 1} (${t.user})\n${transcript.slice(-6).join('\n')}`;
            for (const phrase of t.bot) expect(text, where).toContain(phrase);
            for (const phrase of t.not) expect(text, where).not.toContain(phrase);
          }
        } finally {
          await app.close();
        }
      });
    }
  });
}
