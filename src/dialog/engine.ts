/**
 * The interview engine: `step(state, input, deps) → { state, replies }`. Pure: the clock, the
 * policy, the texts and the other engines come in `deps`; no I/O.
 */
import type { Choice, Reply } from '../messages/message.js';
import type { EvaluateFn, KnowledgePort, ResolveSeriesFn } from './ports.js';
import type { Profile } from '../eligibility/profile.js';
import type { Verdict } from '../eligibility/verdict.js';
import { checkIdNumber } from '../eligibility/id-number.js';
import { latestNotice, type Policy } from '../policy/load.js';
import { applyInferences, dropInferencesFrom } from './infer.js';
import type { Dialogs } from './load.js';
import { countNextTo, dateProblem, isUnknownAnswer, matchChoice, normalize, parseCount, parseDate, parseMonthOf, parseYearOnly, parseYesNo, showDate, type ChoiceOption, type ParsedDate } from './parse.js';
import type { Step } from './schema.js';
import { answerCount, answered, applicableSteps, buildProfile, newState, nextStep, requiredCertificate, setAnswer, setUnknown, type AnswerValue, type DialogState } from './state.js';
import { fill, joinSources } from './text.js';
import { judgeAnswers } from './unknowns.js';
import { followUp, judgedMark } from './verdict-followup.js';
import { seriesFromWords } from '../understand/extract.js';

/** What the engine needs; all of it is data or pure functions. */
export interface DialogDeps {
  policy: Policy;
  dialogs: Dialogs;
  /** Today, YYYY-MM-DD (Asia/Shanghai). */
  now: string;
  evaluate: EvaluateFn;
  resolveSeries: ResolveSeriesFn;
  knowledge?: KnowledgePort;
}

/** The outcome of one turn. `ended` tells the core the interview is over (and why). */
export interface StepResult {
  state: DialogState;
  replies: Reply[];
  ended?: 'quit' | 'verdict' | 'stopped';
  verdict?: Verdict;
  profile?: Profile;
  /** The engine did not use the input (interview finished): the core should route it elsewhere. */
  passThrough?: boolean;
}

type Command = 'back' | 'restart' | 'quit' | 'help' | 'answers';

function command(text: string, d: Dialogs): Command | undefined {
  const c = d.interview.commands;
  for (const k of ['back', 'restart', 'quit', 'help', 'answers'] as const) if (c[k].includes(text)) return k;
  return undefined;
}

function office(policy: Policy): string {
  return latestNotice(policy).office.name;
}

function stepById(d: Dialogs, id: string | undefined): Step | undefined {
  return d.interview.steps.find((s) => s.id === id);
}

function options(step: Step): ChoiceOption[] {
  return (step.choices ?? []).map((c) => ({ value: c.value, label: c.label ?? c.value, aliases: c.aliases ?? [] }));
}

/** Values for `{placeholders}` in prompts: earlier answers as shown, and the certificate needed. */
function vars(st: DialogState, deps: DialogDeps): Record<string, string | undefined> {
  return { ...st.shown, certificate: requiredCertificate(deps.policy, st.answers.series, st.answers.specialty), office: office(deps.policy) };
}

/** The question for `step`, with its choices, the example line and the previous answer if any. */
function question(step: Step, st: DialogState, deps: DialogDeps, prefix = ''): Reply {
  const t = deps.dialogs.interview.texts;
  if (step.type === 'date' && st.pendingYear !== undefined && st.current === step.id) return { text: prefix + fill(t.askMonth, { year: st.pendingYear }) };
  const lines = [prefix + fill(step.prompt, vars(st, deps))];
  if (step.type === 'date' || step.type === 'number' || step.type === 'text') lines.push(fill(t.example, { examples: step.examples.join(t.listJoin) }));
  if (answered(st, step.id)) lines.push(fill(t.currentAnswer, { answer: st.shown[step.id] ?? t.unset }));
  let choices: Choice[] | undefined;
  if (step.choices) choices = options(step).map((o) => ({ label: o.label, value: o.label }));
  if (step.type === 'yesno') {
    const [yes, no] = step.buttons ? [step.buttons.yes, step.buttons.no] : [t.yes, t.no];
    choices = [{ label: yes, value: yes }, { label: no, value: no }];
  }
  return choices ? { text: lines.join('\n'), choices } : { text: lines.join('\n') };
}

