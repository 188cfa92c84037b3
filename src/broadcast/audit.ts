/**
 * The staff audit log: `<dataDir>/audit.jsonl`, one line per staff action (who, when, what, how
 * many). Never recipients' ids or chats: only counts.
 */
import path from 'node:path';
import { Journal } from './journal.js';

/** One audited action. */
export interface AuditEntry {
  at: string;
  /** `channel:userId` of the staff member, `cli:<os user>`, or `system` (automatic reminders). */
  who: string;
  /** Chat/CLI broadcast actions, or a web console action (`console.login`, `console.bind` …, docs/console.md). */
  action: 'preview' | 'send-request' | 'send' | 'cancel' | 'status' | 'reminder' | `console.${string}`;
  broadcast?: string;
  /** Recipients concerned (a count, never a list). */
  count?: number;
  /** The broadcast text, shortened: it is a public notice written by staff. */
  text?: string;
  /** What the console action concerned (an account name, a notice id, an entry id …); never an applicant's data. */
  target?: string;
}

/** Appends audit entries. */
export class AuditLog {
  private readonly journal: Journal;

  constructor(dataDir: string) {
    this.journal = new Journal(path.join(dataDir, 'audit.jsonl'));
  }

  /** Append one entry. */
  write(e: Omit<AuditEntry, 'at'>, now: Date = new Date()): void {
    const entry: AuditEntry = { at: now.toISOString(), ...e };
    if (entry.text && entry.text.length > 200) entry.text = entry.text.slice(0, 200) + '…';
    this.journal.append(entry);
  }

  /**
   * Append one entry when possible (looking is not stopped by a full disk): on failure a warning
   * goes to stderr and false is returned.
   */
  note(e: Omit<AuditEntry, 'at'>, now: Date = new Date()): boolean {
    try {
      this.write(e, now);
      return true;
    } catch (err) {
      process.stderr.write(`警告：无法写入审计记录 ${this.journal.file}（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}），本次操作未记入。\n`);
      return false;
    }
  }

  /** Every entry so far (for tests and `status`). */
  read(): AuditEntry[] {
    return this.journal.read<AuditEntry>(0, false).entries;
  }
}
