/**
 * The terminal chat: readline, Chinese, numbered choices. `startConsole` is the interactive form
 * (npm start with no channel configured): lines pasted together are one message. `runScript`
 * plays a script (one message a line, or a `"""` block) and returns the transcript.
 */
import readline from 'node:readline';
import type { App } from '../../app.js';
import type { InboundMessage, Reply } from '../../messages/message.js';
import { PASTE_QUIET_MS, PasteJoiner, scriptMessages } from './paste.js';
import { pickChoice, renderReply } from './render.js';

const USER = 'local';

function message(text: string): InboundMessage {
  return { channel: 'console', userId: USER, chatId: USER, text, kind: 'text' };
}

/** Speaker labels in the transcript; kept beside the bot's own texts. */
function labels(app: Pick<App, 'dialogs'>): { user: string; bot: string } {
  return app.dialogs.bot.transcript;
}

/** Play `lines` (one user message each) through the core; returns the transcript text. */
export async function runScript(app: App, lines: string[]): Promise<string> {
  const l = labels(app);
  const out: string[] = [];
  let last: Reply | undefined;
  for (const line of scriptMessages(lines)) {
    out.push(`${l.user}${line}`);
    const replies = await app.core.handle(message(pickChoice(line, last)));
    for (const r of replies) out.push(`${l.bot}${renderReply(r)}`);
    last = replies[replies.length - 1];
  }
  return out.join('\n') + '\n';
}

/** Interactive terminal chat until the input ends or Ctrl-C; resolves when closed. */
export async function startConsole(
  app: Pick<App, 'core' | 'dialogs'>,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  pasteMs: number = PASTE_QUIET_MS,
): Promise<{ stop(): Promise<void>; done: Promise<void> }> {
  const l = labels(app);
  const rl = readline.createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  let last: Reply | undefined;
  const show = (replies: Reply[]) => {
    for (const r of replies) output.write(`${l.bot}${renderReply(r)}\n`);
    if (replies.length) last = replies[replies.length - 1];
  };
  // Greet (or resume an unfinished interview) without waiting for the user.
  show(await app.core.handle(message(app.dialogs.bot.consoleOpening)));
  rl.setPrompt(l.user);
  rl.prompt();
  let chain = Promise.resolve();
  // A paste of several lines is one message: lines are collected until input is quiet.
  const joiner = new PasteJoiner((text) => {
    chain = chain.then(async () => {
      show(await app.core.handle(message(pickChoice(text, last))));
      rl.prompt();
    });
  }, pasteMs);
  const done = new Promise<void>((resolve) => {
    rl.on('close', () => {
      joiner.flush();
      resolve();
    });
  });
  rl.on('line', (line) => joiner.push(line));
  rl.on('SIGINT', () => rl.close());
  return {
    async stop() {
      rl.close();
      await chain;
    },
    done: done.then(() => chain),
  };
}