/** Re-render what the user is being asked now (after a restart of the process, a side question…). */
export function currentPrompt(st: DialogState, deps: DialogDeps, prefix = ''): Reply[] {
  const t = deps.dialogs.interview.texts;
  if (st.phase === 'asking') {
    const step = stepById(deps.dialogs, st.current) ?? nextStep(deps.dialogs.interview, st, deps.policy);
    if (step) return [question(step, st, deps, prefix)];
    return summary(st, deps, prefix);
  }
  if (st.phase === 'confirm') return summary(st, deps, prefix);
  if (st.phase === 'pickEdit') return [pickEditReply(st, deps, prefix)];
  if (st.phase === 'idNumber') return [{ text: prefix + t.idPrompt, choices: [{ label: deps.dialogs.interview.commands.skip[0]!, value: deps.dialogs.interview.commands.skip[0]! }] }];
  return [{ text: prefix + t.finished }];
}

/** Answers known before the interview starts (step id → value and the text shown back). */
export type PrefillAnswers = Record<string, { value: AnswerValue; shown: string }>;

/**
 * Start a new interview: the intro and the first question. With `prefill` (facts the user already
 * gave in free text), those steps are answered and the first question is the first one left.
 */
export function start(deps: DialogDeps, prefill?: PrefillAnswers): StepResult {
  const st = newState();
  for (const [id, a] of Object.entries(prefill ?? {})) {
    if (!stepById(deps.dialogs, id)) continue;
    st.answers[id] = a.value;
    st.shown[id] = a.shown;
  }
  return opening(st, deps);
}

/**
 * The intro and the first question not answered yet: answers already in `st` (prefilled from what
 * the person said) and answers that follow from them are not asked again.
 */
export function opening(st: DialogState, deps: DialogDeps): StepResult {
  const r = advance(st, deps, '');
  return { ...r, replies: [{ text: deps.dialogs.interview.intro }, ...r.replies] };
}

/** Answered, applicable steps in interview order (for the summary, 查看答案 and 返回). */
function answeredSteps(st: DialogState, deps: DialogDeps): Step[] {
  return applicableSteps(deps.dialogs.interview, st, deps.policy).filter((s) => answered(st, s.id));
}

/** The answers so far, one line each (`label：answer`), for 查看答案 and 查看我的数据. */
export function answerLines(st: DialogState, deps: DialogDeps): string[] {
  const t = deps.dialogs.interview.texts;
  return answeredSteps(st, deps).map((s) => fill(t.answerLine, { label: s.label, answer: st.shown[s.id] ?? t.unset }));
}

function summary(st: DialogState, deps: DialogDeps, prefix = ''): Reply[] {
  const t = deps.dialogs.interview.texts;
  st.phase = 'confirm';
  st.current = undefined;
  return [{ text: [prefix + t.summaryHeader, ...answerLines(st, deps)].join('\n'), choices: [{ label: t.confirmLabel, value: t.confirmLabel }, { label: t.editLabel, value: t.editLabel }] }];
}

function pickEditReply(st: DialogState, deps: DialogDeps, prefix = ''): Reply {
  const steps = answeredSteps(st, deps);
  return { text: prefix + deps.dialogs.interview.texts.pickEdit, choices: steps.map((s) => ({ label: `${s.label}：${st.shown[s.id] ?? ''}`, value: s.label })) };
}

/** Try the input as a policy question; the answer with its sources, or undefined. */
function sideAnswer(text: string, deps: DialogDeps): string | undefined {
  if (!deps.knowledge) return undefined;
  const a = deps.knowledge.ask(text, deps.now);
  if (!a.found) return undefined;
  const t = deps.dialogs.interview.texts;
  const first = a.sources[0];
  if (!first || a.answer.includes(first.doc)) return a.answer; // already cited in the text
  return `${a.answer}\n${fill(t.sourceLine, { sources: joinSources(a.sources, t.sourceItem, t.sourceJoin) })}`;
}

