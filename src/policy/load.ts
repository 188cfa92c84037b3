/**
 * Loads and cross-checks the policy data in rules/: notices (batches, windows), the 2013 method
 * (routes, extensions), the series and the materials. Throws `DataError` listing every problem.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './root.js';
import { readYaml } from './yaml-file.js';
import { readOrThrow, displayPath, type DataProblem } from './problems.js';
import { materialsFile, method, notice, seriesFile, type Batch, type Material, type Method, type Notice, type SeriesFile } from './schema.js';
import { vocabularyFile, type Vocabulary } from './vocabulary.js';

/** The repository root (where rules/, knowledge/, dialogs/ live); see ./root.ts. */
export { PROJECT_ROOT };

/** A batch together with the notice that announced it (its number, clauses, system, office). */
export interface PolicyBatch extends Batch {
  notice: Notice;
}

/** Everything the engines need from rules/. */
export interface Policy {
  notices: Notice[];
  /** All batches of all notices, sorted by opening date. */
  batches: PolicyBatch[];
  method: Method;
  series: SeriesFile;
  materials: Material[];
  /** What people say about themselves → profile facts (rules/vocabulary.yaml). */
  vocabulary: Vocabulary;
}

/** Load rules/ (or `rulesDir`); collect problems in `problems` and return what validated. */
export function readPolicy(rulesDir: string, problems: DataProblem[]): Policy | undefined {
  const noticeDir = path.join(rulesDir, 'notices');
  const noticeFiles = existsSync(noticeDir) ? readdirSync(noticeDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (noticeFiles.length === 0) problems.push({ file: displayPath(noticeDir), path: '', message: '没有找到任何通知文件（rules/notices/*.yaml）' });
  const notices = noticeFiles
    .map((f) => readYaml(path.join(noticeDir, f), notice, problems))
    .filter((n): n is Notice => n !== undefined);
  const m = readYaml(path.join(rulesDir, 'method-2013.yaml'), method, problems);
  const s = readYaml(path.join(rulesDir, 'series.yaml'), seriesFile, problems);
  const mat = readYaml(path.join(rulesDir, 'materials.yaml'), materialsFile, problems);
  const vocabulary = readYaml(path.join(rulesDir, 'vocabulary.yaml'), vocabularyFile, problems);
  if (!m || !s || !mat || !vocabulary || notices.length !== noticeFiles.length || notices.length === 0) return undefined;

  const batches = notices
    .flatMap((n) => n.batches.map((b) => ({ ...b, notice: n })))
    .sort((a, b) => a.opens.localeCompare(b.opens));
  const policy: Policy = { notices, batches, method: m, series: s, materials: mat.materials, vocabulary };
  problems.push(...crossCheck(policy, displayPath(rulesDir)));
  return problems.length ? undefined : policy;
}

/** Consistency between files that a schema alone cannot see. */
function crossCheck(p: Policy, dir: string): DataProblem[] {
  const out: DataProblem[] = [];
  const names = new Set(p.series.series.map((s) => s.name));
  const seenAlias = new Map<string, string>();
  p.series.series.forEach((s, i) => {
    for (const a of [s.name, ...s.aliases]) {
      const prev = seenAlias.get(a);
      if (prev && prev !== s.name) out.push({ file: `${dir}/series.yaml`, path: `series.${i}.aliases`, message: `别名“${a}”同时属于“${prev}”和“${s.name}”` });
      seenAlias.set(a, s.name);
    }
  });
  p.series.employerKindHints.forEach((h, i) => {
    for (const [kind, target] of Object.entries(h.kinds)) {
      if (!names.has(target)) out.push({ file: `${dir}/series.yaml`, path: `employerKindHints.${i}.kinds.${kind}`, message: `未知的系列“${target}”` });
    }
  });
  p.vocabulary.series.forEach((v, i) => {
    if (!names.has(v.series)) out.push({ file: `${dir}/vocabulary.yaml`, path: `series.${i}.series`, message: `未知的系列“${v.series}”` });
  });
  p.vocabulary.majors.forEach((m, i) => {
    m.series.forEach((name, j) => {
      if (!names.has(name)) out.push({ file: `${dir}/vocabulary.yaml`, path: `majors.${i}.series.${j}`, message: `未知的系列“${name}”` });
    });
  });
  if (!names.has(p.series.vocationalSchools.series)) {
    out.push({ file: `${dir}/series.yaml`, path: 'vocationalSchools.series', message: `未知的系列“${p.series.vocationalSchools.series}”` });
  }
  const other = p.series.vocationalSchools.otherSeriesTitles?.series;
  if (other && !names.has(other)) out.push({ file: `${dir}/series.yaml`, path: 'vocationalSchools.otherSeriesTitles.series', message: `未知的系列“${other}”` });
  p.notices.forEach((n) => {
    n.educationSystem.series.forEach((name, i) => {
      if (!names.has(name)) out.push({ file: `${dir}/notices/${n.id}.yaml`, path: `educationSystem.series.${i}`, message: `未知的系列“${name}”` });
    });
    n.batches.forEach((b, i) => {
      if (b.cutoff < b.closes) out.push({ file: `${dir}/notices/${n.id}.yaml`, path: `batches.${i}.cutoff`, message: '年限终算日期早于窗口截止日期' });
    });
  });
  const ids = new Set<string>();
  for (const b of p.batches) {
    if (ids.has(b.id)) out.push({ file: `${dir}/notices`, path: `batches.${b.id}`, message: `批次编号“${b.id}”重复` });
    ids.add(b.id);
  }
  return out;
}

/** The newest notice (by file order): whose office answers questions when no batch is in view. */
export function latestNotice(policy: Policy): Notice {
  return policy.notices[policy.notices.length - 1]!;
}

const cache = new Map<string, Policy>();

/** Load the policy (cached per folder); throws `DataError` naming file, path and problem. */
export function loadPolicy(rulesDir: string = path.join(PROJECT_ROOT, 'rules')): Policy {
  const key = path.resolve(rulesDir);
  const hit = cache.get(key);
  if (hit) return hit;
  const policy = readOrThrow((problems) => readPolicy(key, problems));
  cache.set(key, policy);
  return policy;
}
