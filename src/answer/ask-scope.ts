/**
 * What moment an ask is about (rules/ask-scope.yaml): whether the person asks about applying NOW
 * ("现在能报吗", "现在还能补交吗") rather than in general ("今年能认定吗", "下半年能报吗").
 * Judging uses it when no window is open for the person today (寻人社发〔2024〕28号 一). Pure.
 */
import path from 'node:path';
import * as z from 'zod';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';
import { foldText } from '../understand/extract.js';

const words = z.array(z.string().min(1)).min(1);

export const askScopeSchema = z
  .object({
    presentWindow: z
      .object({ now: words, between: words, verbs: words, notAfterVerb: words, thisBatch: words, late: words })
      .strict(),
    /** Asks for the level itself ("能认到什么", "什么级别"), not yes or no on a level named. */
    whatLevel: words,
  })
  .strict();

/** The words of rules/ask-scope.yaml. */
export type AskScopeWords = z.infer<typeof askScopeSchema>;

/** What the ask of one message is about. */
export interface AskScope {
  /** The ask names the present moment for applying (现在能报吗 / 还能补报吗). */
  present: boolean;
  /** The ask is for the level itself (能认到什么 / 什么级别): a level named alongside is a wish. */
  whatLevel?: boolean;
}

/** Read rules/ask-scope.yaml under `root`, pushing problems. */
export function readAskScope(root: string, problems: DataProblem[]): AskScopeWords | undefined {
  return readYaml(path.join(root, 'rules', 'ask-scope.yaml'), askScopeSchema, problems);
}

let cached: AskScopeWords | undefined;

/** The words of the repository (cached); throws `DataError` on bad data. */
export function askScopeWords(): AskScopeWords {
  cached ??= readOrThrow((problems) => readAskScope(PROJECT_ROOT, problems));
  return cached;
}

const literal = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
// Longest first, so "可不可以" is tried before "可以".
const alt = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map(literal).join('|');

const compiled = new WeakMap<AskScopeWords, RegExp[]>();

function patterns(w: AskScopeWords): RegExp[] {
  let hit = compiled.get(w);
  if (!hit) {
    const p = w.presentWindow;
    hit = [
      // The moment, at most three small words, then the verb (not 报到 / 报销).
      new RegExp(`(?:${alt(p.now)})(?:${alt(p.between)}){0,3}(?:${alt(p.verbs)})(?!${alt(p.notAfterVerb)})`, 'u'),
      new RegExp(`(?:${alt(p.now)})(?:${alt(p.thisBatch)})`, 'u'),
      new RegExp(`(?:${alt(p.late)})`, 'u'),
    ];
    compiled.set(w, hit);
  }
  return hit;
}

/** What moment the message's ask is about. */
export function askScopeOf(text: string, w: AskScopeWords = askScopeWords()): AskScope {
  const t = foldText(text);
  return { present: patterns(w).some((re) => re.test(t)), whatLevel: w.whatLevel.some((x) => t.includes(x)) };
}
