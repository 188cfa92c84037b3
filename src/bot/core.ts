/**
 * The channel-neutral bot core: `handle(message) → replies` for every channel. Routes a message to
 * extra handlers (staff commands), commands, the interview or the knowledge base; keeps each
 * user's session in the store; handles one user's messages one at a time, in order.
 */
import { answerLines, currentPrompt, start, step, type DialogDeps } from '../dialog/engine.js';
import type { Dialogs } from '../dialog/load.js';
import { normalise } from '../dialog/parse.js';
import { buildProfile, isDialogState, type DialogState } from '../dialog/state.js';
import { fill } from '../dialog/text.js';
import { audienceOf, evaluate as realEvaluate, resolveSeries as realResolveSeries } from '../eligibility/evaluate.js';
import { latestNotice, type Policy } from '../policy/load.js';
import type { Store, Subscriber } from '../store/port.js';
import { forwardable, withSources } from './format.js';
import { userKey, type BotCore, type InboundMessage, type Reply } from './message.js';
import type { EvaluateFn, KnowledgePort, ResolveSeriesFn } from './ports.js';
import { KeyedQueue } from './serial.js';

/** A handler tried before the default routing; `undefined` means "not mine". */
export type MessageHandler = (message: InboundMessage) => Promise<Reply[] | undefined>;

/** What the core needs. */
export interface CoreDeps {
  policy: Policy;
  dialogs: Dialogs;
  knowledge: KnowledgePort;
  store: Store;
  /** Today (YYYY-MM-DD, Asia/Shanghai). */
  now: () => string;
  /** Wall clock for session timestamps (expiry); defaults to the real clock. */
  clock?: () => Date;
  evaluate?: EvaluateFn;
  resolveSeries?: ResolveSeriesFn;
  /** Sessions not touched for this many days are treated as gone. */
  sessionTtlDays?: number;
  handlers?: MessageHandler[];
}

/** What the core keeps per user. */
interface SessionData {
  dialog?: DialogState;
  /** Values of the choices last offered outside the interview, so "1" picks the first. */
  pending?: string[];
}

type CoreCommand = keyof Dialogs['bot']['commands'];

/** The core, plus the per-user queue size (for diagnostics). */
export interface Core extends BotCore {
  /** Users with a message in progress. */
  busy(): number;
}

const DAY_MS = 86_400_000;
/** Longest message text the core reads (characters); the rest is ignored. */
export const MAX_INPUT = 2_000;