function looksLikeQuestion(text: string, d: Dialogs): boolean {
  return d.interview.words.questionMarkers.some((m) => text.includes(m));
}

type Parsed = { ok: true; value: AnswerValue; shown: string } | { ok: false; reason?: string; other?: boolean; year?: number };

/** A yes/no question's own words: the longest one contained in the answer decides; a tie is no answer. */
function ownYesNo(text: string, words: { yes: string[]; no: string[] }): boolean | undefined {
  const t = normalize(text).replace(/\s+/g, '').toLowerCase();
  let best: { v: boolean; len: number } | undefined;
  let tie = false;
  for (const [v, list] of [[true, words.yes], [false, words.no]] as const) {
    for (const w of list) {
      if (!t.includes(w.toLowerCase())) continue;
      if (!best || w.length > best.len) [best, tie] = [{ v, len: w.length }, false];
      else if (w.length === best.len && best.v !== v) tie = true;
    }
  }
  return best && !tie ? best.v : undefined;
}

/** Read the answer to `step` from `text`. */
function parseAnswer(step: Step, text: string, st: DialogState, deps: DialogDeps): Parsed {
  const iv = deps.dialogs.interview;
  const t = iv.texts;
  switch (step.type) {
    case 'series': {
      const opt = st.awaitingOther ? undefined : matchChoice(text, options(step));
      if (opt && iv.words.other.includes(opt.value)) return { ok: false, other: true };
      // A job description ("县自来水公司做技术", "教初中语文") through the shared vocabulary.
      const name = opt?.value ?? deps.resolveSeries(deps.policy, text) ?? seriesFromWords(text, deps.policy);
      return name ? { ok: true, value: name, shown: name } : { ok: false };
    }
    case 'choice': {
      const opt = matchChoice(text, options(step));
      if (opt) return opt.value === 'unset' ? { ok: true, value: null, shown: opt.label } : { ok: true, value: opt.value, shown: opt.label };
      if (step.allowOther && text.length >= 2 && text.length <= 20 && !parseYesNo(text, [], iv.words.no)) return { ok: true, value: text.replace(/省$/, ''), shown: text };
      return { ok: false };
    }
    case 'yesno': {
      const own = step.answerWords ? ownYesNo(text, step.answerWords) : undefined;
      const v = own ?? (step.ownWordsOnly ? undefined : parseYesNo(text, iv.words.yes, iv.words.no));
      const [yes, no] = step.buttons ? [step.buttons.yes, step.buttons.no] : [t.yes, t.no];
      return v === undefined ? { ok: false } : { ok: true, value: v, shown: v ? yes : no };
    }
    case 'date': {
      let d: ParsedDate | undefined;
      if (st.pendingYear !== undefined) d = parseMonthOf(text, st.pendingYear);
      d ??= parseDate(text, deps.now);
      if (!d) {
        const year = parseYearOnly(text, deps.now);
        if (year === undefined) return { ok: false };
        if (dateProblem(`${year}-01-01`, deps.now, false, iv.dates) === 'implausible') return { ok: false, reason: fill(t.implausibleDate, { year }) };
        return { ok: false, year };
      }
      const problem = dateProblem(d.date, deps.now, step.notFuture === true, iv.dates);
      if (problem === 'implausible') return { ok: false, reason: fill(t.implausibleDate, { year: d.date.slice(0, 4) }) };
      if (problem === 'future') return { ok: false, reason: t.futureDate };
      return { ok: true, value: d.date, shown: showDate(d) };
    }
    case 'number': {
      const n = parseCount(text, iv.words.zero);
      return n === undefined ? { ok: false } : { ok: true, value: n, shown: String(n) };
    }
    case 'text': {
      const v = text.replace(/\s+/g, ' ').trim();
      return v.length >= 1 && v.length <= 60 ? { ok: true, value: v, shown: v } : { ok: false };
    }
  }
}

/** A decisive fail: a `fail` of a rule listed in `decisive` whose steps are all answered or moot. */
function decisiveFails(verdict: Verdict, st: DialogState, deps: DialogDeps) {
  const iv = deps.dialogs.interview;
  const applicable = new Set(applicableSteps(iv, st, deps.policy).map((s) => s.id));
  return verdict.checks.filter((c) => {
    const steps = iv.decisive[c.rule];
    return c.status === 'fail' && steps !== undefined && steps.every((id) => answered(st, id) || !applicable.has(id));
  });
}

