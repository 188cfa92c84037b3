/**
 * YAML and file-reading failures explained in Chinese, with the line and column: the `yaml`
 * library's messages are English ("Map keys must be unique at line 2, column 1"), and the person
 * editing rules/, knowledge/ or dialogs/ is a clerk, not a programmer.
 */
import type { YAMLError } from 'yaml';

/** Chinese explanation of each `yaml` error code; what is wrong and, where it helps, what to do. */
const EXPLAIN: Record<string, string> = {
  ALIAS_PROPS: '引用（*名称）不能再加锚点或标签',
  BAD_ALIAS: '引用（*名称）写得不对',
  BAD_COLLECTION_TYPE: '这里的列表或映射类型不对',
  BAD_DIRECTIVE: '以 % 开头的指令写得不对',
  BAD_DQ_ESCAPE: '双引号里的转义（反斜杠 \\ 后面的字符）无效；要写反斜杠本身请写 \\\\，或改用单引号',
  BAD_INDENT: '缩进不对：同一层的各项要对齐，下一层要多缩进几个空格',
  BAD_PROP_ORDER: '锚点（&）和标签（!）的位置不对',
  BAD_SCALAR_START: '值不能以这个符号开头（如 @ ` % |）；请给整个值加上引号',
  BLOCK_AS_IMPLICIT_KEY: '一行里出现了两个“键: 值”，或者缩进不对；冒号后面如果还有冒号，请给值加上引号',
  BLOCK_IN_FLOW: '方括号或花括号里不能换行写成列表',
  DUPLICATE_KEY: '同一层里出现了重复的键，每个键只能写一次',
  IMPOSSIBLE: '文件结构无法识别',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  MISSING_CHAR: '缺少配对的符号（引号、方括号或花括号没有闭合）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行；如果是值换行了，请检查上一行的冒号和缩进',
  MULTIPLE_ANCHORS: '同一个值上有多个锚点（&）',
  MULTIPLE_DOCS: '一个文件里只能有一份内容，请删除多余的 --- 分隔线',
  MULTIPLE_TAGS: '同一个值上有多个标签（!）',
  NON_STRING_KEY: '键必须是文字',
  RESOURCE_EXHAUSTION: '引用展开后内容过大',
  TAB_AS_INDENT: '不能用 Tab 键缩进，请改用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签（! 开头的写法）',
  UNEXPECTED_TOKEN: '这里出现了多余的内容，或者缩进不对',
};

/** Line and column (1-based) where a YAML problem starts, when the parser knows it. */
export interface YamlPlace {
  line?: number;
  col?: number;
}

/** "第 3 行第 5 列" for a place, or '' when the place is unknown. */
export function placeText(p: YamlPlace): string {
  if (p.line === undefined) return '';
  return p.col === undefined ? `第 ${p.line} 行` : `第 ${p.line} 行第 ${p.col} 列`;
}

/** A `yaml` parse error (or warning) → where and what, in Chinese, with the offending line quoted. */
export function explainYamlError(e: YAMLError, text: string): YamlPlace & { message: string } {
  const pos = e.linePos?.[0];
  const what = EXPLAIN[e.code] ?? 'YAML 格式不对';
  const quoted = pos ? quoteLine(text, pos.line) : '';
  return { line: pos?.line, col: pos?.col, message: `YAML 格式错误：${what}${quoted}` };
}

/** `。该行内容：“…”`, for the clerk to find the line at a glance (long lines shortened). */
function quoteLine(text: string, line: number): string {
  const content = text.split(/\r?\n/)[line - 1]?.trim();
  if (!content) return '';
  return `。该行内容：“${content.length > 60 ? `${content.slice(0, 60)}…` : content}”`;
}

/** Reading a file failed (missing, no permission, a folder…): the reason in Chinese. */
export function explainReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取这个文件的权限';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    default:
      return `无法读取这个文件（错误代码 ${code ?? '未知'}）`;
  }
}
