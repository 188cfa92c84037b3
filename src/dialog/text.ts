/** Filling `{name}` placeholders in texts from dialogs/, and writing sources the way the notice does. */
import type { Source } from '../policy/schema.js';

import { fill as fillTemplate } from '../template.js';

/** Replace `{key}` with `vars[key]`; unknown keys become empty so a message never shows braces. */
export function fill(template: string, vars: Record<string, string | number | undefined> = {}): string {
  return fillTemplate(template, vars, { missing: 'empty' });
}

/** Sources as one string, without repeats (`寻人社发〔2024〕28号 三（一）；…`). */
export function joinSources(sources: Source[], item: string, sep: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of sources) {
    const t = fill(item, { doc: s.doc, clause: s.clause });
    if (!seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out.join(sep);
}
