/**
 * Reading and checking the knowledge data: knowledge/*.yaml (entries), knowledge/lexicon.yaml
 * and dialogs/ask.yaml. Problems name file, path and what is wrong; nothing here throws.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { addDays, format, parseISO } from 'date-fns';
import { readYaml } from '../policy/yaml-file.js';
import { displayPath, zodProblems, type DataProblem } from '../policy/problems.js';
import { scopeModel, type ScopeModel } from './scope.js';
import type { Policy } from '../policy/load.js';
import { askTexts, entriesFile, lexicon, type AskTexts, type Entry, type Lexicon } from './schema.js';
import { answerVars, fill } from './render.js';
import { createNormalizer, type BatchMonths, type DateMark, type Normalizer } from './normalize.js';

/** Everything the knowledge base is built from. */
export interface KnowledgeData {
  entries: Entry[];
  /** File each entry came from, for messages. */
  fileOf: Map<string, string>;
  lexicon: Lexicon;
  texts: AskTexts;
  /** The lexicon's normalizer (memoised while loading), shared with the index so each phrasing is normalized once. */
  normalize: Normalizer;
}

export const LEXICON_FILE = 'lexicon.yaml';
/** The trained scope model (scripts/train-scope.ts writes it). */
export const SCOPE_MODEL_FILE = 'scope-model.json';

/** Read and validate knowledge/scope-model.json; undefined (and a problem naming the file) when it is missing or malformed. */
export function readScopeModel(file: string, problems: DataProblem[]): ScopeModel | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push({ file: displayPath(file), path: '', message: `无法读取范围模型（请运行 npm run train:scope 重新生成）：${(err as Error).message}` });
    return undefined;
  }
  const r = scopeModel.safeParse(raw);
  if (!r.success) {
    problems.push(...zodProblems(displayPath(file), r.error));
    return undefined;
  }
  return r.data;
}

/** Read knowledge/ (entries + lexicon) and dialogs/ask.yaml; undefined when anything is invalid. */
export function readKnowledge(knowledgeDir: string, askFile: string, problems: DataProblem[], policy?: Policy): KnowledgeData | undefined {
  const before = problems.length;
  const files = existsSync(knowledgeDir)
    ? readdirSync(knowledgeDir).filter((f) => /\.ya?ml$/.test(f) && f !== LEXICON_FILE).sort()
    : [];
  if (files.length === 0) problems.push({ file: displayPath(knowledgeDir), path: '', message: '没有找到任何知识条目文件（knowledge/*.yaml）' });
  const entries: Entry[] = [];
  const fileOf = new Map<string, string>();
  const position = new Map<string, string>();
  for (const f of files) {
    const file = displayPath(path.join(knowledgeDir, f));
    const data = readYaml(path.join(knowledgeDir, f), entriesFile, problems, file);
    data?.entries.forEach((e, i) => {
      if (fileOf.has(e.id)) problems.push({ file, path: `entries.${i}.id`, message: `条目 id “${e.id}”重复（另见 ${fileOf.get(e.id)}）` });
      fileOf.set(e.id, file);
      position.set(e.id, `entries.${i}`);
      entries.push(e);
    });
  }
  const lex = readYaml(path.join(knowledgeDir, LEXICON_FILE), lexicon, problems, displayPath(path.join(knowledgeDir, LEXICON_FILE)));
  const texts = readYaml(askFile, askTexts, problems, displayPath(askFile));
  if (problems.length > before || !lex || !texts) return undefined;

  const where = (id: string) => ({ file: fileOf.get(id)!, at: position.get(id)! });
  const ids = new Set(entries.map((e) => e.id));
  for (const e of entries) {
    const { file, at } = where(e.id);
    for (const key of ['needs', 'yieldsTo'] as const)
      e[key]?.forEach((c, i) => {
        if (!(c in lex.concepts)) problems.push({ file, path: `${at}.${key}.${i}`, message: `概念“${c}”没有在 knowledge/lexicon.yaml 的 concepts 中定义` });
      });
    // An honest "not found" must say so in the answer, in the words it names.
    if (e.notInDocuments && !e.answer.includes(e.notInDocuments.says))
      problems.push({ file, path: `${at}.notInDocuments.says`, message: `答案里没有“${e.notInDocuments.says}”：文件里查不到的内容，答案必须如实说明` });
    e.related.forEach((r, i) => {
      if (!ids.has(r)) problems.push({ file, path: `${at}.related.${i}`, message: `相关条目“${r}”不存在` });
      if (r === e.id) problems.push({ file, path: `${at}.related.${i}`, message: '条目不能与自己相关' });
    });
  }
  const normalize = createNormalizer(lex, policy ? batchMonths(policy) : [], policy ? dateMarks(policy) : []);
  checkDuplicatePhrasings(entries, normalize, where, problems);
  checkConceptNames(lex, displayPath(path.join(knowledgeDir, LEXICON_FILE)), problems);
  checkConceptVariants(lex, normalize, displayPath(path.join(knowledgeDir, LEXICON_FILE)), problems);
  if (policy) checkAgainstPolicy(entries, texts, policy, where, problems);
  return problems.length > before ? undefined : { entries, fileOf, lexicon: lex, texts, normalize };
}

/** Per batch of the year (第一批, 第二批 … as its name in rules/ says), the months its windows span. */
function batchMonths(policy: Policy): BatchMonths[] {
  const out: BatchMonths[] = [];
  for (const n of policy.notices)
    n.batches.forEach((b) => {
      const name = /第[一二三四五六七八九十]+批/.exec(b.name)?.[0];
      if (!name) return;
      let entry = out.find((x) => x.name === name);
      if (!entry) {
        entry = { name, months: [] };
        out.push(entry);
      }
      for (let m = Number(b.opens.slice(5, 7)); m <= Number(b.closes.slice(5, 7)); m++) if (!entry.months.includes(m)) entry.months.push(m);
    });
  return out;
}

