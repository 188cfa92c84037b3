/**
 * WeChat's XML in and out (fast-xml-parser). Every value is read as a string: MsgId is a 64-bit
 * number that JavaScript numbers would round. Replies wrap text in CDATA, as WeChat's samples do.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
  // No entity expansion beyond the XML basics: pushes never need it, and it closes the door on entity bombs.
  processEntities: true,
  htmlEntities: false,
});

/** The fields of one `<xml>…</xml>` document as strings (nested elements as objects); undefined when not XML. */
export function parseXml(body: string): Record<string, unknown> | undefined {
  if (!body.trim().startsWith('<')) return undefined;
  try {
    const doc = parser.parse(body, true) as { xml?: unknown };
    return doc.xml && typeof doc.xml === 'object' ? (doc.xml as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A field as a string ('' when absent or not a string). */
export function field(x: Record<string, unknown>, name: string): string {
  const v = x[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Values to write: strings go in CDATA, numbers as plain text. */
export type XmlFields = Record<string, string | number>;

/** `<xml>` with the fields in the given order; strings as CDATA (`]]>` split so it cannot end the section early). */
export function buildXml(fields: XmlFields): string {
  const parts = Object.entries(fields).map(([k, v]) =>
    typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v.split(']]>').join(']]]]><![CDATA[>')}]]></${k}>`,
  );
  return `<xml>${parts.join('')}</xml>`;
}
