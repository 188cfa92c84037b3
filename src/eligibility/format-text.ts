/** The plain Chinese text of a verdict (the human form of `screen`), from dialogs/checks.yaml. */
import { formatChineseDate } from '../policy/dates.js';
import { checkTexts, fill } from './texts.js';
import type { Verdict } from './verdict.js';

const mark = { pass: '✓', fail: '✗', review: '？', warn: '！' } as const;

/** The first lines: a lapsed notice first, then the outcome. */
function headline(v: Verdict, year: string): string[] {
  const t = checkTexts().verdict;
  const lapsed = v.batch === null;
  const result =
    v.outcome === 'eligible'
      ? fill(lapsed ? t.eligibleToday : t.eligible, { level: v.level ?? '', batchName: v.window.name })
      : v.outcome === 'needs_review' && v.obtain?.length
        ? fill(t.obtain, { obtain: v.obtain.join(t.listJoin) })
        : v.outcome === 'incomplete'
          ? fill(t.incomplete, { missing: v.missing.join(t.listJoin) })
          : t[v.outcome];
  return lapsed ? [fill(t.lapsed, { year }), result] : [result];
}

/** Render a verdict as lines of Chinese text, each reason with its clause. */
export function formatVerdictText(v: Verdict): string {
  const t = checkTexts().verdict;
  const lines: string[] = [];
  const year = /〔(\d{4})〕/.exec(v.window.source.doc)?.[1] ?? v.window.closes.slice(0, 4);
  lines.push(...headline(v, year));
  lines.push(t.reasons);
  for (const c of v.checks) lines.push(`${mark[c.status]} ${c.message}（${(c.sources ?? [c.source]).map((s) => `${s.doc} ${s.clause}`).join('；')}）`);
  const w = { opens: formatChineseDate(v.window.opens), closes: formatChineseDate(v.window.closes), batchName: v.window.name, cutoff: formatChineseDate(v.cutoffDate) };
  lines.push(fill(v.batch === null ? t.countedToToday : t.window, w));
  if (v.reachableLevel) lines.push(fill(t.reachable, { level: v.reachableLevel }));
  if (v.qualifiesOn) lines.push(fill(t.qualifiesOn, { date: formatChineseDate(v.qualifiesOn) }));
  lines.push(t.materials, ...v.materials.map((m) => `• ${m}`));
  lines.push(t.disclaimer);
  return lines.join('\n');
}
