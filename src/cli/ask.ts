/**
 * `ask`: answer a policy question from the knowledge file (shared CONTRACT.md).
 *   ask [--now D] "question"          readable Chinese
 *   ask --json [--now D] "question"   one JSON object
 *   ask --jsonl [--now D] < in.jsonl  one answer per input line, in order, id copied back
 *   ask --explain [--now D] "question" the answer, then how it was decided (ranking, scope rules and their reasons)
 */
import { loadPolicy } from '../policy/load.js';
import { loadKnowledge, type KnowledgeBaseInternals } from '../knowledge/index.js';
import { createAnswerer, type Answered, type Answerer } from '../answer/index.js';
import { situationJson } from '../answer/render.js';
import { jsonlLines, lineProblem, salvageId, MAX_QUESTION_CHARS, readStdin, resolveNow, takeFlag, UsageError, validNow } from './io.js';

/** The JSON shape of one answer line (contract fields in contract order, then `situation`, `parts`). */
function toJson(a: Answered, id?: string | number): Record<string, unknown> {
  return {
    ...(id !== undefined ? { id } : {}),
    found: a.found,
    answer: a.answer,
    sources: a.sources,
    ...(a.entry ? { entry: a.entry } : {}),
    ...(a.situation ? { situation: situationJson(a.situation) } : {}),
    ...(a.parts ? { parts: a.parts } : {}),
  };
}


/** One JSONL input line → one output object; a bad line yields `{id, error}` and never throws. */
export function answerLine(answerer: Answerer, line: string, defaultNow: string): Record<string, unknown> {
  const problem = lineProblem(line);
  if (problem) {
    const id = salvageId(line);
    return id === undefined ? { error: problem } : { id, error: problem };
  }
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: '这一行不是有效的 JSON' };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: '每一行应为一个 JSON 对象' };
  const o = input as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : undefined;
  const withId = (x: Record<string, unknown>) => (id !== undefined ? { id, ...x } : x);
  if (o.id !== undefined && id === undefined) return { error: 'id 应为字符串' };
  if (typeof o.question !== 'string' || o.question.trim() === '') return withId({ error: 'question 应为非空字符串' });
  if (o.question.length > MAX_QUESTION_CHARS) return withId({ error: `question 过长（${o.question.length} 字，上限 ${MAX_QUESTION_CHARS} 字）` });
  let now: string;
  try {
    now = validNow(o.now, defaultNow);
  } catch (e) {
    return withId({ error: (e as Error).message });
  }
  try {
    return toJson(answerer.answer(o.question, now), id);
  } catch (e) {
    // Whatever goes wrong with one line stays that line's error: the batch goes on.
    return withId({ error: `内部错误：${(e as Error).message}` });
  }
}

/** The readable form: the answer, its sources and related topics. */
function human(kb: KnowledgeBaseInternals, a: Answered): string {
  const t = kb.data.texts.human;
  const lines = [a.answer];
  if (a.found) {
    lines.push('', t.sources + a.sources.map((s) => `${s.doc} ${s.clause}`).join('；'));
    const titles = (a.related ?? []).map((id) => kb.data.entries.find((e) => e.id === id)?.title).filter(Boolean);
    if (titles.length) lines.push(t.related + titles.join('、'));
  }
  return lines.join('\n');
}

/** Run `ask` with the given arguments; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const rest = [...args];
  const json = takeFlag(rest, '--json');
  const jsonl = takeFlag(rest, '--jsonl');
  const explain = takeFlag(rest, '--explain');
  const now = resolveNow(rest);
  const unknown = rest.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`未知选项：${unknown}（可用：--json、--jsonl、--explain、--now YYYY-MM-DD）`);
  if (json && jsonl) throw new UsageError('--json 和 --jsonl 只能选一个');
  const question = rest.join(' ').trim();
  if (jsonl && question) throw new UsageError('--jsonl 从标准输入逐行读取问题，不要在命令行再给问题');
  if (!jsonl && !question) throw new UsageError('请给出问题，例如：ask --json "现在能申报吗"');
  if (question.length > MAX_QUESTION_CHARS) throw new UsageError(`问题过长（${question.length} 字，上限 ${MAX_QUESTION_CHARS} 字）`);

  const policy = loadPolicy();
  const kb = loadKnowledge(policy);
  const answerer = createAnswerer({ policy, knowledge: kb });
  if (jsonl) {
    const answers = jsonlLines(await readStdin()).map((l) => answerLine(answerer, l, now));
    if (answers.length) process.stdout.write(answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
    // Every line is answered; a bad one is its own error line, and the exit code says there was one.
    return answers.some((a) => 'error' in a) ? 2 : 0;
  }
  const a = answerer.answer(question, now);
  process.stdout.write((json ? JSON.stringify(toJson(a)) : human(kb, a)) + '\n');
  if (explain) process.stdout.write(`\n${kb.explain(question)}\n`);
  return 0;
}
