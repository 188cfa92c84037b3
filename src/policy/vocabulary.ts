/**
 * The schema of rules/vocabulary.yaml: the words people use about themselves (jobs, employers,
 * education, levels, places, social insurance, certificates) and what each stands for in the
 * applicant profile. Read by src/understand/; loaded and validated with the rest of rules/.
 */
import * as z from 'zod';
import { education, employerType, titleLevel } from './schema.js';

const word = z.string().trim().min(1);
const words = z.array(word).min(1);

/** A regular expression as text; invalid ones are reported by `check`. */
const pattern = z.string().min(1).refine(
  (p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: '不是有效的正则表达式' },
);

/** Words (or patterns) that name a job, and the series (and school kind) the job belongs to. */
const seriesWord = z
  .object({ words: z.array(word).default([]), patterns: z.array(pattern).default([]), series: word, kind: word.optional(), said: z.boolean().default(false) })
  .strict()
  .refine((s) => s.words.length + s.patterns.length > 0, { message: '至少要有一个词或一个模式' });

/** Words that name an employer, and what they tell about its type (said outright, or assumed). */
const employerWord = z
  .object({ words: z.array(word).default([]), patterns: z.array(pattern).default([]), type: employerType.optional(), kind: word.optional(), said: z.boolean().default(false), firm: z.boolean().default(false) })
  .strict()
  .refine((s) => s.words.length + s.patterns.length > 0, { message: '至少要有一个词或一个模式' });

