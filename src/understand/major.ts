/** The major studied and how it relates to the series of the job (通知三（二）). */
import type { Policy } from '../policy/load.js';
import { push } from './fact-list.js';
import type { Fact } from './facts.js';
import { allHits, bestHits, findWord, globalPattern, patterns } from './match.js';

type Vocab = Policy['vocabulary'];

/**
 * The entries a short major abbreviates: each of its characters begins another word of one entry, in
 * order (财会 = 财务管理 + 会计, as Chinese shortens a pair of fields), the way people name a major.
 */
function abbreviated(major: string, v: Vocab): Vocab['majors'] {
  if (major.length < 2 || major.length > 3) return [];
  return v.majors.filter((e) => {
    const used = new Set<string>();
    return [...major].every((c) => {
      const w = e.words.find((x) => x.length >= 2 && x.startsWith(c) && !used.has(x));
      if (w) used.add(w);
      return w !== undefined;
    });
  });
}

/** The major studied, by the vocabulary's cues, with where it stands in `t`; undefined when none is known. */
export function findMajor(t: string, policy: Policy): { major: string; words: string; start: number; end: number } | undefined {
  const v = policy.vocabulary;
  for (const cue of v.majorCues) {
    for (const m of t.matchAll(globalPattern(cue))) {
      const raw = m[2] && !/^(专业|的)$/.test(m[2]) ? m[2] : m[1];
      if (!raw) continue;
      // "本科学的会计" → 会计; a 学 inside the name (计算机科学与技术) stays.
      const cand = raw.replace(/^.*(本科|大专|专科|中专|硕士|研究生|博士|学的|读的)/u, '').replace(/^学/u, '') || raw;
      const known = bestHits(cand, v.majors);
      if (!known.length && !abbreviated(cand, v).length) continue;
      // "在城投上班汉语言文学本科": the major starts at its first known word.
      const major = known.length ? cand.slice(known[0]!.start) : cand;
      const start = m.index! + m[0].indexOf(major);
      return { major, words: m[0], start, end: start + major.length };
    }
  }
  return undefined;
}

/** The studied major and, when the vocabulary knows it, whether it fits the series of the job. */
export function understandMajor(t: string, policy: Policy, facts: Fact[]): void {
  const v = policy.vocabulary;
  const found = findMajor(t, policy);
  // "干的跟学的不太一样", the major not named: whether it is close decides (三（二）), so it is asked;
  // "完全不对口" says it differs.
  const differs = (v.majorRelationSaid ? patterns(v.majorRelationSaid.patterns) : []).map((r) => r.exec(t)).find(Boolean);
  if (differs && v.majorRelationSaid && (!found || findWord(t.slice(Math.max(0, differs.index - 2), differs.index + differs[0].length), v.majorRelationSaid.firm))) {
    if (findWord(t.slice(Math.max(0, differs.index - 2), differs.index + differs[0].length), v.majorRelationSaid.firm)) push(facts, 'majorRelation', '不同', 'said', differs[0]);
    else {
      push(facts, 'majorRelation', '相近', 'assumed', differs[0]);
      Object.assign(facts.find((f) => f.field === 'majorRelation')!, { otherValues: ['不同'], unknown: true });
    }
  }
  if (!found) return;
  const { major, words } = found;
  push(facts, 'majorStudied', major, 'said', words);
  // Every entry that names the major (园林 fits 工程 and 农业), not only the first listed.
  const spans = bestHits(major, v.majors);
  const entries = spans.length ? allHits(major, v.majors).filter((h) => spans.some((b) => b.start === h.start && b.end === h.end)).map((h) => h.entry) : abbreviated(major, v);
  const fits = [...new Set(entries.flatMap((e) => e.series))];
  const seriesFact = facts.find((f) => f.field === 'series');
  // No job named, or only the workplace: working in the field studied is the usual reading (the
  // default majorRelation), the other series the major fits stay open as options.
  if (!seriesFact || (seriesFact.basis === 'assumed' && !seriesFact.firm && !fits.includes(String(seriesFact.value)))) {
    if (seriesFact) facts.splice(facts.indexOf(seriesFact), 1);
    facts.push({ field: 'series', value: fits[0]!, basis: 'assumed', words, ...(fits.length > 1 ? { options: fits.slice(1) } : {}), fromMajor: true });
  } else if (seriesFact.basis === 'assumed' && fits.includes(String(seriesFact.value))) {
    // The workplace (国有林场) and the major studied (园林) agree: two clues, stated as understood.
    seriesFact.firm = true;
  }
  const series = facts.find((f) => f.field === 'series')?.value as string | undefined;
  if (!series) return;
  if (!fits.includes(series) && v.majorAnySeries.includes(series)) return;
  // Research in the major's own field (果树学 → 自然科学研究): close to it (三（二）), not a different field.
  const close = entries.some((e) => e.close.includes(series));
  push(facts, 'majorRelation', fits.includes(series) ? '相同' : close ? '相近' : '不同', 'assumed', words);
  // Working in the field studied: the specialty is the major (软件工程 → 以考代评 in engineering).
  if (fits.includes(series)) push(facts, 'specialty', major, 'assumed', words);
}
