/**
 * The channel-neutral bot core: `handle(message) → replies` for every channel. Routes a message to
 * extra handlers (staff commands), commands, the interview or the knowledge base; keeps each
 * user's session in the store; handles one user's messages one at a time, in order.
 */
import { createAnswerer } from '../answer/index.js';
import { answerLines, currentPrompt, start, step, type DialogDeps, type PrefillAnswers } from '../dialog/engine.js';
import type { Dialogs } from '../dialog/load.js';
import { normalize } from '../dialog/parse.js';
import { answerCount, buildProfile, isDialogState, type DialogState } from '../dialog/state.js';
import { fill } from '../dialog/text.js';
import { followUpKind } from '../dialog/verdict-followup.js';
import { audienceOf } from '../eligibility/evaluate.js';
import { latestNotice, type Policy } from '../policy/load.js';
import type { Store, Subscriber } from '../store/port.js';
import { withoutSpeakers } from './speakers.js';
import { forwardable, withSources } from './format.js';
import { userKey, type BotCore, type InboundMessage, type Reply } from '../messages/message.js';
import type { EvaluateFn, KnowledgePort, ResolveSeriesFn } from '../dialog/ports.js';
import { KeyedQueue } from './serial.js';
import { choiceByNumber } from '../text/choice-number.js';

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
  /** The eligibility engine (src/eligibility/evaluate.ts in the app; a fake in tests). */
  evaluate: EvaluateFn;
  /** Series names and aliases → the canonical series (src/eligibility). */
  resolveSeries: ResolveSeriesFn;
  /** Sessions not touched for this many days are treated as gone. */
  sessionTtlDays?: number;
  handlers?: MessageHandler[];
}

/** What the core keeps per user. */
interface SessionData {
  dialog?: DialogState;
  /** Values of the choices last offered outside the interview, so "1" picks the first. */
  pending?: string[];
  /** 删除我的数据 was asked: the next message confirms or cancels it. */
  confirmForget?: boolean;
  /** Interview answers from the situation the user last described (the self-test starts with them). */
  prefill?: PrefillAnswers;
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
  const { evaluate, resolveSeries } = deps;
  const office = latestNotice(deps.policy).office.name;
  const answerer = createAnswerer({ policy: deps.policy, knowledge: deps.knowledge, evaluate });
  const st = answerer.texts;

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

  function answerQuestion(text: string, s?: SessionData): Reply[] {
    const a = answerer.answer(text, deps.now());
    if (a.situation) {
      // The facts stay in the session so that "自测" asks only what is left.
      if (s) s.prefill = a.prefill;
      return [{ text: `${withSources(a, d)}\n${st.offer}` }];
    }
    if (a.found) return [{ text: withSources(a, d) }];
    return [menuReply(a.answer?.trim() ? `${a.answer}` : fill(t.notFound, { office }))];
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
    const prefill = typeof data.prefill === 'object' && data.prefill !== null && !Array.isArray(data.prefill) ? data.prefill : undefined;
    return { dialog: isDialogState(data.dialog) ? data.dialog : undefined, pending: Array.isArray(data.pending) ? data.pending : undefined, confirmForget: data.confirmForget === true || undefined, prefill };
  }

  async function saveSession(key: string, s: SessionData): Promise<void> {
    const data: SessionData = {};
    if (s.dialog) data.dialog = s.dialog;
    if (s.pending?.length) data.pending = s.pending;
    if (s.confirmForget) data.confirmForget = true;
    if (s.prefill && Object.keys(s.prefill).length) data.prefill = s.prefill;
    if (!data.dialog && !data.pending && !data.confirmForget && !data.prefill) await deps.store.deleteSession(key);
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
    if (s.prefill && Object.keys(s.prefill).length) lines.push(fill(st.myDataFacts, { items: Object.values(s.prefill).map((a) => a.shown).join(st.missingJoin) }));
    const sub = await deps.store.getSubscriber(userKey(msg));
    if (sub) lines.push(fill(t.myDataSubscription, { audience: audienceNames(sub.audiences), since: sub.since.slice(0, 10) }));
    if (!lines.length) return [{ text: t.myDataNone }];
    return [{ text: [t.myDataHeader, ...lines, fill(t.myDataFooter, { days: deps.sessionTtlDays ?? '' })].join('\n') }];
  }

  const dialogActive = (s: SessionData) => s.dialog !== undefined && !s.dialog.paused && s.dialog.phase !== 'done' && s.dialog.phase !== 'stopped';
  const dialogPaused = (s: SessionData) => s.dialog?.paused === true;

  /** Take up a paused (or running) interview where it stopped. */
  function resume(s: SessionData): Reply[] {
    delete s.dialog!.paused;
    return currentPrompt(s.dialog!, dialogDeps(), d.interview.resume + '\n');
  }

