/** Filling `{name}` placeholders in the Chinese texts kept in dialogs/, knowledge/ and rules/. */

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;

/** What to do with a placeholder `vars` has no value for. */
export interface FillOptions {
  /** 'keep' leaves `{name}` visible so a data mistake is noticed; 'empty' drops it. Default 'keep'. */
  missing?: 'keep' | 'empty';
  /** Collects the names that had no value (for validating data). */
  unknown?: Set<string>;
}

/** Replace each `{name}` with `vars[name]`. */
export function fill(template: string, vars: Record<string, string | number | undefined> = {}, opts: FillOptions = {}): string {
  return template.replace(PLACEHOLDER, (m, name: string) => {
    const v = vars[name];
    if (v !== undefined) return String(v);
    opts.unknown?.add(name);
    return opts.missing === 'empty' ? '' : m;
  });
}

/** Remove every placeholder (for indexing a template's words). */
export function stripPlaceholders(template: string): string {
  return template.replace(PLACEHOLDER, ' ');
}