/** The complete profile for judging (certificates default to none when not asked). */
function finalProfile(st: DialogState, deps: DialogDeps, idNumber?: string): Profile {
  const p = buildProfile(deps.dialogs.interview, st, deps.policy, idNumber ? { idNumber } : {});
  return p.certificates ? p : { ...p, certificates: [] };
}

/** After an answer: stop early on a decisive fail, else ask the next step, else show the summary. */
function advance(st: DialogState, deps: DialogDeps, prefix: string): StepResult {
  const iv = deps.dialogs.interview;
  const t = iv.texts;
  // Answers that follow from the ones given are filled in, told in one line each, and not asked.
  for (const id of applyInferences(iv, st, deps.policy)) {
    const s = stepById(deps.dialogs, id)!;
    prefix += fill(t.inferred, { label: s.label, answer: st.shown[id] });
  }
  const profile = buildProfile(iv, st, deps.policy);
  const verdict = deps.evaluate(profile, deps.policy, deps.now);
  const fails = decisiveFails(verdict, st, deps);
  if (fails.length > 0) {
    st.phase = 'stopped';
    st.current = undefined;
    const lines = [prefix + t.earlyStopHeader, ...fails.map((c) => fill(t.earlyStopReason, { message: c.message.replace(/[。.]$/, ''), doc: c.source.doc, clause: c.source.clause })), fill(t.earlyStopFooter, { office: office(deps.policy) })];
    return { state: st, replies: [{ text: lines.join('\n') }], ended: 'stopped', verdict, profile };
  }
  const next = nextStep(iv, st, deps.policy);
  if (next) {
    st.phase = 'asking';
    st.current = next.id;
    return { state: st, replies: [question(next, st, deps, prefix)] };
  }
  return { state: st, replies: summary(st, deps, prefix) };
}

function judge(st: DialogState, deps: DialogDeps, idNumber?: string, idNote?: string): StepResult {
  // The ID number lives only in this call: it is never written into the state.
  const r = judgeAnswers(st, deps, (s) => finalProfile(s, deps, idNumber), idNote);
  st.phase = 'done';
  st.current = undefined;
  delete st.idRetried;
  st.judged = judgedMark(idNumber);
  return { state: st, replies: r.replies, ended: 'verdict', verdict: r.verdict, profile: r.profile };
}

/**
 * An ID number whose check digit is wrong: asked again once; the second time the verdict is given
 * without it and a note says so, so a typo never turns a verdict into ❌ on its own.
 */
function idNumberTurn(st: DialogState, id: string, deps: DialogDeps): StepResult {
  const t = deps.dialogs.interview.texts;
  if (checkIdNumber(id) !== 'invalid') return judge(st, deps, id);
  if (!st.idRetried) {
    st.idRetried = true;
    return { state: st, replies: [{ text: t.idCheckFailed, choices: currentPrompt(st, deps)[0]!.choices }] };
  }
  const check = deps.evaluate({ idNumber: id }, deps.policy, deps.now).checks.find((c) => c.rule === 'id_number');
  const note = fill(t.idStillInvalid, { doc: check?.source.doc ?? '', clause: check?.source.clause ?? '' });
  return judge(st, deps, undefined, note);
}

/** 退出: pause and keep the answers (nothing to keep: just leave). */
function pause(st: DialogState, deps: DialogDeps): StepResult {
  const t = deps.dialogs.interview.texts;
  const count = answerCount(st);
  if (count === 0) return { state: newState(), replies: [{ text: t.quit }], ended: 'quit' };
  st.paused = true;
  delete st.pendingYear;
  return { state: st, replies: [{ text: fill(t.paused, { count }) }], ended: 'quit' };
}