  /** 删除我的数据: ask first (nothing stored: say so). */
  async function askForget(msg: InboundMessage, s: SessionData): Promise<Reply[]> {
    const sub = await deps.store.getSubscriber(userKey(msg));
    if (!s.dialog && !s.prefill && !sub) return [{ text: t.forgetNothing }];
    s.confirmForget = true;
    return [{ text: t.forgetConfirm, choices: [{ label: t.forgetYesLabel, value: t.forgetYesLabel }, { label: t.forgetNoLabel, value: t.forgetNoLabel }] }];
  }

  async function privateTurn(msg: InboundMessage, text: string, s: SessionData): Promise<Reply[]> {
    const key = userKey(msg);
    if (s.confirmForget) {
      s.confirmForget = undefined;
      if (t.forgetYes.includes(text.toLowerCase())) {
        await deps.store.deleteSubscriber(key);
        s.dialog = undefined;
        s.prefill = undefined;
        s.pending = undefined;
        return [{ text: t.forgotten }];
      }
      // Anything else keeps the data; a message that is not a plain "no" is then handled as usual.
      const plainNo = [t.forgetNoLabel, ...t.declineWords, ...d.interview.words.no, ...d.interview.commands.quit].includes(text);
      if (plainNo) return [{ text: t.forgetCancelled }, ...(dialogActive(s) ? currentPrompt(s.dialog!, dialogDeps(), d.interview.texts.resumeAfterQuestion) : [])];
      return [{ text: t.forgetCancelled }, ...(await privateTurn(msg, text, s))];
    }
    const iv = d.interview.commands;
    const interviewCommand = [...iv.back, ...iv.restart, ...iv.quit, ...iv.help, ...iv.answers].includes(text) || (s.dialog?.phase === 'done' && iv.edit.includes(text));
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
          if (dialogPaused(s)) return [menuReply(`${t.welcome}\n${fill(t.pausedHint, { count: answerCount(s.dialog!) })}`)];
          return [menuReply(t.welcome)];
        case 'resume':
          if (dialogActive(s) || dialogPaused(s)) return resume(s);
          return [{ text: t.nothingToResume }];
        case 'help':
          s.pending = t.menuChoices.map((c) => c.value);
          return [menuReply(`${t.help}\n${t.helpChannel[msg.channel]}`)];
        case 'ask':
          return [{ text: t.askPrompt }];
        case 'screen': {
          if (dialogActive(s) || dialogPaused(s)) return resume(s);
          const prefill = s.prefill;
          s.prefill = undefined;
          const r = start(dialogDeps(), prefill);
          s.dialog = r.state;
          const known = prefill ? Object.keys(prefill).filter((id) => id in r.state.answers).map((id) => prefill[id]!.shown) : [];
          if (known.length) r.replies[0] = { ...r.replies[0]!, text: `${r.replies[0]!.text}\n${fill(st.prefilled, { items: known.join(st.missingJoin) })}` };
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
          return askForget(msg, s);
      }
    }
    // After a verdict, "理由"/"材料" ask the engine for the rest of it.
    if (s.dialog && (dialogActive(s) || interviewCommand || followUpKind(text, d))) {
      const r = step(s.dialog, text, dialogDeps());
      if (!r.passThrough) {
        // 退出 pauses (the answers are kept); a quit with nothing answered leaves nothing behind.
        s.dialog = r.ended === 'quit' && !r.state.paused ? undefined : r.state;
        return r.replies;
      }
    }
    // A number picks from the choices last offered outside the interview (the menu).
    const value = choiceByNumber(text, s.pending);
    if (value !== undefined) {
      s.pending = undefined;
      return privateTurn(msg, value, s);
    }
    s.pending = undefined;
    if (t.declineWords.includes(text)) return [{ text: t.declined }];
    if (t.greetings.some((g) => text.toLowerCase() === g.toLowerCase() || text.toLowerCase().startsWith(g.toLowerCase()) && text.length <= g.length + 4)) {
      s.pending = t.menuChoices.map((c) => c.value);
      return [menuReply(t.welcome)];
    }
    const replies = answerQuestion(text, s);
    if (replies[0]?.choices) s.pending = t.menuChoices.map((c) => c.value);
    return replies;
  }

  async function groupTurn(text: string): Promise<Reply[]> {
    const cc = coreCommand(text);
    if (cc && ['screen', 'mydata', 'forget', 'subscribe', 'unsubscribe'].includes(cc.cmd)) return [{ text: t.groupInvite }];
    if (cc || t.greetings.includes(text)) return [{ text: `${t.welcome}\n${t.groupInvite}` }];
    const a = answerer.answer(text, deps.now());
    if (a.situation) return [{ text: `${withSources(a, d)}\n${st.groupOffer}` }];
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
    const text = normalize((msg.text ?? '').slice(0, MAX_INPUT)).replace(/^@\S+\s+/, '');
    if (!text) return msg.isGroup ? [] : [menuReply(t.welcome)];
    if (msg.isGroup) return groupTurn(text);
    if (msg.forwarded) {
      const a = answerer.answer(withoutSpeakers(text), deps.now());
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
