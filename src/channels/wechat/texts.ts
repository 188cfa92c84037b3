/** WeChat-only user-facing texts from dialogs/wechat.yaml, validated with zod at load. */
import * as z from 'zod';
import { channelTexts } from '../texts-file.js';
import type { MessageKind } from '../../messages/message.js';

const text = z.string().trim().min(1, '不能为空');

/** Schema of dialogs/wechat.yaml. */
export const wechatTextsSchema = z
  .object({
    friendGreeting: text,
    roomJoined: text,
    choiceHint: text,
    nonText: z
      .object({
        sticker: text,
        'mini-program': text,
        money: text,
        other: text,
      })
      .strict(),
    error: text,
  })
  .strict();

/** The validated WeChat texts. */
export type WechatTexts = z.infer<typeof wechatTextsSchema>;

const texts = channelTexts('wechat.yaml', wechatTextsSchema);

/** Path of the texts file under a project root. */
export const wechatTextsFile = texts.file;

/** Validator for `npm run -s check`: pushes problems, never throws. */
export const validateWechatTexts = texts.validate;

/** Load the texts; throws `DataError` naming every problem. */
export const loadWechatTexts: (root?: string) => WechatTexts = texts.load;

/** The WeChat-only reply for stickers, mini-programs, red packets and transfers; undefined for other kinds. */
export function wechatOnlyReply(texts: WechatTexts, kind: MessageKind | undefined): string | undefined {
  if (kind === 'sticker' || kind === 'mini-program' || kind === 'money') return texts.nonText[kind];
  return undefined;
}