/** "不知道" to `cur`: explain and ask again, or keep it as unknown and go on. */
function unknownTurn(st: DialogState, cur: Step, deps: DialogDeps): StepResult {
  const t = deps.dialogs.interview.texts;
  const spec = cur.unknown;
  const hint = spec?.hint ?? cur.help;
  if (spec?.required || (spec?.retry && st.unknownHinted !== cur.id)) {
    st.unknownHinted = cur.id;
    return { state: st, replies: [{ text: fill(t.unknownRequired, { hint }) }, question(cur, st, deps)] };
  }
  setUnknown(st, cur.id, t.unknownShown);
  dropInferencesFrom(deps.dialogs.interview, st, cur.id);
  delete st.unknownHinted;
  delete st.pendingYear;
  st.failures = 0;
  return advance(st, deps, fill(t.unknownKept, { label: cur.label, whom: spec?.whom ?? t.defaultWhom }) + '\n');
}

function back(st: DialogState, deps: DialogDeps): StepResult {
  const t = deps.dialogs.interview.texts;
  // Back goes to the questions the user was asked: inferred answers were not asked.
  const done = answeredSteps(st, deps).filter((s) => !st.inferred?.includes(s.id));
  if (st.phase === 'idNumber' || st.phase === 'pickEdit') return { state: st, replies: summary(st, deps, t.back + '\n') };
  let target: Step | undefined;
  if (st.phase === 'asking') {
    const order = deps.dialogs.interview.steps.map((s) => s.id);
    const pos = order.indexOf(st.current ?? '');
    target = [...done].reverse().find((s) => order.indexOf(s.id) < pos);
  } else target = done[done.length - 1];
  if (!target) {
    const cur = stepById(deps.dialogs, st.current);
    return { state: st, replies: cur ? [question(cur, st, deps, t.backAtStart + '\n')] : currentPrompt(st, deps) };
  }
  st.phase = 'asking';
  st.current = target.id;
  st.failures = 0;
  st.awaitingOther = false;
  delete st.pendingYear;
  return { state: st, replies: [question(target, st, deps, t.back + '\n')] };
}

