/** Filling `{name}` placeholders in texts from dialogs/, and writing sources the way the notice does. */
import type { Source } from '../policy/schema.js';

import { fill } from '../template.js';

/** The one `{name}` filler (src/template.ts), beside the dialog's other text helpers. */
export { fill };

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
