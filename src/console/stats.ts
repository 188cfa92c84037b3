/**
 * Aggregate counts for the overview: questions asked and missed per day (Asia/Shanghai), in
 * `<dataDir>/console/stats.json`. Counts only — never a question, a person or an answer.
 */
import { localDayHour } from '../broadcast/schedule.js';
import { consoleFile, readConsoleJson, writeConsoleJson } from './files.js';

type Days = Record<string, { asked: number; missed: number }>;

/** Daily question counts, written at most every few seconds. */
export class Stats {
  private readonly file: string;
  private days: Days;
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  constructor(dataDir: string, private readonly clock: () => Date = () => new Date()) {
    this.file = consoleFile(dataDir, 'stats.json');
    this.days = readConsoleJson<Days>(this.file, {});
    this.timer = setInterval(() => this.flush(), 5_000);
    this.timer.unref();
  }

  /** Count one answered (or missed) question. */
  count(found: boolean): void {
    const day = localDayHour(this.clock()).day;
    const d = this.days[day] ?? { asked: 0, missed: 0 };
    this.days[day] = d;
    d.asked++;
    if (!found) d.missed++;
    this.dirty = true;
  }

  /** Sums over the last `n` days including today. */
  lastDays(n: number): { asked: number; missed: number } {
    const since = localDayHour(this.clock().getTime() - (n - 1) * 86_400_000).day;
    let asked = 0;
    let missed = 0;
    for (const [day, d] of Object.entries(this.days)) {
      if (day < since) continue;
      asked += d.asked;
      missed += d.missed;
    }
    return { asked, missed };
  }

  /** Write pending counts. */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    // A year of days is plenty for "this week".
    const keep = Object.keys(this.days).sort().slice(-400);
    this.days = Object.fromEntries(keep.map((k) => [k, this.days[k]!]));
    writeConsoleJson(this.file, this.days);
  }

  /** Stop the timer and write. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
