/**
 * Quoted replies as WeChat clients write them — 「Name：quoted text」, a dashed rule, the reply —
 * shared by the WeChat channels (Wechaty and the official account): a quote is a forwarded question.
 */

/** The quoted text and the reply, or undefined when `text` is not a quote. */
export function parseQuote(text: string): { quoted: string; reply: string } | undefined {
  const m = /^「([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\n?([\s\S]*)$/u.exec(text.trim());
  if (!m) return undefined;
  // Drop the "Name：" the client puts before the quoted words; the name is not needed.
  const quoted = m[1]!.replace(/^[^：:\n]{1,32}[：:]\s*/u, '').trim();
  return { quoted, reply: m[2]!.trim() };
}

/** The question a quote stands for: the quoted words, then what the forwarder added. */
export function questionOfQuote(quote: { quoted: string; reply: string }): string {
  return [quote.quoted, quote.reply].filter(Boolean).join('\n');
}
