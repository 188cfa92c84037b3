/** A situation judgement as a few lines for a phone screen, and as the `situation` JSON object. */
import { fill } from '../dialog/text.js';
import type { Check, Verdict } from '../eligibility/verdict.js';
import { formatChineseDate } from '../policy/dates.js';
import type { Policy } from '../policy/load.js';
import type { Source, TitleLevel } from '../policy/schema.js';
import type { Fact } from '../understand/facts.js';
import type { Situation, Unknown } from './judge.js';
import type { SituationTexts } from './texts.js';

/** "助理级（助理工程师）" where the series names its titles. */
export function levelName(policy: Policy, series: string | undefined, level: TitleLevel | null | undefined): string {
  if (!level) return '';
  const name = policy.series.series.find((s) => s.name === series)?.titles?.[level];
  return name ? `${level}（${name}）` : level;
}

function windowLine(v: Verdict, t: SituationTexts): string {
  const w = v.window;
  const vars = { batchName: w.name, opens: formatChineseDate(w.opens), closes: formatChineseDate(w.closes), daysLeft: w.daysLeft, daysUntil: w.daysUntilOpen };
  if (w.state === 'open') return fill(w.daysLeft === 0 ? t.window.lastDay : t.window.open, vars);
  // A teacher asking while the general batch is open: that batch is not theirs (通知 一).
  if (w.state === 'upcoming') return fill(w.othersOpen ? t.window.upcomingEducation : t.window.upcoming, vars);
  return t.window.over;
}

function reasonLine(c: Check | undefined, t: SituationTexts): string | undefined {
  return c ? fill(t.reason, { message: c.message.replace(/[。.]$/, ''), doc: c.source.doc, clause: c.source.clause }) : undefined;
}

function missingName(u: Unknown, t: SituationTexts): string {
  return fill(t.missingNames[u.field] ?? u.field, { certificate: u.value });
}