export const vocabularyFile = z
  .object({
    /** Typing mistakes in what people write (不称值, 任定), replaced before anything is read. */
    typos: z.record(word, word).default({}),
    series: z.array(seriesWord).min(1),
    /** Job words too general to name a series when a more specific one is said (技术员 at a 脐橙 company). */
    genericJobWords: z.array(word).default([]),
    /** Workplaces that suggest the series when no job is named (an assumption, weaker than job words). */
    workplaceSeries: z.array(z.object({ words, series: word }).strict()).default([]),
    employers: z.array(employerWord).min(1),
    /** Before an employer word in its clause: the type is denied ("不是考的公务员"). */
    employerDenied: words,
    /** The person says they do not know the employer's type: no type word is taken as said. */
    employerUnsure: words,
    /** Jointly owned (合资): state-owned only if the state holds control, so a condition. */
    employerMixed: words,
    /** In an unsure word's clause: the unsure word is about the employer's type (编制, 国资 …). */
    employerTopics: words,
    /** After an employer word: it names the applicant's schooling instead (高中毕业). */
    employerNotBefore: words,
    /** Nouns that end an employer's name (公司, 站, 医院 …): where a name is cut out of the text. */
    employerSuffixes: words,
    education: z.array(z.object({ words, value: education }).strict()).min(1),
    /** Words after which an education word is a school or a job, not the applicant's education (中专老师). */
    educationNotAfter: words,
    // --- helper U (round 9): schooling said by a verb ("只读到初中") ---
    /** Verbs right before a school word that make it the schooling reached (只读到初中), not a workplace. */
    schoolingVerbs: z.array(word).default([]),
    /** Bare school words (初中, 高中) and the education they stand for after a schooling verb. */
    schools: z.array(z.object({ words, value: education }).strict()).default([]),
    levels: z.array(z.object({ words, value: titleLevel }).strict()).min(1),
    /** Right after a level word: it names a post (聘在员级岗位上), neither held nor asked for. */
    levelPostAfter: z.array(word).default([]),
    // --- helper U (round 9): level words that name people ---
    /** Around a level word: it names people by their post (帮技术员小黄问, 有5个技术员), not a level. */
    levelPerson: z.object({ before: pattern, after: pattern }).strict().optional(),
    /** Before a level asked: only a first step (想先报个员级), the person wants the highest reachable. */
    levelFirstStep: pattern.optional(),
    places: z
      .object({
        /** Place names inside the covered province. */
        inside: words,
        /** Other provinces (and big cities) by name. */
        outside: z.array(z.object({ words, province: word }).strict()),
      })
      .strict(),
    insurance: z
      .object({
        /** Social insurance paid by another unit (劳务派遣, 人力资源公司代缴). */
        otherPayer: words,
        otherPayerName: word,
        /** The payer named in a phrase ("社保在福建交"); group 1 is the payer. */
        payerPattern: pattern,
        /** Said to be paid by the employer itself. */
        samePayer: words,
        /** Words in a unit's name that place it above another (总部, 总公司, 母公司, 集团). */
        unitAbove: z.array(word).default([]),
        /** Words that place it below another (分公司, 子公司, 下属, 项目公司). */
        unitBelow: z.array(word).default([]),
        /** Adverbs between the payer's name and its verb (直接, 统一): not part of the name. */
        payerAdverbs: z.array(word).default([]),
        /** The unit named as the one that applies ("申报单位挂的是城投集团"); group 1 is its name. */
        applyingPattern: pattern.optional(),
        proofHeld: words,
        proofNotHeld: words,
      })
      .strict(),
    certificates: z.array(z.object({ words, certificate: word }).strict()),
    /** Near a certificate: passed, but not in hand yet. */
    certificatePending: words,
    /** 硕士/博士: both 学历 and 学位, or not. */
    // helper U (round 9): `certificate` / `pendingName` — a degree certificate still to come (学位证10月才发).
    degree: z.object({ both: words, notBoth: words, certificate: z.array(word).default([]), pendingName: word.optional() }).strict(),
    /** Inside the clause of a certificate, title or punishment: the thing is not (yet) held. */
    negation: words,
    /** Holding a title (取得, 评上 …) rather than asking for one. */
    titleHeld: words,
    /** Words that make the message about a person's own case. */
    personal: z.array(pattern).min(1),
    /** An ask about eligibility, level or batch (能不能认定, 能报吗, 什么级别 …). */
    eligibilityAsks: z.array(pattern).min(1),
    /** An intent to apply: an ask about the person's case when no word of `intentNotWith` is in the message. */
    intents: z.array(pattern).default([]),
    intentNotWith: z.array(word).default([]),
    /**
     * Helper D, round 9 (`caseQuestion`): a question about the person's own case by its form, not by
     * a list of phrasings — a yes/no question about applying for a title (src/understand/asks.ts).
     */
    caseQuestion: z
      .object({
        /** The clause asks yes or no: its ending (吗, 不, 没有, 吧 …), A-not-A (能不能), 可否 … */
        polar: z.array(pattern).min(1),
        /** What the question is about: applying for a title (认定, 评, 升, a level, 这批 …). */
        topics: z.array(pattern).min(1),
        /** The clause asks what, when or how: a question for the knowledge base. */
        open: words,
        /** An intent to apply (想…认定): loose, a few characters may stand between. */
        intent: pattern,
        /** Other questions an intent may come with that still ask about eligibility (条件, 要求). */
        eligibilityTopics: z.array(word).default([]),
        /** Clauses that state nothing about a person (你好, 请问). */
        fillers: z.array(pattern).default([]),
        /** A clause of its own that describes where the person works or what they do: names a person. */
        describes: z.array(pattern).default([]),
      })
      .strict()
      .optional(),
    /** Words around a date that say what the date is. */
    dateRoles: z
      .object({
        graduation: words,
        workStart: words,
        titleSince: words,
        punishmentEnd: words,
        /** The punishment was received then (not its end). */
        punishmentReceived: words,
        /** After a date: moved to the current employer. */
        transfer: words,
        /** Before it: technical work elsewhere was said. */
        earlierWork: words,
        /** Right after a date: the date is the application window's, not the person's (4月10号开始报). */
        notPersonal: z.array(word).default([]),
        /** "毕业就进了": work started on graduation. */
        startedOnGraduation: z.array(pattern).min(1),
        // --- helper U (round 9): moves inside one employer, periods that end ---
        /** After a move word: a unit inside the employer (工程部, 技术科): a change of post, technical work starts then. */
        departments: z.array(word).default([]),
        /** Right after a date: a change of post inside the employer (转岗, 调岗). */
        postChange: z.array(word).default([]),
        /** Right before a date: the end of a period of work (干到今年2月), not a start. */
        periodEnd: z.array(word).default([]),
      })
      .strict(),
    punishment: z.object({ words, none: words }).strict(),
    // helper U (round 9): `unsure` — the result not remembered (记不清是合格还是基本称职).
    reviews: z.object({ basic: words, unsatisfactory: words, allGood: words, unsure: z.array(word).default([]) }).strict(),
    // helper U (round 9): the work said to differ from what was studied, the major not named.
    majorRelationSaid: z.object({ patterns: z.array(pattern), firm: z.array(word) }).strict().optional(),
    /** Knowledge entry ids whose general rule a situational judgement replaces. */
    supersedes: z.array(word),
    /** Studied majors and the series each fits (三（二）: studied major and work the same or close). */
    majors: z.array(z.object({ words, series: words, /** Series close to the major (research in its field): 相近, never 不同. */ close: z.array(word).default([]) }).strict()),
    /** Series in which a studied major never decides that major and work differ (vocational teachers). */
    majorAnySeries: z.array(word).default([]),
    /** Where a studied major is named ("学的会计", "会计专业"); group 1 or 2 is the major. */
    majorCues: z.array(pattern).min(1),
    /** A personnel file held somewhere (三（四）); the place in the same clause says where. */
    // helper U (round 9): `pattern` — the file held with words between (档案一直放在…托管).
    archive: z.object({ words, pattern: pattern.optional() }).strict(),
  })
  .strict();

/** The validated vocabulary. */
export type Vocabulary = z.infer<typeof vocabularyFile>;
