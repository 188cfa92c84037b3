/**
 * Answers the interview already knows: a place name at the start of the employer's name puts it in
 * Jiangxi; a specialty equal to the studied major is 相同. The rules are data
 * (dialogs/interview.yaml `inferences`); inferred answers are marked so a changed source re-infers.
 */
import type { Policy } from '../policy/load.js';
import type { Interview } from './schema.js';
import { answered, holds, isUnknown, type DialogState } from './state.js';

type Inference = Interview['inferences'][number];

function squash(s: string, strip: string[] = []): string {
  let t = s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
  for (const w of strip) if (t.endsWith(w)) t = t.slice(0, -w.length);
  return t;
}

function known(st: DialogState, id: string): string | undefined {
  const v = st.answers[id];
  return typeof v === 'string' && !isUnknown(st, id) ? v : undefined;
}

/** True when the inference's condition holds on the answers so far. */
function fires(inf: Inference, st: DialogState): boolean {
  if (inf.from && inf.startsWith) {
    const src = known(st, inf.from);
    return src !== undefined && inf.startsWith.some((p) => squash(src).startsWith(squash(p)));
  }
  if (inf.sameAs) {
    const [a, b] = inf.sameAs.map((id) => known(st, id));
    return a !== undefined && b !== undefined && squash(a, inf.strip) === squash(b, inf.strip) && squash(a, inf.strip) !== '';
  }
  return false;
}

/** Forget inferred answers that rest on `changed` (its answer was just replaced). */
export function dropInferencesFrom(iv: Interview, st: DialogState, changed: string): void {
  for (const inf of iv.inferences) {
    const sources: string[] = inf.sameAs ?? (inf.from ? [inf.from] : []);
    if (!sources.includes(changed) || !st.inferred?.includes(inf.step)) continue;
    delete st.answers[inf.step];
    delete st.shown[inf.step];
    st.inferred = st.inferred.filter((x) => x !== inf.step);
  }
}

/** Fill in every answer that can be inferred now; returns the ids filled, in interview order. */
export function applyInferences(iv: Interview, st: DialogState, policy: Policy): string[] {
  const filled: string[] = [];
  for (const inf of iv.inferences) {
    const step = iv.steps.find((s) => s.id === inf.step);
    if (!step || answered(st, step.id) || !holds(step.when, st, policy) || !fires(inf, st)) continue;
    st.answers[step.id] = inf.value;
    st.shown[step.id] = inf.shown;
    st.inferred = [...(st.inferred ?? []), step.id];
    filled.push(step.id);
  }
  return filled;
}