/** One turn of the interview. `state` undefined starts a new one. */
export function step(state: DialogState | undefined, input: string, deps: DialogDeps): StepResult {
  if (!state) return start(deps);
  // A JSON copy: the state is JSON-safe by design (it is stored as JSON), and this is about twice
  // as fast as structuredClone on every turn.
  const st = JSON.parse(JSON.stringify(state)) as DialogState;
  const d = deps.dialogs;
  const iv = d.interview;
  const t = iv.texts;
  const text = normalize(input);
  const cmd = command(text, d);

  if (cmd === 'quit' && (st.phase === 'done' || st.phase === 'stopped')) return { state: st, replies: [{ text: t.quit }] };
  if (cmd === 'quit') return st.paused ? { state: st, replies: [{ text: fill(t.paused, { count: answerCount(st) }) }], ended: 'quit' } : pause(st, deps);
  // Any other turn resumes a paused interview.
  delete st.paused;
  if (cmd === 'restart') {
    const r = start(deps);
    r.replies[0] = { text: `${t.restarted}\n${r.replies[0]!.text}` };
    return r;
  }
  if (cmd === 'back') return back(st, deps);
  // After the verdict, 修改 still changes one answer (e.g. a fact checked with 单位人事) and judges again.
  if (st.phase === 'done' && iv.commands.edit.includes(text)) {
    st.phase = 'pickEdit';
    return { state: st, replies: currentPrompt(st, deps) };
  }
  if (st.phase === 'done' || st.phase === 'stopped') {
    // "理由"/"材料" after a verdict: the rest of it.
    const more = followUp(st, text, deps);
    return more ? { state: st, replies: more } : { state: st, replies: [], passThrough: true };
  }
  if (cmd === 'answers') {
    const lines = answerLines(st, deps);
    const head = lines.length ? [t.answersHeader, ...lines].join('\n') : t.noAnswers;
    return { state: st, replies: [{ text: head }, ...currentPrompt(st, deps)] };
  }
  if (cmd === 'help') {
    const cur = st.phase === 'asking' ? stepById(d, st.current) : undefined;
    const help = cur ? `${cur.help}\n${fill(t.example, { examples: cur.examples.join(t.listJoin) })}` : t.confirmHint;
    return { state: st, replies: [{ text: help }, ...currentPrompt(st, deps)] };
  }

  if (st.phase === 'confirm') {
    if (iv.commands.confirm.includes(text)) {
      st.phase = 'idNumber';
      return { state: st, replies: currentPrompt(st, deps) };
    }
    if (iv.commands.edit.includes(text)) {
      st.phase = 'pickEdit';
      return { state: st, replies: currentPrompt(st, deps) };
    }
    const side = sideAnswer(text, deps);
    return { state: st, replies: [{ text: side ?? t.confirmHint }, ...currentPrompt(st, deps, side ? t.resumeAfterQuestion + '\n' : '')] };
  }
  if (st.phase === 'pickEdit') {
    const steps = answeredSteps(st, deps);
    const opt = matchChoice(text, steps.map((s) => ({ value: s.id, label: s.label, aliases: [] })));
    if (!opt) return { state: st, replies: [{ ...pickEditReply(st, deps), text: t.pickEditWrong }] };
    st.phase = 'asking';
    st.current = opt.value;
    st.failures = 0;
    return { state: st, replies: [question(stepById(d, opt.value)!, st, deps)] };
  }
  if (st.phase === 'idNumber') {
    if (iv.commands.skip.includes(text)) return judge(st, deps);
    const id = text.replace(/\s+/g, '');
    if (/^\d{17}[\dXx]$/.test(id)) return idNumberTurn(st, id, deps);
    const side = looksLikeQuestion(text, d) ? sideAnswer(text, deps) : undefined;
    if (side) return { state: st, replies: [{ text: side }, ...currentPrompt(st, deps, t.resumeAfterQuestion + '\n')] };
    return { state: st, replies: [{ text: t.idWrong, choices: currentPrompt(st, deps)[0]!.choices }] };
  }

  // phase 'asking'
  const cur = stepById(d, st.current) ?? nextStep(iv, st, deps.policy);
  if (!cur) return { state: st, replies: summary(st, deps) };
  if (st.current !== cur.id) delete st.pendingYear;
  st.current = cur.id;
  if (looksLikeQuestion(text, d)) {
    const side = sideAnswer(text, deps);
    if (side) return { state: st, replies: [{ text: side }, question(cur, st, deps, t.resumeAfterQuestion)] };
  }
  // "不知道" is its own answer, unless it is an option of the question (申报级别 “不确定”).
  const exactChoice = cur.choices ? matchChoice(text, options(cur)) : undefined;
  if (!exactChoice && isUnknownAnswer(text, iv.words.unknown, iv.words.notUnknown)) return unknownTurn(st, cur, deps);
  const parsed = parseAnswer(cur, text, st, deps);
  if (parsed.ok) {
    setAnswer(st, cur.id, parsed.value, parsed.shown);
    dropInferencesFrom(iv, st, cur.id);
    for (const c of cur.countsInAnswer ?? []) {
      const n = countNextTo(text, c.word);
      if (n !== undefined) setAnswer(st, c.step, n, String(n));
    }
    st.failures = 0;
    st.awaitingOther = false;
    delete st.pendingYear;
    delete st.unknownHinted;
    return advance(st, deps, fill(t.accepted, { answer: parsed.shown }));
  }
  if (parsed.year !== undefined) {
    // "2022年" / "前年毕业": the year is kept until the month comes.
    st.pendingYear = parsed.year;
    return { state: st, replies: [question(cur, st, deps)] };
  }
  if (!parsed.ok && parsed.other) {
    st.awaitingOther = true;
    return { state: st, replies: [{ text: cur.otherPrompt ?? cur.prompt }] };
  }
  const side = sideAnswer(text, deps);
  if (side) return { state: st, replies: [{ text: side }, question(cur, st, deps, t.resumeAfterQuestion)] };
  st.failures += 1;
  const lines = [parsed.reason ?? cur.wrong, fill(t.example, { examples: cur.examples.join(t.listJoin) })];
  if (cur.choices) lines.push(t.choiceHint);
  if (st.failures >= 3) lines.push(fill(t.repeated, { office: office(deps.policy) }));
  const again = question(cur, st, deps);
  return { state: st, replies: [{ text: lines.join('\n'), choices: again.choices }] };
}
