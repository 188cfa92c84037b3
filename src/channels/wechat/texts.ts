/** WeChat-only user-facing texts from dialogs/wechat.yaml, validated with zod at load. */
import path from 'node:path';
import * as z from 'zod';
import { PROJECT_ROOT } from '../../policy/load.js';
import { readYaml } from '../../policy/yaml-file.js';
import { readOrThrow, type DataProblem } from '../../policy/problems.js';
import type { MessageKind } from '../../bot/message.js';

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

/** Path of the WeChat texts file under a project root. */
export function wechatTextsFile(root: string = PROJECT_ROOT): string {
  return path.join(root, 'dialogs', 'wechat.yaml');
}

/** Validator for `npm run -s check`: pushes problems, never throws. */
export function validateWechatTexts(root: string, problems: DataProblem[]): void {
  readYaml(wechatTextsFile(root), wechatTextsSchema, problems);
}

/** Load the WeChat texts; throws `DataError` naming every problem. */
export function loadWechatTexts(root: string = PROJECT_ROOT): WechatTexts {
  return readOrThrow((problems) => readYaml(wechatTextsFile(root), wechatTextsSchema, problems));
}

/** The WeChat-only reply for stickers, mini-programs, red packets and transfers; undefined for other kinds. */
export function wechatOnlyReply(texts: WechatTexts, kind: MessageKind | undefined): string | undefined {
  if (kind === 'sticker' || kind === 'mini-program' || kind === 'money') return texts.nonText[kind];
  return undefined;
}
