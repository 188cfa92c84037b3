/** What every console page needs: the running app, accounts, sessions, the audit log, paths. */
import type { Hono } from 'hono';
import type { App } from '../app.js';
import type { AuditLog } from '../broadcast/audit.js';
import type { Accounts, Account } from './accounts.js';
import type { Sessions, Session } from './sessions.js';

/** Form fields of a POST (repeated names become arrays). */
export type Form = Record<string, string | string[]>;

/** Hono variables set by the console's middleware. */
export interface ConsoleEnv {
  Variables: { session: Session; account: Account; form: Form };
}

/** The console's Hono app type. */
export type ConsoleHono = Hono<ConsoleEnv>;

/** Where the console writes data a curator or clerk produces (the repository folders by default). */
export interface ConsolePaths {
  /** knowledge/ (curated entries go to curated.yaml there). */
  knowledgeDir: string;
  /** rules/ (new notices go to notices/ there). */
  rulesDir: string;
  /** JSON lines of questions marked out of scope (the scope classifier learns from them). */
  offTopicFile: string;
  /** JSON lines of curated phrasings for the evaluation (`npm run eval`). */
  evalFile: string;
}

/** Shared services of one console. */
export interface ConsoleContext {
  app: App;
  accounts: Accounts;
  sessions: Sessions;
  audit: AuditLog;
  paths: ConsolePaths;
  /** The instant (tests pin it). */
  clock: () => Date;
  /** Ask the broadcast service to deliver now (after an enqueue). */
  deliverNow: () => void;
  /** Re-read rules/ and knowledge/ into the running bot (after a curated entry or a notice is saved); throws DataError and changes nothing on bad data. */
  reloadData: () => void;
}

/** The audit `who` of a console user. */
export function who(name: string): string {
  return `console:${name}`;
}

/** One field of a form as a trimmed string. */
export function field(form: Form, name: string): string {
  const v = form[name];
  return (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
}

/** One field as a list (checkboxes). */
export function fields(form: Form, name: string): string[] {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
