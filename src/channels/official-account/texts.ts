/** Official-account texts and menu from dialogs/official-account.yaml, validated with zod at load. */
import * as z from 'zod';
import { channelTexts } from '../texts-file.js';

const text = z.string().trim().min(1, '不能为空');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** One click button of the custom menu. */
const menuItem = z
  .object({
    name: text.refine((s) => bytes(s) <= 16, '一级菜单名称最多 4 个汉字（16 字节）'),
    key: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, '只能用字母、数字、下划线，最长 64 个字符'),
    command: text,
  })
  .strict();

/** Schema of dialogs/official-account.yaml. */
export const oaTextsSchema = z
  .object({
    subscribeGreeting: text,
    subscribeCommand: text,
    choiceHint: text,
    truncated: text,
    error: text,
    unknownClick: text,
    menu: z
      .array(menuItem)
      .min(1)
      .max(3, '公众号最多 3 个一级菜单')
      .refine((m) => new Set(m.map((i) => i.key)).size === m.length, '菜单的 key 不能重复'),
    subscribeMessage: z.object({ data: z.record(z.string().regex(/^[a-z_]+\d+$/, '应为模板字段名，如 thing1'), text) }).strict(),
  })
  .strict();

/** The validated official-account texts. */
export type OaTexts = z.infer<typeof oaTextsSchema>;

const texts = channelTexts('official-account.yaml', oaTextsSchema);

/** Path of the texts file under a project root. */
export const oaTextsFile = texts.file;

/** Validator for `npm run -s check`: pushes problems, never throws. */
export const validateOaTexts = texts.validate;

/** Load the texts; throws `DataError` naming every problem. */
export const loadOaTexts: (root?: string) => OaTexts = texts.load;
