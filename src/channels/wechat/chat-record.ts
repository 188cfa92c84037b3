/**
 * A forwarded WeChat chat record (合并转发的聊天记录) as one text. Puppets deliver its raw XML
 * (`<msg><appmsg><type>19</type>…<recorditem>…`): the record's items are `<dataitem>`s inside the
 * escaped `<recorditem>`, each with the sender (`sourcename`) and the text (`datadesc`). Some
 * clients send it as a link card titled “…的聊天记录” with the preview in its description.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true, parseTagValue: false });

type Node = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '').trim();
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);

/** "Name：words" lines of a record's items (text items only; images and files are left out). */
function recordLines(recorditem: string): string[] {
  const info = (parser.parse(recorditem) as Node).recordinfo as Node | undefined;
  const items = list((info?.datalist as Node | undefined)?.dataitem);
  return items
    .map((it) => {
      const words = text(it.datadesc);
      const name = text(it.sourcename);
      return words ? (name ? `${name}：${words}` : words) : '';
    })
    .filter(Boolean);
}

/**
 * The text of a chat record from its raw XML; undefined when `raw` is not such XML (then the
 * puppet's text is the record's text already).
 */
export function chatRecordText(raw: string): string | undefined {
  if (!raw.includes('<appmsg')) return undefined;
  try {
    const app = ((parser.parse(raw) as Node).msg as Node | undefined)?.appmsg as Node | undefined;
    if (!app) return undefined;
    const item = text(app.recorditem);
    const lines = item ? recordLines(item) : [];
    if (lines.length) return lines.join('\n');
    // No items: the preview (des) still holds the first lines, then the title.
    return text(app.des).replace(/^([^:：\n]{1,32}): /gmu, '$1：') || text(app.title) || undefined;
  } catch {
    return undefined;
  }
}

/** A link card that is a chat record (“群聊的聊天记录”, “张三和李四的聊天记录”). */
export function isChatRecordCard(title: string): boolean {
  return /聊天记录/u.test(title);
}
