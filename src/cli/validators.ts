/**
 * Every data area's validator, run by `npm run -s check`. Each pushes problems (file, path,
 * message) and never throws. Add one line per data area.
 */
import path from 'node:path';
import type { DataProblem } from '../policy/problems.js';
import { readPolicy } from '../policy/load.js';
import { readCheckTexts } from '../eligibility/texts.js';
import { readDialogs } from '../dialog/load.js';
import { readBroadcastTexts } from '../broadcast/texts.js';
import { validateTelegramTexts } from '../channels/telegram/texts.js';
import { validateWechatTexts } from '../channels/wechat/texts.js';
import { validateOaTexts } from '../channels/official-account/texts.js';
import { readSituationTexts } from '../answer/texts.js';
import { readAskScope } from '../answer/ask-scope.js';

/** A validator for one area of data under the project root. */
export type Validator = (root: string, problems: DataProblem[]) => void | Promise<void>;

/** All validators, in the order `check` reports them. */
export const validators: Record<string, Validator> = {
  rules: (root, problems) => void readPolicy(path.join(root, 'rules'), problems),
  checkTexts: (root, problems) => void readCheckTexts(root, problems),
  dialogs: (root, problems) => void readDialogs(path.join(root, 'dialogs'), problems),
  broadcast: (root, problems) => void readBroadcastTexts(root, problems),
  situation: (root, problems) => void readSituationTexts(root, problems),
  askScope: (root, problems) => void readAskScope(root, problems),
  telegram: (root, problems) => validateTelegramTexts(root, problems),
  wechat: (root, problems) => validateWechatTexts(root, problems),
  officialAccount: (root, problems) => validateOaTexts(root, problems),
  knowledge: async (root, problems) => (await import('../knowledge/validate.js')).validateKnowledge(root, problems),
};
