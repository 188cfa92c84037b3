/**
 * `check [--root DIR]`: validate every data file (rules/, knowledge/, dialogs/). Prints one line per
 * problem (file: path: problem) and exits 1 on any; prints a one-line summary and exits 0 otherwise.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../policy/load.js';
import { formatProblem, type DataProblem } from '../policy/problems.js';
import { validators } from './validators.js';
import { takeOption, UsageError } from './io.js';

/** What each validated area is called for the clerk reading the summary (a new area shows its key). */
const AREA_NAMES: Record<string, string> = {
  rules: '政策规则（rules/）',
  checkTexts: '资格判断文字',
  dialogs: '自测问答与对话文字',
  broadcast: '提醒与广播文字',
  situation: '情况说明回复文字',
  askScope: '问句时间词（rules/ask-scope.yaml）',
  telegram: 'Telegram 文字',
  wechat: '微信文字',
  officialAccount: '公众号文字',
  knowledge: '政策问答知识库（knowledge/）',
};

/** Run the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const root = path.resolve(takeOption(args, '--root') ?? PROJECT_ROOT);
  if (args.length) throw new UsageError(`无法识别的参数：${args.join(' ')}`);
  const problems: DataProblem[] = [];
  for (const [area, validate] of Object.entries(validators)) {
    try {
      await validate(root, problems);
    } catch (e) {
      problems.push({ file: AREA_NAMES[area] ?? area, path: '', message: `校验时出错：${(e as Error).message.split('\n')[0]}` });
    }
  }
  if (problems.length) {
    process.stderr.write(`数据校验未通过，共 ${problems.length} 处问题：\n${problems.map(formatProblem).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`数据校验通过：${Object.keys(validators).map((a) => AREA_NAMES[a] ?? a).join('、')}\n`);
  return 0;
}
