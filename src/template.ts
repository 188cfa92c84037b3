/**
 * The one filler of `{name}` placeholders in the Chinese texts kept in dialogs/, knowledge/ and
 * rules/. One behaviour everywhere: a placeholder with no value (a misspelt name, or a value left
 * undefined) is dropped, so a reader never sees `{name}` in a chat message or a broadcast; its
 * name is collected in `unknown` when one is given, which is how the data validators make `check`
 * report a misspelt placeholder before anyone reads it.
 */

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;

/** Replace each `{name}` with `vars[name]`; a name without a value becomes empty and goes into `unknown`. */
export function fill(template: string, vars: Record<string, string | number | undefined> = {}, unknown?: Set<string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v !== undefined) return String(v);
    unknown?.add(name);
    return '';
  });
}

/** Remove every placeholder (for indexing a template's words). */
export function stripPlaceholders(template: string): string {
  return template.replace(PLACEHOLDER, ' ');
}
