/**
 * `chat`: the terminal chat. Interactive by default; `--script FILE|-` plays one user message a
 * line and prints the transcript, then exits 0. Script runs use a fresh in-memory store unless
 * `--persist` is given, so a script always starts from the welcome.
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../app.js';
import { runScript, startConsole } from '../channels/console/index.js';
import { loadConfig } from '../config.js';
import { MemoryStore } from '../store/memory.js';
import { readStdin, resolveNow, takeFlag, takeOption, UsageError } from './io.js';

/** Run the chat command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const now = resolveNow(args);
  const script = takeOption(args, '--script');
  const persist = takeFlag(args, '--persist');
  if (args.length) throw new UsageError(`未知参数：${args.join(' ')}（用法：chat [--script 文件|-] [--now YYYY-MM-DD] [--persist]）`);
  const config = loadConfig(process.env);
  if (script !== undefined) {
    let text: string;
    try {
      text = script === '-' ? await readStdin() : readFileSync(script, 'utf8');
    } catch (e) {
      throw new UsageError(`无法读取脚本文件：${script}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    }
    const app = await createApp(config, { now: () => now, store: persist ? undefined : new MemoryStore() });
    try {
      process.stdout.write(await runScript(app, text.split('\n')));
    } finally {
      await app.close();
    }
    return 0;
  }
  const app = await createApp(config, { now: () => now });
  const chat = await startConsole(app);
  const stop = () => void chat.stop();
  process.once('SIGTERM', stop);
  await chat.done;
  await app.close();
  return 0;
}