/** Days that mean something: each window's last day, the ten days after it, the employers' deadline. */
function dateMarks(policy: Policy): DateMark[] {
  const out: DateMark[] = [];
  const add = (iso: string, mark: string) => {
    const d = parseISO(iso);
    out.push({ month: d.getMonth() + 1, day: d.getDate(), mark });
  };
  for (const n of policy.notices) {
    for (const b of n.batches) {
      add(b.closes, '截止当天');
      for (let i = 1; i <= 10; i++) add(format(addDays(parseISO(b.closes), i), 'yyyy-MM-dd'), '截止以后');
    }
    if (n.employerDeadline) add(n.employerDeadline.date, '单位完成期限');
  }
  return out;
}

/** The same phrasing (after normalization) under two entries makes the answer a coin toss. */
function checkDuplicatePhrasings(entries: Entry[], norm: (text: string) => string, where: (id: string) => { file: string; at: string }, problems: DataProblem[]): void {
  const seen = new Map<string, string>();
  for (const e of entries) {
    const lists = [['questions', e.questions], ['notInDocuments.phrasings', e.notInDocuments?.phrasings ?? []]] as const;
    for (const [key, list] of lists)
      list.forEach((q, i) => {
        const k = norm(q);
        const other = seen.get(k);
        if (other && other !== `${e.id}:${key}`) {
          const { file, at } = where(e.id);
          problems.push({ file, path: `${at}.${key}.${i}`, message: `问法“${q}”同时出现在${other.startsWith(e.id + ':') ? '本条目的另一个列表' : `条目“${other.split(':')[0]}”`}中` });
        }
        seen.set(k, `${e.id}:${key}`);
      });
  }
}

/** The ranking's concept lists must name concepts defined under `concepts`, and every pattern must compile. */
function checkConceptNames(lex: Lexicon, file: string, problems: DataProblem[]): void {
  lex.decisiveConcepts.forEach((c, i) => {
    if (!(c in lex.concepts)) problems.push({ file, path: `decisiveConcepts.${i}`, message: `概念“${c}”没有在 concepts 中定义` });
  });
  // Every regular expression must compile: a broken one would throw at the first question.
  for (const [c, patterns] of Object.entries(lex.conceptPatterns)) {
    if (!(c in lex.concepts)) problems.push({ file, path: `conceptPatterns.${c}`, message: `概念“${c}”没有在 concepts 中定义` });
    patterns.forEach((p, i) => {
      try {
        new RegExp(p, 'u');
      } catch (err) {
        problems.push({ file, path: `conceptPatterns.${c}.${i}`, message: `正则表达式写错了：${(err as Error).message}` });
      }
    });
  }
  lex.instructionPatterns.forEach((p, i) => {
    try {
      new RegExp(p, 'iu');
    } catch (err) {
      problems.push({ file, path: `instructionPatterns.${i}`, message: `正则表达式写错了：${(err as Error).message}` });
    }
  });
}

/**
 * A concept variant is matched after normalization. If the typo/synonym tables rewrite it into a
 * word that is not a variant of the same concept (评职称 → 职称 under 认定), the concept silently
 * fires on every text with that word (every 职称 question would "name 认定"): refuse it.
 */
function checkConceptVariants(lex: Lexicon, normalize: (text: string) => string, file: string, problems: DataProblem[]): void {
  const plain = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const [c, vs] of Object.entries(lex.concepts)) {
    const own = new Set([c, ...vs].map(plain));
    vs.forEach((v, i) => {
      const n = normalize(v);
      if (n === plain(v) || own.has(n)) return;
      problems.push({ file, path: `concepts.${c}.${i}`, message: `概念“${c}”的变体“${v}”归一化后变成“${n}”，会让所有含“${n}”的问题都带上概念“${c}”；请删除该变体或调整同义词表` });
    });
  }
}

/** Placeholders must exist in the policy data, and sources must name documents the policy knows. */
function checkAgainstPolicy(entries: Entry[], texts: AskTexts, policy: Policy, where: (id: string) => { file: string; at: string }, problems: DataProblem[]): void {
  const docs = new Set<string>([policy.method.doc, ...policy.method.aliases]);
  for (const n of policy.notices) {
    docs.add(n.doc);
    for (const b of n.basis) docs.add(b.doc);
  }
  // Render on the first day of each batch and after the last one, so every template branch runs.
  const days = [...policy.batches.map((b) => b.opens), policy.batches[policy.batches.length - 1]!.closes];
  // The values depend only on day and audience: compute each set once, not once per entry
  // (this check runs on every start-up; per entry it was the costliest part of loading).
  const varSets = days.flatMap((day) => (['general', 'education'] as const).map((aud) => answerVars(policy, day, aud, texts)));
  for (const e of entries) {
    const { file, at } = where(e.id);
    const unknown = new Set<string>();
    for (const vars of varSets) fill(e.answer, vars, unknown);
    for (const name of unknown) problems.push({ file, path: `${at}.answer`, message: `未知的占位符 {${name}}（可用的占位符见 docs/knowledge.md）` });
    if (/\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}/.test(e.answer)) {
      problems.push({ file, path: `${at}.answer`, message: '答案里不要直接写日期，请用占位符（如 {b1.closes}），日期只在 rules/ 中维护' });
    }
    e.sources.forEach((s, i) => {
      if (!docs.has(s.doc)) problems.push({ file, path: `${at}.sources.${i}.doc`, message: `未知的文件号“${s.doc}”（应为 rules/ 中通知或其依据文件之一）` });
    });
  }
}
