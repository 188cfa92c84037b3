/**
 * Per-reminder switches set by staff in the web console: `<dataDir>/reminders-off.json` lists the
 * ids of automatic reminders (`2024-1.opening` …) that must not be sent. Absent file: all on.
 */
import path from 'node:path';
import { readJson, writeJsonAtomic } from './journal.js';

/** The switches of one data dir. */
export class ReminderSwitches {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'reminders-off.json');
  }

  /** Ids of reminders switched off (read fresh each time: the console may change it while the service runs). */
  off(): Set<string> {
    return new Set(readJson<{ off: string[] }>(this.file)?.off ?? []);
  }

  /** Switch one reminder on or off. */
  set(id: string, on: boolean): void {
    const off = this.off();
    if (on) off.delete(id);
    else off.add(id);
    writeJsonAtomic(this.file, { off: [...off].sort() });
  }
}
