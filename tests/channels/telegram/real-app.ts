/** The real app (memory store, fixed date) behind the Telegram channel, plus an interview driver. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app.js';
import { ENGINEER, type Answer } from '../engineer-answers.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { startTelegram, type TelegramChannel, type TelegramOptions } from '../../../src/channels/telegram/index.js';
import { startFakeTelegram, type FakeTelegram, type SentRecord } from '../../fakes/telegram-api.js';

/** The fixed "today" of these tests: inside the first 2024 window. */
export const NOW = '2024-04-20';

/** Fake server + real app + Telegram channel. */
export interface RealHarness {
  fake: FakeTelegram;
  app: App;
  channel: TelegramChannel;
  stop(): Promise<void>;
}

/** Start everything (short polls, quiet log). */
export async function startRealHarness(opts: TelegramOptions = {}): Promise<RealHarness> {
  const fake = await startFakeTelegram();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-tg-'));
  const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
  const app = await createApp(config, { store: new MemoryStore(), now: () => NOW });
  const channel = await startTelegram(app, { pollTimeoutSec: 1, log: () => undefined, ...opts });
  return {
    fake,
    app,
    channel,
    async stop() {
      await channel.stop();
      await app.close();
      await fake.close();
    },
  };
}

export { ENGINEER, type Answer };

const buttonsOf = (m: SentRecord) => ((m.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][]).flat();

/**
 * Run the interview for `userId` until a verdict (初步判断) arrives, answering by buttons when
 * `byButtons` (and the wanted button exists) else by typing. Returns how many buttons were pressed.
 */
export async function runInterview(fake: FakeTelegram, userId: number, answers: Answer[], byButtons: boolean): Promise<number> {
  let seen = fake.messagesTo(userId).length;
  let presses = 0;
  fake.userText({ userId, text: '/screen' });
  for (let turn = 0; turn < 40; turn++) {
    let next: { m: SentRecord; a: Answer } | 'done' | undefined;
    await fake.waitFor(() => {
      const fresh = fake.messagesTo(userId).slice(seen);
      if (fresh.some((m) => m.text?.includes('初步判断'))) {
        next = 'done';
        return true;
      }
      const last = fresh.at(-1);
      const a = last && answers.find((x) => x.ask.test(last.text ?? ''));
      if (last && a) next = { m: last, a };
      return next !== undefined;
    }, 15_000, `user ${userId}: next question after turn ${turn}`);
    if (next === 'done') return presses;
    const { m, a } = next!;
    seen = fake.messagesTo(userId).length;
    const button = byButtons ? buttonsOf(m).find((b) => b.text === (a.choice ?? a.answer)) : undefined;
    if (button) {
      presses++;
      fake.pressButton({ userId, messageId: m.message_id!, data: button.callback_data });
    } else fake.userText({ userId, text: a.answer });
  }
  throw new Error(`user ${userId}: no verdict after 40 turns`);
}
