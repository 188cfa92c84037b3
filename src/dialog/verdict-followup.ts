/**
 * "理由" and "材料" after a verdict: every check with its full citation, or the personal materials
 * list. Nothing of the verdict is stored: the session keeps the answers anyway, plus the ID
 * number's check result (never the number), and the verdict is rebuilt on request, on the day of
 * the request (so a window that closed meanwhile is told as closed).
 */
import type { Reply } from '../messages/message.js';
import { checkIdNumber } from '../eligibility/id-number.js';
import type { Profile } from '../eligibility/profile.js';
import type { Verdict } from '../eligibility/verdict.js';
import type { Source } from '../policy/schema.js';
import type { DialogDeps } from './engine.js';
import type { Dialogs } from './load.js';
import { buildProfile, type DialogState, type Judged } from './state.js';
import { fill } from './text.js';
import { mergeByClause, verdictNotice, type VerdictDeps } from './verdict-text.js';

/**
 * Valid (and deliberately fake) ID numbers standing for a stored check result, so re-judging gives
 * the same ID check without keeping the number (GB 11643's published sample and a broken one).
 */
const SAMPLE_ID = { ok: '11010519491231002X', lowercase: '11010519491231002x', invalid: '110105194912310021' } as const;

/** What to keep in the session when a verdict is given: the ID check result, if a number was given. */
export function judgedMark(idNumber?: string): Judged {
  return idNumber ? { id: checkIdNumber(idNumber) } : {};
}

/** Which follow-up `text` asks for, if any. */
export function followUpKind(text: string, dialogs: Dialogs): 'reasons' | 'materials' | undefined {
  const f = dialogs.verdict.followUp;
  if (f.reasons.includes(text)) return 'reasons';
  if (f.materials.includes(text)) return 'materials';
  return undefined;
}

function sourcesText(sources: Source[]): string {
  const seen = new Set<string>();
  return sources.map((s) => `${s.doc} ${s.clause}`).filter((s) => !seen.has(s) && seen.add(s)).join('；');
}

/** Every check, merged by clause, with the full document names. */
export function reasonsText(v: Verdict, deps: VerdictDeps): string {
  const t = deps.dialogs.verdict;
  const lines = mergeByClause(v.checks).map((c) =>
    fill(t.reasonLine, { mark: t.marks[c.status], message: c.message.replace(/[。.]$/, ''), sources: sourcesText(c.sources ?? [c.source]) }),
  );
  return [fill(t.reasonsHeader, { count: lines.length }), ...lines, t.reasonsFooter].join('\n');
}

/** The materials to prepare for this applicant, each with its clause, and where to upload them. */
export function materialsText(v: Verdict, deps: VerdictDeps): string {
  const t = deps.dialogs.verdict;
  const notice = verdictNotice(v, deps.policy);
  const lines = [fill(t.materialsHeader, { system: notice.system.name })];
  if (v.outcome !== 'eligible') lines.push(t.materialsNotEligible);
  for (const m of v.materials) lines.push(fill(t.material, { text: m }));
  lines.push(fill(t.materialsFooter, { url: notice.system.url, doc: notice.system.source.doc, clause: notice.system.source.clause }));
  return lines.join('\n');
}

/** The profile the verdict was given for, rebuilt from the stored answers. */
function judgedProfile(st: DialogState, deps: DialogDeps): Profile {
  const id = st.judged?.id ? { idNumber: SAMPLE_ID[st.judged.id] } : {};
  const p = buildProfile(deps.dialogs.interview, st, deps.policy, id);
  // As when judging: a finished interview that never asked about certificates means none.
  return p.certificates ? p : { ...p, certificates: [] };
}

/**
 * The reply to "理由"/"材料" after a verdict, or undefined. An interview stopped early (phase
 * stopped) has only partial answers: "理由" gives its deciding fails alone (the others would be
 * guesses), and "材料" is left to the general answer.
 */
export function followUp(st: DialogState, text: string, deps: DialogDeps): Reply[] | undefined {
  const kind = followUpKind(text, deps.dialogs);
  if (!kind || (st.phase !== 'done' && st.phase !== 'stopped')) return undefined;
  if (st.phase === 'stopped') {
    if (kind === 'materials') return undefined;
    const v = deps.evaluate(buildProfile(deps.dialogs.interview, st, deps.policy), deps.policy, deps.now);
    const fails = v.checks.filter((c) => c.status === 'fail');
    return fails.length ? [{ text: reasonsText({ ...v, checks: fails }, deps) }] : undefined;
  }
  const v = deps.evaluate(judgedProfile(st, deps), deps.policy, deps.now);
  return [{ text: kind === 'reasons' ? reasonsText(v, deps) : materialsText(v, deps) }];
}
