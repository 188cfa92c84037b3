/**
 * Burst benchmark for the Telegram channel (a script, not a test): N users (default 200) all write
 * at once through the fake Bot API server to the real app (lowdb store in a temp dir, today fixed at
 * 2024-04-20). Checks that every user gets every reply, in order, exactly once (compared with a
 * reference run of one user), and prints the elapsed time. No pacing of our own: flood limits are
 * left to Telegram's 429 and grammY's auto-retry, so the figure is the bot's own throughput;
 * `--flood N` makes the fake server answer N of the replies with 429 (retry_after 0.05 s) to show
 * that auto-retry loses and reorders nothing.
 *
 * Usage: npx tsx scripts/bench-telegram.ts [--users 200] [--flood 0]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startTelegram } from '../src/channels/telegram/index.js';
import { startFakeTelegram } from '../tests/fakes/telegram-api.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const users = Number(arg('users', '200'));
const flood = Number(arg('flood', '0'));
/** Each user's messages: a greeting, then the first steps of the interview (typed). */
const script = ['你好', '资格自测', '工程技术', '水利水电工程', '本科'];

async function burst(): Promise<boolean> {
  const fake = await startFakeTelegram();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zc-bench-tg-'));
  const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: '2024-04-20', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }));
  const channel = await startTelegram(app, { pollTimeoutSec: 1, log: () => undefined });
  const texts = (chat: number) => fake.messagesTo(chat).map((m) => m.text);
  try {
    // Reference: one user alone, one message at a time.
    const ref = 1;
    for (const text of script) {
      const before = fake.messagesTo(ref).length;
      fake.userText({ userId: ref, firstName: '测试', text });
      await fake.waitFor(() => fake.messagesTo(ref).length > before, 10_000, 'reference reply');
      await new Promise((r) => setTimeout(r, 500)); // a message may have more than one reply
    }
    const reference = texts(ref);
    const sentBefore = fake.sent.length;

    const ids = Array.from({ length: users }, (_, i) => 10_000 + i);
    if (flood > 0) fake.inject429(flood, 0.05);
    const t0 = performance.now();
    for (const text of script) for (const u of ids) fake.userText({ userId: u, firstName: '测试', text });
    await fake.waitFor(() => ids.every((u) => fake.messagesTo(u).length >= reference.length), 600_000, 'every reply');
    const elapsed = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would show up now
    const wrong = ids.filter((u) => JSON.stringify(texts(u)) !== JSON.stringify(reference));
    const calls = fake.sent.length - sentBefore;
    const firstReply = Math.min(...ids.map((u) => fake.messagesTo(u)[0]!.at));
    console.log(
      `${flood ? `${flood} × 429 injected` : 'no 429'}: ${users} users × ${script.length} messages → ${users * reference.length} replies ` +
        `(${calls} API calls incl. keyboard edits) in ${(elapsed / 1000).toFixed(2)} s ` +
        `(${(calls / (elapsed / 1000)).toFixed(0)} calls/s; first reply after ${(firstReply - (performance.timeOrigin + t0)).toFixed(0)} ms); ` +
        (wrong.length ? `${wrong.length} users got wrong/missing/duplicated replies` : 'every user got every reply, in order, once'),
    );
    return wrong.length === 0;
  } finally {
    await channel.stop();
    await app.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`command: npx tsx scripts/bench-telegram.ts --users ${users} --flood ${flood}  (node ${process.version}, ${os.cpus().length} CPUs)`);
process.exit((await burst()) ? 0 : 1);