function showDate(f: Fact): string {
  const d = String(f.value);
  if (f.range && f.range[0] !== f.range[1]) return `${Number(d.slice(0, 4))}年`;
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月`;
}

/** The facts as understood, one short phrase each, assumptions marked. */
export function factsLine(facts: readonly Fact[], t: SituationTexts): string {
  const parts: string[] = [];
  for (const f of facts) {
    const template = t.facts[f.field];
    if (!template || f.value === null) continue;
    if (f.field === 'employer.name' && facts.some((x) => x.field === 'employer.type' && x.words === f.value)) continue;
    let value: string;
    if (f.field === 'graduationDate' || f.field === 'technicalWorkStart' || f.field === 'disciplinaryEndDate') value = showDate(f);
    else if (f.field === 'certificates') value = (f.value as string[]).length ? (f.value as string[]).join('、') : t.noCertificates;
    else value = String(f.value);
    if (f.field === 'certificates' && !(f.value as string[]).length) {
      parts.push(t.noCertificates);
      continue;
    }
    parts.push(fill(template, { value }) + (f.basis === 'assumed' && f.field === 'employer.type' ? t.assumedMark : ''));
  }
  return parts.length ? fill(t.understood, { facts: parts.join(t.factJoin) }) : '';
}

/** The reply text (without the self-test offer) and the sources it cites. */
export function renderSituation(s: Situation, policy: Policy, t: SituationTexts): { text: string; sources: Source[] } {
  const v = s.verdict;
  const series = v.series;
  const lines: string[] = [];
  const sources: Source[] = [];
  const cite = (c: Check | undefined) => {
    const r = reasonLine(c, t);
    if (r && c) {
      lines.push(r);
      sources.push(c.source);
    }
  };
  const level = levelName(policy, series, s.level);
  const fails = v.checks.filter((c) => c.status === 'fail');
  const levelCheck = v.checks.find((c) => c.rule === 'level');
  // The assumptions the answer rests on, one "前提" line each.
  const conditions = () => {
    for (const u of s.assumptions) {
      const template =
        u.field === 'certificates' ? t.conditions.certificatePending
        : u.field === 'series' ? (u.value ? t.conditions.series : t.conditions.seriesUnknown)
        : u.field === 'priorWork' ? t.conditions.priorWork
        : u.value ? t.conditions.employerType : t.conditions.employerTypeUnknown;
      const value = u.field === 'priorWork' && u.value ? formatChineseDate(u.value) : u.value;
      lines.push(fill(t.condition, { text: fill(template, { value, words: u.words, certificate: u.value }) }));
    }
    const si = v.checks.find((c) => c.rule === 'social_insurance');
    if (s.deciding.includes('social_insurance') && si) {
      lines.push(fill(t.condition, { text: fill(t.conditions.socialInsurance, { doc: si.source.doc, clause: si.source.clause }) }));
      sources.push(si.source);
    }
  };
  switch (s.outcome) {
    case 'ineligible':
      lines.push(t.outcome.ineligible);
      if (s.deciding.includes('degree')) lines.push(fill(t.degreeFallback, { education: String(s.facts.find((f) => f.field === 'education')?.value ?? '') }));
      for (const c of fails) cite(c);
      break;
    case 'not_yet': {
      if (s.deciding.includes('window') && s.missing.length) {
        // The years are not known: no years are claimed, the level is what they would give.
        lines.push(t.outcome.closedUnknown);
        lines.push(fill(t.favourable, { condition: s.missing.map((u) => favourableText(u, t)).join(t.missingJoin), level }));
        sources.push(v.window.source);
        break;
      }
      if (s.deciding.includes('window') && s.batch) {
        // Nothing open for this person today and the ask was about now: the batch ahead and its level.
        lines.push(fill(t.outcome.notNow, { level }));
        if (s.lowerAsked) lines.push(fill(t.lowerAsked, { asked: levelName(policy, series, s.lowerAsked) }));
        lines.push(windowLine(v, t));
        sources.push(v.window.source);
        cite(levelCheck);
        for (const c of v.checks.filter((x) => x.status === 'review')) cite(c);
        conditions();
        break;
      }
      if (s.deciding.includes('window')) {
        lines.push(fill(t.outcome.closed, { level }));
        cite(levelCheck);
        break;
      }
      lines.push(t.outcome.not_yet);
      cite(levelCheck);
      conditions();
      if (s.later && !levelCheck?.message.includes(s.later.window.name)) {
        lines.push(fill(t.window.later, { batchName: s.later.window.name, opens: formatChineseDate(s.later.window.opens), closes: formatChineseDate(s.later.window.closes), level: levelName(policy, series, s.later.level) }));
        sources.push(s.later.window.source);
      } else if (!s.later) lines.push(t.window.laterNone);
      if (s.later) sources.push(s.later.window.source);
      break;
    }
    case 'needs_info': {
      lines.push(fill(t.outcome.needs_info, { missing: s.missing.map((u) => missingName(u, t)).join(t.missingJoin) }));
      // The level a favourable reading gives is only worth saying when the education, which sets it, is known.
      if (v.level && !s.missing.some((u) => u.field === 'education')) lines.push(fill(t.favourable, { condition: s.missing.map((u) => favourableText(u, t)).join(t.missingJoin), level: levelName(policy, series, v.level) }));
      lines.push(windowLine(v, t));
      sources.push(v.window.source);
      break;
    }
    default: {
      lines.push(fill(t.outcome[s.outcome], { level }));
      if (s.lowerAsked) lines.push(fill(t.lowerAsked, { asked: levelName(policy, series, s.lowerAsked) }));
      // "能直接认助理吗" from a 中专 without 员级: why not the level asked, before the one given.
      if (s.askedLevel) {
        lines.push(fill(t.askedLevel, { message: s.askedLevel.message.replace(/[。.]$/, ''), doc: s.askedLevel.source.doc, clause: s.askedLevel.source.clause }));
        sources.push(s.askedLevel.source);
      }
      lines.push(windowLine(v, t));
      sources.push(v.window.source);
      cite(levelCheck);
      for (const c of v.checks.filter((x) => x.status === 'review')) cite(c);
      conditions();
    }
  }
  const understood = factsLine(s.facts, t);
  if (understood) lines.push(understood);
  if (s.outcome !== 'ineligible') lines.push(t.defaults);
  return { text: lines.join('\n'), sources: dedupe(sources) };
}

function favourableText(u: Unknown, t: SituationTexts): string {
  const name = missingName(u, t);
  if (u.field === 'certificates') return name.replace(/^是否/, '');
  if (u.field === 'employer.type') return '单位为江西省内的国有企业或事业单位';
  return `${name}符合要求`;
}

/** Sources without repeats, in order. */
export function dedupe(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = `${s.doc}|${s.clause}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The `situation` object of `ask --json` (docs/contract.md). */
export function situationJson(s: Situation): Record<string, unknown> {
  return {
    outcome: s.outcome,
    level: s.level,
    batch: s.batch,
    deciding: s.deciding,
    missing: s.missing.map((u) => u.field),
    assumed: s.assumptions.map((u) => ({ field: u.field, value: u.value, words: u.words })),
    ...(s.verdict.qualifiesOn ? { qualifiesOn: s.verdict.qualifiesOn } : {}),
    facts: s.facts.map((f) => ({ field: f.field, value: f.value, basis: f.basis, words: f.words })),
  };
}
