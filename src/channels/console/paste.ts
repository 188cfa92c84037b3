/**
 * Lines that arrive together are one message: a paste of several lines reaches readline as one
 * burst of 'line' events, while a person typing presses Enter far less often than every
 * `quietMs`. `PasteJoiner` collects lines and hands them on as one message once input has been
 * quiet for `quietMs`.
 */

/** Default quiet time that ends a paste (ms): far below typing speed, far above a paste's burst. */
export const PASTE_QUIET_MS = 50;

/** Collects lines; calls `emit` with the joined message after `quietMs` without a new line. */
export class PasteJoiner {
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emit: (message: string) => void,
    private readonly quietMs: number = PASTE_QUIET_MS,
  ) {}

  /** One line from readline. */
  push(line: string): void {
    this.lines.push(line.replace(/\r$/, ''));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.quietMs);
  }

  /** Hand on what is collected now (input ended, or the quiet time passed). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = joinLines(this.lines);
    this.lines = [];
    if (text) this.emit(text);
  }
}

/** The lines as one message: blank lines at the ends dropped, inner ones kept. */
export function joinLines(lines: string[]): string {
  const out = [...lines];
  while (out.length && !out[0]!.trim()) out.shift();
  while (out.length && !out[out.length - 1]!.trim()) out.pop();
  return out.join('\n');
}

/** The marker that opens and closes a multi-line message in a `chat --script` file. */
export const SCRIPT_BLOCK = '"""';

/**
 * A script's messages: one a line, except that lines between two `"""` lines are one message
 * (a paste or a forwarded text). Blank lines outside a block are skipped.
 */
export function scriptMessages(lines: string[]): string[] {
  const out: string[] = [];
  let block: string[] | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === SCRIPT_BLOCK) {
      if (block) {
        const text = joinLines(block);
        if (text) out.push(text);
        block = undefined;
      } else block = [];
      continue;
    }
    if (block) block.push(line);
    else if (line.trim()) out.push(line);
  }
  if (block) {
    const text = joinLines(block);
    if (text) out.push(text);
  }
  return out;
}
