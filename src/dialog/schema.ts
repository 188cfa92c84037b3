/**
 * zod schemas for dialogs/interview.yaml, dialogs/verdict.yaml and dialogs/bot.yaml: every text the
 * interview and the core show, and the interview steps with their conditions.
 */
import * as z from 'zod';

/**
 * A condition on earlier answers; an unanswered step makes `in`/`equals` false. An answer of
 * "不知道" counts as no answer: it matches no value and `answered: true` is false for it.
 */
export type Condition =
  | { step: string; in?: string[]; equals?: string | boolean | number; answered?: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { predicate: 'certificateRequired' };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ step: z.string(), in: z.array(z.string()).optional(), equals: z.union([z.string(), z.boolean(), z.number()]).optional(), answered: z.boolean().optional() }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
    z.object({ predicate: z.enum(['certificateRequired']) }).strict(),
  ]),
);

const choice = z.object({ value: z.string().min(1), label: z.string().optional(), aliases: z.array(z.string()).optional() }).strict();
export type StepChoice = z.infer<typeof choice>;

/** One plausible value of a fact the applicant does not know, for the conditional verdict. */
const alternative = z
  .object({
    /** The step's answer in this case. */
    value: z.union([z.string(), z.boolean(), z.number()]),
    /** What the case is, as the applicant reads it ("单位在江西省内"). */
    label: z.string().min(1),
    /** Answers of follow-up steps that go with this case (e.g. one 基本称职). */
    also: z.record(z.string(), z.union([z.string(), z.boolean(), z.number()])).optional(),
  })
  .strict();
export type Alternative = z.infer<typeof alternative>;

/** What "不知道" means at a step. */
const unknownSpec = z
  .object({
    /** The interview cannot go on without it: explain (`hint`) and ask again, never keep "unknown". */
    required: z.boolean().optional(),
    /** Ask once more with `hint` before keeping "unknown". */
    retry: z.boolean().optional(),
    /** Where to find the answer, said when the answer is "不知道". */
    hint: z.string().optional(),
    /** Whom to ask (单位人事, 县职称办 …), said in the verdict. */
    whom: z.string().min(1),
    /** The plausible answers, the favourable one first; the verdict is judged for each. */
    alternatives: z.array(alternative).min(2).optional(),
  })
  .strict();
export type UnknownSpec = z.infer<typeof unknownSpec>;

export const stepTypes = ['series', 'choice', 'yesno', 'date', 'number', 'text'] as const;

export const stepSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z]+$/),
    type: z.enum(stepTypes),
    /** Dot path in the Profile; steps without one only steer the interview. */
    field: z.string().optional(),
    label: z.string().min(1),
    prompt: z.string().min(1),
    help: z.string().min(1),
    examples: z.array(z.string()).min(1),
    wrong: z.string().min(1),
    when: condition.optional(),
    choices: z.array(choice).optional(),
    /** Choice steps: an unmatched answer is kept as typed (e.g. a province name). */
    allowOther: z.boolean().optional(),
    /** Series step: what to say when the user picks "other". */
    otherPrompt: z.string().optional(),
    /** Date steps: reject dates after today. */
    notFuture: z.boolean().optional(),
    /** Yes/no steps: the profile value for "yes" instead of `true`. */
    yesValue: z.string().optional(),
    /** Yes/no steps: on "yes" take the profile value from this earlier step's answer. */
    yesFrom: z.string().optional(),
    /** Yes/no steps: words of this question (contained in the answer, the longest wins), tried before the general yes/no words. */
    answerWords: z.object({ yes: z.array(z.string().min(1)), no: z.array(z.string().min(1)) }).strict().optional(),
    /** Yes/no steps: only `answerWords` are understood (the general 是/否 would be ambiguous here). */
    ownWordsOnly: z.boolean().optional(),
    /** Yes/no steps: the button labels instead of 是 / 否. */
    buttons: z.object({ yes: z.string().min(1), no: z.string().min(1) }).strict().optional(),
    /** Counts said with the answer ("基本称职一次") answer these later number steps too. */
    countsInAnswer: z.array(z.object({ step: z.string(), word: z.string().min(1) }).strict()).optional(),
    /** What "不知道" means here; without it, "不知道" is kept and the verdict names the office to ask. */
    unknown: unknownSpec.optional(),
  })
  .strict()
  .refine((s) => (s.type === 'choice' || s.type === 'series') === Boolean(s.choices?.length), { message: '选择题（choice/series）必须有 choices，其他类型不能有', path: ['choices'] })
  .refine((s) => s.type === 'yesno' || (!s.answerWords && !s.ownWordsOnly && !s.buttons), { message: 'answerWords、ownWordsOnly、buttons 只用于是否题（yesno）', path: ['answerWords'] });
