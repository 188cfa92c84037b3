/** Telegram-only user-facing texts from dialogs/telegram.yaml, validated with zod at load. */
import * as z from 'zod';
import { channelTexts } from '../texts-file.js';
import type { MessageKind } from '../../messages/message.js';

const text = z.string().trim().min(1);

/** Schema of dialogs/telegram.yaml. */
export const telegramTextsSchema = z
  .object({
    commands: z
      .array(
        z
          .object({
            // Telegram's own rule for command names.
            command: z.string().regex(/^[a-z0-9_]{1,32}$/, '命令只能是 1–32 个小写英文字母、数字或下划线'),
            description: z.string().trim().min(1).max(256),
          })
          .strict(),
      )
      .min(1)
      .max(100),
    chosen: text.refine((s) => s.includes('{label}'), '应包含 {label}'),
    staleButton: text.max(200, 'Telegram 的按钮提示最多 200 个字符'),
    edited: text,
    groupJoined: text,
    privateChatButton: text,
    nonText: z
      .object({
        image: text,
        voice: text,
        video: text,
        file: text,
        sticker: text,
        location: text,
        contact: text,
        other: text,
      })
      .strict(),
    error: text,
  })
  .strict();

/** The validated Telegram texts. */
export type TelegramTexts = z.infer<typeof telegramTextsSchema>;

const texts = channelTexts('telegram.yaml', telegramTextsSchema);

/** Path of the texts file under a project root. */
export const telegramTextsFile = texts.file;

/** Validator for `npm run -s check`: pushes problems, never throws. */
export const validateTelegramTexts = texts.validate;

/** Load the texts; throws `DataError` naming every problem. */
export const loadTelegramTexts: (root?: string) => TelegramTexts = texts.load;

/** The fallback reply for a non-text kind the core left unanswered. */
export function nonTextReply(texts: TelegramTexts, kind: MessageKind): string {
  const byKind: Partial<Record<MessageKind, string>> = texts.nonText;
  return byKind[kind] ?? texts.nonText.other;
}
