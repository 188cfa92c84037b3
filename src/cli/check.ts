/**
 * `check [--root DIR]`: validate every data file (rules/, knowledge/, dialogs/). Prints one line per
 * problem (file: path: problem) and exits 1 on any; prints a one-line summary and exits 0 otherwise.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../policy/load.js';
import { formatProblem, type DataProblem } from '../policy/problems.js';
import { validators } from './validators.js';
import { takeOption, UsageError } from './io.js';

/** Run the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const root = path.resolve(takeOption(args, '--root') ?? PROJECT_ROOT);
  if (args.length) throw new UsageError(`无法识别的参数：${args.join(' ')}`);
  const problems: DataProblem[] = [];
  for (const [area, validate] of Object.entries(validators)) {
    try {
      await validate(root, problems);
    } catch (e) {
      problems.push({ file: area, path: '', message: `校验时出错：${(e as Error).message.split('\n')[0]}` });
    }
  }
  if (problems.length) {
    process.stderr.write(`数据校验未通过，共 ${problems.length} 处问题：\n${problems.map(formatProblem).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`数据校验通过：${Object.keys(validators).join('、')}\n`);
  return 0;
}