export type Step = z.infer<typeof stepSchema>;

const words = z.array(z.string().min(1)).min(1);

export const interviewSchema = z
  .object({
    intro: z.string(),
    resume: z.string(),
    steps: z.array(stepSchema).min(1),
    decisive: z.record(z.string(), z.array(z.string()).min(1)),
    /**
     * Answers the interview already knows and so does not ask: `startsWith` (a place name at the
     * start of another answer) or `sameAs` (two answers equal once `strip` suffixes are removed).
     */
    inferences: z
      .array(
        z
          .object({
            step: z.string(),
            value: z.union([z.string(), z.boolean(), z.number()]),
            shown: z.string().min(1),
            from: z.string().optional(),
            startsWith: z.array(z.string().min(1)).optional(),
            sameAs: z.tuple([z.string(), z.string()]).optional(),
            strip: z.array(z.string().min(1)).optional(),
          })
          .strict()
          .refine((i) => Boolean(i.from && i.startsWith) !== Boolean(i.sameAs), { message: '推断须写 from + startsWith，或 sameAs（二选一）' }),
      )
      .default([]),
    /** Plausible dates: years before `minYear` or more than `maxYearsAhead` after this year are refused. */
    dates: z.object({ minYear: z.number().int(), maxYearsAhead: z.number().int().min(0) }).strict(),
    commands: z.object({ back: words, restart: words, quit: words, help: words, answers: words, confirm: words, edit: words, skip: words }).strict(),
    words: z.object({ yes: words, no: words, zero: words, other: words, questionMarkers: words, unknown: words, notUnknown: words }).strict(),
    texts: z
      .object({
        accepted: z.string(), yes: z.string(), no: z.string(), unset: z.string(), currentAnswer: z.string(), example: z.string(), choiceHint: z.string(),
        back: z.string(), backAtStart: z.string(), restarted: z.string(), quit: z.string(), repeated: z.string(), futureDate: z.string(),
        resumeAfterQuestion: z.string(), answersHeader: z.string(), answerLine: z.string(), noAnswers: z.string(),
        summaryHeader: z.string(), confirmLabel: z.string(), editLabel: z.string(), confirmHint: z.string(), pickEdit: z.string(), pickEditWrong: z.string(),
        earlyStopHeader: z.string(), earlyStopReason: z.string(), earlyStopFooter: z.string(),
        idPrompt: z.string(), idWrong: z.string(), idCheckFailed: z.string(), idStillInvalid: z.string(), finished: z.string(),
        paused: z.string(), askMonth: z.string(), implausibleDate: z.string(),
        unknownKept: z.string(), unknownRequired: z.string(), unknownShown: z.string(), inferred: z.string(),
        conditionalHeader: z.string(), conditionalLine: z.string(), conditionalCase: z.string(), conditionalCaseJoin: z.string(), conditionalBasis: z.string(),
        caseEligible: z.string(), caseEligibleNoLevel: z.string(), caseWaiting: z.string(), caseIneligible: z.string(), caseReview: z.string(), caseIncomplete: z.string(),
        unknownMissing: z.string(), orJoin: z.string(), defaultWhom: z.string(),
        sourceLine: z.string(), sourceItem: z.string(), sourceJoin: z.string(), listJoin: z.string(),
      })
      .strict(),
  })
  .strict()
  .superRefine((iv, ctx) => {
    const ids = new Set<string>();
    iv.steps.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `步骤编号“${s.id}”重复` });
      const refs: string[] = [];
      const walk = (c: Condition | undefined) => {
        if (!c) return;
        if ('step' in c) refs.push(c.step);
        if ('all' in c) c.all.forEach(walk);
        if ('any' in c) c.any.forEach(walk);
        if ('not' in c) walk(c.not);
      };
      walk(s.when);
      if (s.yesFrom) refs.push(s.yesFrom);
      for (const r of refs) if (!ids.has(r)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'when'], message: `条件引用了未知或后面的步骤“${r}”` });
      ids.add(s.id);
    });
    iv.inferences.forEach((inf, i) => {
      for (const r of [inf.step, inf.from, ...(inf.sameAs ?? [])]) if (r !== undefined && !ids.has(r)) ctx.addIssue({ code: 'custom', path: ['inferences', i], message: `未知的步骤“${r}”` });
    });
    iv.steps.forEach((s, i) => {
      s.unknown?.alternatives?.forEach((a, j) => {
        for (const r of Object.keys(a.also ?? {})) if (!ids.has(r)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'unknown', 'alternatives', j, 'also'], message: `未知的步骤“${r}”` });
      });
    });
    for (const [rule, steps] of Object.entries(iv.decisive)) {
      steps.forEach((s, j) => {
        if (!ids.has(s)) ctx.addIssue({ code: 'custom', path: ['decisive', rule, j], message: `未知的步骤“${s}”` });
      });
    }
  });
