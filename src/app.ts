/**
 * App wiring: config → policy, knowledge, dialogs, store → the bot core. Every channel (terminal,
 * Telegram, WeChat) and the broadcast tools start from `createApp`.
 */
import path from 'node:path';
import { createCore, type Core } from './bot/core.js';
import type { InboundMessage, Reply } from './messages/message.js';
import type { Config } from './config.js';
import { loadDialogs, type Dialogs } from './dialog/load.js';
import { evaluate, resolveSeries } from './eligibility/evaluate.js';
import { loadKnowledge, type Answer, type KnowledgeBase } from './knowledge/index.js';
import { generalIdf } from './text/jieba.js';
import { todayInShanghai } from './policy/dates.js';
import { loadPolicy, PROJECT_ROOT, readPolicy, type Policy } from './policy/load.js';
import { readOrThrow } from './policy/problems.js';
import { openLowdbStore } from './store/lowdb.js';
import type { Store, StoreMaintenance } from './store/port.js';

/** Extra routing tried before the core's own (e.g. staff broadcast commands). */
export type AppHandler = (message: InboundMessage, app: App) => Promise<Reply[] | undefined>;

/** Everything a channel or a tool needs, created once per process. */
export interface App {
  config: Config;
  policy: Policy;
  knowledge: KnowledgeBase;
  store: Store;
  core: Core;
  dialogs: Dialogs;
  /** Today (YYYY-MM-DD, Asia/Shanghai): `opts.now`, else `config.now`, else the real clock. */
  now(): string;
  /** True when `channel:userId` is listed in config.staff. */
  isStaff(message: Pick<InboundMessage, 'channel' | 'userId'>): boolean;
  /** Build what is built lazily (the knowledge index) now; rejects with a DataError on bad data. */
  warm(): Promise<void>;
  /**
   * Re-read rules/ and knowledge/ and rebuild the knowledge base and the core (after the console
   * saved a curated entry or a new notice). Throws DataError and keeps everything as it was when
   * the files do not validate. Channels keep working: `core` is a stable front for the new one.
   */
  reload(): void;
  /** Be told of every knowledge answer the bot gives (the console keeps the misses); returns an unsubscribe function. */
  onAnswer(listener: AnswerListener): () => void;
  /** Flush and close the store, stop timers. */
  close(): Promise<void>;
}

/** Told of each question the knowledge base answered (or could not: `answer.found` false). */
export type AnswerListener = (question: string, answer: Answer) => void;

/**
 * The knowledge base, built on first use: building the index (jieba, TF-IDF) is most of the
 * start-up time, and the terminal chat can greet before it is needed. `reload` swaps in a fresh
 * build; listeners see every answer (a wrapper, so the core's routing is untouched).
 */
function lazyKnowledge(initial: Policy, dir?: string): KnowledgeBase & { build(): KnowledgeBase; reload(policy: Policy): void; listeners: Set<AnswerListener> } {
  let kb: KnowledgeBase | undefined;
  let policy = initial;
  const listeners = new Set<AnswerListener>();
  const load = (p: Policy) => (dir ? loadKnowledge(p, dir) : loadKnowledge(p));
  const build = () => (kb ??= load(policy));
  return {
    build,
    listeners,
    // Built before it replaces the current one: a DataError leaves the bot as it was.
    reload: (p) => {
      kb = load(p);
      policy = p;
    },
    ask: (question, now) => {
      const a = build().ask(question, now);
      for (const l of listeners) {
        try {
          l(question, a);
        } catch {
          // A listener (the console's miss log) must never break an answer.
        }
      }
      return a;
    },
  };
}

/** Options for tests and tools. */
export interface AppOptions {
  /** Use this store instead of the lowdb store in config.dataDir. */
  store?: Store;
  now?: () => string;
  handlers?: AppHandler[];
  /** Wall clock for session expiry (tests). */
  clock?: () => Date;
  /** Read knowledge entries from this folder instead of the repository's knowledge/ (tests). */
  knowledgeDir?: string;
}

const HOUR_MS = 3_600_000;

/** Load data, open the store and build the core. Throws DataError / StoreError with Chinese messages. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const policy = config.rulesDir ? loadPolicy(path.resolve(config.rulesDir)) : loadPolicy();
  const dialogs = loadDialogs();
  const knowledge = lazyKnowledge(policy, opts.knowledgeDir);
  const store = opts.store ?? (await openLowdbStore(config.dataDir));
  const now = opts.now ?? (config.now ? () => config.now! : () => todayInShanghai());
  const clock = opts.clock ?? (() => new Date());

  // Personal data not touched for sessionTtlDays is deleted: at start and then hourly.
  const maintenance = store as Partial<StoreMaintenance>;
  const sweep = async () => {
    if (maintenance.deleteSessionsBefore) await maintenance.deleteSessionsBefore(new Date(clock().getTime() - config.sessionTtlDays * 86_400_000).toISOString());
  };
  await sweep();
  const timer = setInterval(() => void sweep().catch(() => undefined), HOUR_MS);
  timer.unref();

  const handlers: AppHandler[] = opts.handlers ?? [];
  const app: App = {
    config,
    policy,
    knowledge,
    store,
    dialogs,
    now,
    core: undefined as unknown as Core,
    isStaff: (m) => config.staff.has(`${m.channel}:${m.userId}`),
    async warm() {
      knowledge.build();
      // The scope decision's unknown-subject rule reads jieba's general IDF table on first use (~0.2 s): load it now, after the
      // greeting, not on an applicant's first question.
      generalIdf('职称');
    },
    reload() {
      const fresh = readOrThrow((problems) => readPolicy(config.rulesDir ? path.resolve(config.rulesDir) : path.join(PROJECT_ROOT, 'rules'), problems));
      knowledge.reload(fresh);
      app.policy = fresh;
      inner = buildCore(fresh);
    },
    onAnswer(listener) {
      knowledge.listeners.add(listener);
      return () => void knowledge.listeners.delete(listener);
    },
    async close() {
      clearInterval(timer);
      await store.close();
    },
  };
  const buildCore = (p: Policy) =>
    createCore({
      policy: p,
      dialogs,
      knowledge,
      store,
      now,
      clock,
      evaluate,
      resolveSeries,
      sessionTtlDays: config.sessionTtlDays,
      handlers: handlers.map((h) => (m: InboundMessage) => h(m, app)),
    });
  let inner = buildCore(policy);
  // Channels hold on to `app.core`; after a reload it forwards to the rebuilt core.
  app.core = { handle: (m) => inner.handle(m), busy: () => inner.busy() };
  return app;
}
