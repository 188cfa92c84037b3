/** Loads dialogs/interview.yaml, verdict.yaml and bot.yaml, validated; problems name file and path. */
import path from 'node:path';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';
import { botTextsSchema, interviewSchema, verdictTextsSchema, type BotTexts, type Interview, type VerdictTexts } from './schema.js';

/** Everything the interview and the core say, from dialogs/. */
export interface Dialogs {
  interview: Interview;
  verdict: VerdictTexts;
  bot: BotTexts;
}

/** Read dialogs/ (or `dir`), pushing problems; undefined when anything failed. */
export function readDialogs(dir: string, problems: DataProblem[]): Dialogs | undefined {
  const interview = readYaml(path.join(dir, 'interview.yaml'), interviewSchema, problems);
  const verdict = readYaml(path.join(dir, 'verdict.yaml'), verdictTextsSchema, problems);
  const bot = readYaml(path.join(dir, 'bot.yaml'), botTextsSchema, problems);
  return interview && verdict && bot ? { interview, verdict, bot } : undefined;
}

const cache = new Map<string, Dialogs>();

/** Load the dialogs (cached per folder); throws `DataError` naming file, path and problem. */
export function loadDialogs(dir: string = path.join(PROJECT_ROOT, 'dialogs')): Dialogs {
  const key = path.resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  const d = readOrThrow((problems) => readDialogs(key, problems));
  cache.set(key, d);
  return d;
}
