/**
 * zod schemas for the knowledge data: entry files (knowledge/*.yaml), the normalization lexicon
 * (knowledge/lexicon.yaml) and the answer texts (dialogs/ask.yaml). Every entry carries its sources.
 */
import * as z from 'zod';
import { source } from '../policy/schema.js';

/** A clause is written as the documents write it: full-width brackets, no half-width ones. */
const clauseSource = source.refine((s) => !/[()]/.test(s.clause), {
  message: '条款请用全角括号书写，例如 三（四）、第五条（三）',
  path: ['clause'],
});

/** One curated question-and-answer entry. */
export const entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能用小写字母、数字和连字符'),
    /** A short topic name, shown among "closest topics" when nothing matches. */
    title: z.string().min(2),
    /** The question in several phrasings (formal, colloquial, short); the only text the index learns from besides the answer. */
    questions: z.array(z.string().min(2)).min(3, '每个条目至少需要 3 种问法'),
    /** Plain Chinese; dates and windows only as {placeholders} filled from rules/. */
    answer: z.string().min(5),
    sources: z.array(clauseSource).min(1, '每个条目至少需要一个出处 {doc, clause}'),
    related: z.array(z.string()).default([]),
    /**
     * Lexicon concepts that define the entry (非国有 for the non-state engineering entry): a question
     * naming none of them ranks the entry lower, so 水利站的助理工程师 is not answered with it.
     */
    needs: z.array(z.string().min(1)).optional(),
    /** Concepts that make a more specific entry the answer: a question naming one ranks this entry lower (levels ← 本科能认中级吗). */
    yieldsTo: z.array(z.string().min(1)).optional(),
    /**
     * What is asked but the documents do not hold (公示期多长, 电话号码): phrasings of such asks, and
     * the words of the answer that say so. A question whose best phrasing is one of these gets the
     * answer's text with found: false (an honest "not found" that still says what is known).
     */
    notInDocuments: z
      .object({
        phrasings: z.array(z.string().min(2)).min(1),
        /** Words of the answer that say the documents do not hold it (must occur in the answer). */
        says: z.string().min(4),
      })
      .strict()
      .optional(),
    /** Force the education-system window for date-aware placeholders. */
    audience: z.enum(['general', 'education']).optional(),
  })
  .strict();
export type Entry = z.infer<typeof entry>;

/** An entries file: knowledge/<topic>.yaml. */
export const entriesFile = z.object({ entries: z.array(entry).min(1) }).strict();

/** Normalization and segmentation data (knowledge/lexicon.yaml). */
export const lexicon = z
  .object({
    /** Wrong form → right form, applied as substring replacement (typos, homophones, variants). */
    typos: z.record(z.string().min(1), z.string().min(1)),
    /** Colloquial, English or variant wording → the wording the knowledge file uses. */
    synonyms: z.record(z.string().min(1), z.string()),
    /** Words that carry no topic (particles, pronouns, politeness). */
    stopwords: z.array(z.string().min(1)),
    /** Words that look like interview answers rather than questions (是, 相同, 年, 月 …). */
    answerWords: z.array(z.string().min(1)),
    /** Words that mean the education system (teachers, schools): its own window. */
    educationCues: z.array(z.string().min(1)),
    /** Extra words for the segmenter, so domain terms stay whole (职称办, 以考代评 …). */
    userWords: z.array(z.string().min(1)),
    /** Concept → the words that mention it; a mention adds the concept as a search term (expansion, not replacement). */
    concepts: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
    /**
     * Concept → regular expressions (on normalized text) that also mention it: forms a word list
     * cannot enumerate, such as a bare month or day (7月份, 5月30号) meaning "when".
     */
    conceptPatterns: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
    /** Groups of mutually exclusive values (本科 / 硕士, 第一批 / 第二批): a phrasing naming another value of a group the question names matches less. */
    exclusive: z.array(z.array(z.string().min(1)).min(2)).default([]),
    /** Words that mark a clause as the question (吗, 什么, 怎么 …); the other clauses of a long message are context. */
    questionMarkers: z.array(z.string().min(1)).default([]),
    /** Words and concepts nearly every question uses (考核认定, 专业技术资格, 职称): they weigh less in ranking. */
    genericTerms: z.array(z.string().min(1)).default([]),
    /** Concepts that decide the entry when named (造假): an entry none of whose phrasings names one ranks lower. */
    decisiveConcepts: z.array(z.string().min(1)).default([]),
    /**
     * Regular expressions (on normalized text) for an instruction addressed to the bot rather than a
     * question (忽略之前的指令, 你现在是, 帮我写): the `instruction` scope rule refuses such a message.
     */
    instructionPatterns: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Lexicon = z.infer<typeof lexicon>;

const batchTexts = z
  .object({ open: z.string(), lastDay: z.string(), upcoming: z.string(), closed: z.string() })
  .strict();

/** User-facing texts of the Q&A (dialogs/ask.yaml). */
export const askTexts = z
  .object({
    status: z
      .object({
        open: z.string(),
        lastDay: z.string(),
        upcoming: z.string(),
        upcomingAfterPrevious: z.string(),
        over: z.string(),
        educationPrefix: z.string(),
      })
      .strict(),
    next: z.object({ whileOpen: z.string(), lastOfYear: z.string(), upcoming: z.string(), over: z.string() }).strict(),
    batch: batchTexts,
    scheduleItem: z.string(),
    scheduleSeparator: z.string(),
    fallback: z
      .object({
        intro: z.string(),
        closest: z.string(),
        topicSeparator: z.string(),
        suggestions: z.array(z.string()).min(1),
        hints: z.string(),
        contact: z.string(),
      })
      .strict(),
    human: z.object({ sources: z.string(), related: z.string(), notFound: z.string() }).strict(),
  })
  .strict();
export type AskTexts = z.infer<typeof askTexts>;
