/** The plain Chinese text of a verdict (the human form of `screen`), from dialogs/checks.yaml. */
import { formatChineseDate } from '../policy/dates.js';
import { checkTexts, fill } from './texts.js';
import type { Verdict } from './verdict.js';

const mark = { pass: '✓', fail: '✗', review: '？', warn: '！' } as const;

/** Render a verdict as lines of Chinese text, each reason with its clause. */
export function formatVerdictText(v: Verdict): string {
  const t = checkTexts().verdict;
  const lines: string[] = [];
  const head = { eligible: t.eligible, ineligible: t.ineligible, needs_review: t.needs_review, incomplete: t.incomplete }[v.outcome];
  lines.push(fill(head, { level: v.level ?? '', batchName: v.window.name, levelNote: v.level ? fill(t.levelNote, { level: v.level }) : '', missing: v.missing.join(t.listJoin) }));
  lines.push(t.reasons);
  for (const c of v.checks) lines.push(`${mark[c.status]} ${c.message}（${c.source.doc} ${c.source.clause}）`);
  lines.push(fill(t.window, { opens: formatChineseDate(v.window.opens), closes: formatChineseDate(v.window.closes), batchName: v.window.name, cutoff: formatChineseDate(v.cutoffDate) }));
  if (v.qualifiesOn) lines.push(fill(t.qualifiesOn, { date: formatChineseDate(v.qualifiesOn) }));
  lines.push(t.materials, ...v.materials.map((m) => `• ${m}`));
  lines.push(t.disclaimer);
  return lines.join('\n');
}