/** Create the bot core. */
export function createCore(deps: CoreDeps): Core {
  const queue = new KeyedQueue();
  const clock = deps.clock ?? (() => new Date());
  const d = deps.dialogs;
  const t = d.bot;
  const evaluate = deps.evaluate ?? realEvaluate;
  const resolveSeries = deps.resolveSeries ?? realResolveSeries;
  const office = latestNotice(deps.policy).office.name;

  const dialogDeps = (): DialogDeps => ({ policy: deps.policy, dialogs: d, now: deps.now(), evaluate, resolveSeries, knowledge: deps.knowledge });

  // Exact command words, looked up once per message instead of scanning every word list.
  const exact = new Map<string, CoreCommand>();
  for (const [cmd, words] of Object.entries(t.commands) as [CoreCommand, string[]][]) for (const w of words) if (!exact.has(w.toLowerCase())) exact.set(w.toLowerCase(), cmd);

  function coreCommand(text: string): { cmd: CoreCommand; rest: string } | undefined {
    const lower = text.toLowerCase();
    const hit = exact.get(lower);
    if (hit) return { cmd: hit, rest: '' };
    // Only a command word followed by an argument, or /cmd@bot, can still match.
    if (!text.includes(' ') && !text.startsWith('/')) return undefined;
    for (const [cmd, words] of Object.entries(t.commands) as [CoreCommand, string[]][]) {
      for (const w of words) {
        if (lower === w.toLowerCase()) return { cmd, rest: '' };
        // Slash commands may carry an argument (/start payload, /subscribe 教育).
        if (w.startsWith('/') && lower.startsWith(w.toLowerCase() + ' ')) return { cmd, rest: text.slice(w.length).trim() };
        if (cmd === 'subscribe' && !w.startsWith('/') && text.startsWith(w + ' ')) return { cmd, rest: text.slice(w.length).trim() };
      }
    }
    // "/start@MyBot" in groups.
    const m = /^(\/[a-z]+)@\S+(?:\s+(.*))?$/i.exec(text);
    if (m) {
      const hit = coreCommand(m[1]!);
      if (hit) return { cmd: hit.cmd, rest: m[2] ?? '' };
    }
    return undefined;
  }

  const menuReply = (text: string): Reply => ({ text, choices: t.menuChoices });

  function answerQuestion(text: string): Reply[] {
    const a = deps.knowledge.ask(text, deps.now());
    if (a.found) return [{ text: withSources(a, d) }];
    return [menuReply(a.answer && a.answer.trim() ? `${a.answer}` : fill(t.notFound, { office }))];
  }

  async function loadSession(key: string): Promise<SessionData> {
    const rec = await deps.store.getSession(key);
    if (!rec) return {};
    const ttl = deps.sessionTtlDays;
    if (ttl && clock().getTime() - Date.parse(rec.updatedAt) > ttl * DAY_MS) {
      await deps.store.deleteSession(key);
      return {};
    }
    const data = (rec.data ?? {}) as SessionData;
    return { dialog: isDialogState(data.dialog) ? data.dialog : undefined, pending: Array.isArray(data.pending) ? data.pending : undefined };
  }

  async function saveSession(key: string, s: SessionData): Promise<void> {
    const data: SessionData = {};
    if (s.dialog) data.dialog = s.dialog;
    if (s.pending?.length) data.pending = s.pending;
    if (!data.dialog && !data.pending) await deps.store.deleteSession(key);
    else await deps.store.putSession({ key, updatedAt: clock().toISOString(), data });
  }

  function audienceNames(aud: string[]): string {
    return aud.map((a) => t.audienceNames[a as 'general' | 'education'] ?? a).join(d.interview.texts.listJoin);
  }

  async function subscribe(msg: InboundMessage, s: SessionData, rest: string): Promise<Reply[]> {
    const key = userKey(msg);
    const answers = s.dialog?.answers ?? {};
    const fromProfile = audienceOf(deps.policy, answers.series as string | undefined, answers.employerKind as string | undefined);
    const wantsEducation = rest.includes(t.audienceNames.education.slice(0, 2));
    const audiences = [wantsEducation ? 'education' : fromProfile];
    const existing = await deps.store.getSubscriber(key);
    if (existing && !existing.blocked && existing.audiences.join() === audiences.join() && (s.dialog?.phase !== 'done' || existing.selfTest)) return [{ text: fill(t.alreadySubscribed, { audience: audienceNames(existing.audiences) }) }];
    const sub: Subscriber = { key, channel: msg.channel, chatId: msg.chatId, audiences, since: existing?.since ?? clock().toISOString() };
    // Right after a verdict, the offer said subscribing lets staff write by series and batch (consent).
    if (s.dialog?.phase === 'done') {
      const verdict = evaluate(buildProfile(d.interview, s.dialog, deps.policy), deps.policy, deps.now());
      sub.selfTest = { series: typeof answers.series === 'string' ? answers.series : undefined, batch: verdict.batch ?? undefined, consent: true };
    } else if (existing?.selfTest) sub.selfTest = existing.selfTest;
    await deps.store.putSubscriber(sub);
    return [{ text: fill(t.subscribed, { audience: audienceNames(audiences) }) }];
  }

  async function myData(msg: InboundMessage, s: SessionData): Promise<Reply[]> {
    const lines: string[] = [];
    const answers = s.dialog ? answerLines(s.dialog, dialogDeps()) : [];
    if (answers.length) lines.push(t.myDataInterview, ...answers);
    const sub = await deps.store.getSubscriber(userKey(msg));
    if (sub) lines.push(fill(t.myDataSubscription, { audience: audienceNames(sub.audiences), since: sub.since.slice(0, 10) }));
    if (!lines.length) return [{ text: t.myDataNone }];
    return [{ text: [t.myDataHeader, ...lines, fill(t.myDataFooter, { days: deps.sessionTtlDays ?? '' })].join('\n') }];
  }

  const dialogActive = (s: SessionData) => s.dialog !== undefined && s.dialog.phase !== 'done' && s.dialog.phase !== 'stopped';

  async function privateTurn(msg: InboundMessage, text: string, s: SessionData): Promise<Reply[]> {
    const key = userKey(msg);
    const iv = d.interview.commands;
    const interviewCommand = [...iv.back, ...iv.restart, ...iv.quit, ...iv.help, ...iv.answers].includes(text);
    // Inside the interview its own commands win (帮助 explains the current question).
    const cc = dialogActive(s) && interviewCommand ? undefined : coreCommand(text);
    if (cc) {
      s.pending = undefined;
      switch (cc.cmd) {
        case 'menu':
          s.pending = t.menuChoices.map((c) => c.value);
          return [menuReply(t.menu)];
        case 'start':
          if (dialogActive(s)) return currentPrompt(s.dialog!, dialogDeps(), d.interview.resume + '\n');
          s.pending = t.menuChoices.map((c) => c.value);
          return [menuReply(t.welcome)];
        case 'help':
          s.pending = t.menuChoices.map((c) => c.value);
          return [menuReply(t.help)];
        case 'ask':
          return [{ text: t.askPrompt }];
        case 'screen': {
          if (dialogActive(s)) return currentPrompt(s.dialog!, dialogDeps(), d.interview.resume + '\n');
          const r = start(dialogDeps());
          s.dialog = r.state;
          return r.replies;
        }
        case 'subscribe':
          return subscribe(msg, s, cc.rest);
        case 'unsubscribe': {
          const had = await deps.store.getSubscriber(key);
          if (!had) return [{ text: t.notSubscribed }];
          await deps.store.deleteSubscriber(key);
          return [{ text: t.unsubscribed }];
        }
        case 'mydata':
          return myData(msg, s);
        case 'forget':
          await deps.store.deleteSubscriber(key);
          s.dialog = undefined;
          return [{ text: t.forgotten }];
      }
    }
    if (s.dialog && (dialogActive(s) || interviewCommand)) {
      const r = step(s.dialog, text, dialogDeps());
      if (!r.passThrough) {
        s.dialog = r.ended === 'quit' ? undefined : r.state;
        return r.replies;
      }
    }
    // A number picks from the choices last offered outside the interview (the menu).
    const n = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    if (n && s.pending && n <= s.pending.length) {
      const value = s.pending[n - 1]!;
      s.pending = undefined;
      return privateTurn(msg, value, s);
    }
    s.pending = undefined;
    if (t.declineWords.includes(text)) return [{ text: t.declined }];
    if (t.greetings.some((g) => text.toLowerCase() === g.toLowerCase() || text.toLowerCase().startsWith(g.toLowerCase()) && text.length <= g.length + 4)) {
      s.pending = t.menuChoices.map((c) => c.value);
      return [menuReply(t.welcome)];
    }
    const replies = answerQuestion(text);
    if (replies[0]?.choices) s.pending = t.menuChoices.map((c) => c.value);
    return replies;
  }

  async function groupTurn(text: string): Promise<Reply[]> {
    const cc = coreCommand(text);
    if (cc && ['screen', 'mydata', 'forget', 'subscribe', 'unsubscribe'].includes(cc.cmd)) return [{ text: t.groupInvite }];
    if (cc || t.greetings.includes(text)) return [{ text: `${t.welcome}\n${t.groupInvite}` }];
    const a = deps.knowledge.ask(text, deps.now());
    if (a.found) return [{ text: `${withSources(a, d)}\n${t.groupHint}` }];
    return [{ text: `${fill(t.notFound, { office })}\n${t.groupHint}` }];
  }

  async function turn(msg: InboundMessage): Promise<Reply[]> {
    for (const h of deps.handlers ?? []) {
      const r = await h(msg);
      if (r) return r;
    }
    if (msg.isGroup && !msg.mentioned) return [];
    if (msg.kind && msg.kind !== 'text') {
      const k = msg.kind as keyof typeof t.nonText;
      return [{ text: t.nonText[k] ?? t.nonText.other }];
    }
    // Only the first MAX_INPUT characters are read: no real answer or question is longer, and a
    // 100 KB message would otherwise hold the event loop for ~200 ms (segmentation, retrieval).
    const text = normalise((msg.text ?? '').slice(0, MAX_INPUT)).replace(/^@\S+\s+/, '');
    if (!text) return msg.isGroup ? [] : [menuReply(t.welcome)];
    if (msg.isGroup) return groupTurn(text);
    if (msg.forwarded) {
      const a = deps.knowledge.ask(text, deps.now());
      return [{ text: a.found ? forwardable(text, a, d) : fill(t.notFound, { office }) }];
    }
    const key = userKey(msg);
    const s = await loadSession(key);
    const replies = await privateTurn(msg, text, s);
    await saveSession(key, s);
    return replies;
  }

  return {
    handle(msg) {
      return queue.run(userKey(msg), async () => {
        try {
          return await turn(msg);
        } catch (e) {
          // Never log the message text (personal answers); the error kind is enough to debug.
          process.stderr.write(`处理消息出错（${msg.channel}）：${(e as Error).name}: ${(e as Error).message}\n`);
          return [{ text: t.error }];
        }
      });
    },
    busy: () => queue.size,
  };
}
