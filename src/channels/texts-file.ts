/**
 * A channel's texts file under dialogs/: where it is, its validator for `npm run -s check` and its
 * loader. Every channel has the same three (Telegram, WeChat, the official account); only the file
 * name and the schema differ.
 */
import path from 'node:path';
import type * as z from 'zod';
import { PROJECT_ROOT } from '../policy/load.js';
import { readOrThrow, type DataProblem } from '../policy/problems.js';
import { readYaml } from '../policy/yaml-file.js';

/** The path, validator and loader of `dialogs/<name>` checked by `schema`. */
export function channelTexts<S extends z.ZodType>(name: string, schema: S) {
  const file = (root: string = PROJECT_ROOT): string => path.join(root, 'dialogs', name);
  return {
    file,
    /** Pushes problems, never throws. */
    validate(root: string, problems: DataProblem[]): void {
      readYaml(file(root), schema, problems);
    },
    /** Throws `DataError` naming every problem. */
    load(root: string = PROJECT_ROOT): z.infer<S> {
      return readOrThrow((problems) => readYaml(file(root), schema, problems));
    },
  };
}
