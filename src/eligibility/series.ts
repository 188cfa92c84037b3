/** Recognising the series an applicant names (canonical name, alias, or a colloquial phrase). */
import type { Policy } from '../policy/load.js';
import type { SeriesEntry } from '../policy/schema.js';

const filler = /^(我是|我是做|我是搞|我做|我搞|搞|做|从事|干|我在做|我想报|想报|申报|报)|(的|系列|方面|这块|这一块|工作|人员|专业)$/g;

/** Trim what people wrap around a series name ("我是搞工程的" → "工程"). */
function core(text: string): string {
  let s = text.trim().replace(/[\s，。！？,.!?]/g, '');
  for (let i = 0; i < 3; i++) s = s.replace(filler, '');
  return s;
}

/**
 * The canonical series for what the user typed, or undefined. A vague word (教师) is decided by the
 * employer's kind when given (职业高中 → 中等职业学校教师).
 */
export function resolveSeries(policy: Policy, text: string | undefined, employerKind?: string): string | undefined {
  if (!text) return undefined;
  const candidates = [text.trim(), core(text)].filter(Boolean);
  for (const c of candidates) {
    if (employerKind) {
      for (const hint of policy.series.employerKindHints) {
        if (hint.aliases.includes(c)) {
          const hit = Object.entries(hint.kinds).find(([kind]) => employerKind.includes(kind));
          if (hit) return hit[1];
        }
      }
    }
    const exact = policy.series.series.find((s) => s.name === c || s.aliases.includes(c));
    if (exact) return exact.name;
  }
  // A longer phrase that contains a name or alias ("中学数学老师" contains "中学"… "老师").
  const c = core(text);
  let best: { name: string; len: number } | undefined;
  for (const s of policy.series.series) {
    for (const a of [s.name, ...s.aliases]) {
      if (a.length >= 2 && c.includes(a) && (!best || a.length > best.len)) best = { name: s.name, len: a.length };
    }
  }
  if (best) return best.name;
  // A 以考代评 specialty typed as the series ("计算机技术与软件", "通信"): the series it belongs to,
  // where the exam check then refuses it (三（六）).
  return policy.series.series.find((s) => s.examSpecialties?.keywords.some((k) => c.includes(k)))?.name;
}

/** The series entry by canonical name. */
export function seriesEntry(policy: Policy, name: string): SeriesEntry | undefined {
  return policy.series.series.find((s) => s.name === name);
}
