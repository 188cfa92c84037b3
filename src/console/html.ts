/**
 * HTML by tagged template: every interpolated value is escaped unless it is already `Safe` (built by
 * `h` itself). Text from staff, applicants or files can therefore never become markup or script.
 */

/** A piece of HTML that is already safe to emit. */
export class Safe {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Escape text for HTML content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function part(v: unknown): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof Safe) return v.html;
  if (Array.isArray(v)) return v.map(part).join('');
  return escapeHtml(String(v));
}

/** `h\`<p>${text}</p>\`` → Safe, with `text` escaped; arrays are joined, undefined/false are empty. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Safe(out);
}