export type Interview = z.infer<typeof interviewSchema>;

// dialogs/verdict.yaml has its own schema file (the phone verdict and its follow-ups).
export { verdictTextsSchema, type VerdictTexts } from './verdict-schema.js';

const commandWords = z.array(z.string().min(1)).min(1);
export const botTextsSchema = z
  .object({
    welcome: z.string(),
    menu: z.string(),
    menuChoices: z.array(z.object({ label: z.string(), value: z.string() }).strict()).min(1),
    help: z.string(),
    /** The last lines of 帮助 for each channel (buttons and slash commands only on Telegram). */
    helpChannel: z.object({ console: z.string(), telegram: z.string(), wechat: z.string(), 'wechat-oa': z.string() }).strict(),
    askPrompt: z.string(),
    notFound: z.string(),
    answerSources: z.string(),
    forwardHeader: z.string(),
    forwardQuestion: z.string(),
    forwardFooter: z.string(),
    groupInvite: z.string(),
    groupHint: z.string(),
    nonText: z.object({ image: z.string(), voice: z.string(), video: z.string(), file: z.string(), other: z.string() }).strict(),
    subscribed: z.string(),
    alreadySubscribed: z.string(),
    unsubscribed: z.string(),
    notSubscribed: z.string(),
    audienceNames: z.object({ general: z.string(), education: z.string() }).strict(),
    declined: z.string(),
    myDataHeader: z.string(),
    myDataNone: z.string(),
    myDataInterview: z.string(),
    myDataSubscription: z.string(),
    myDataFooter: z.string(),
    forgotten: z.string(),
    /** 删除我的数据 asks first; only these words confirm it. */
    forgetConfirm: z.string(),
    forgetYesLabel: z.string(),
    forgetNoLabel: z.string(),
    forgetYes: z.array(z.string().min(1)).min(1),
    forgetCancelled: z.string(),
    forgetNothing: z.string(),
    /** An interview paused with 退出: said with the welcome, and when 继续 finds nothing. */
    pausedHint: z.string(),
    nothingToResume: z.string(),
    error: z.string(),
    transcript: z.object({ user: z.string(), bot: z.string() }).strict(),
    consoleOpening: z.string(),
    greetings: z.array(z.string()),
    declineWords: z.array(z.string()),
    commands: z
      .object({ menu: commandWords, help: commandWords, start: commandWords, screen: commandWords, ask: commandWords, subscribe: commandWords, unsubscribe: commandWords, mydata: commandWords, forget: commandWords, resume: commandWords })
      .strict(),
  })
  .strict();
export type BotTexts = z.infer<typeof botTextsSchema>;
