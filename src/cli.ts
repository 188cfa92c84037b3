/**
 * The command-line contract (shared CONTRACT.md): `npm run -s cli -- <command> [options]`.
 * Each command lives in src/cli/<command>.ts and exports `run(args)` → exit code.
 */
import { UsageError } from './cli/io.js';
import { ConfigError } from './config.js';
import { DataError } from './policy/problems.js';

const commands: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  chat: { summary: '终端聊天（--script 文件 或 - 读取脚本）', load: () => import('./cli/chat.js') },
  ask: { summary: '政策问答（--json / --jsonl）', load: () => import('./cli/ask.js') },
  screen: { summary: '资格自测（--json / --jsonl，从标准输入读取）', load: () => import('./cli/screen.js') },
  check: { summary: '校验 rules/、knowledge/、dialogs/ 中的全部数据文件', load: () => import('./cli/check.js') },
  broadcast: { summary: '工作人员广播：preview | send | status | cancel', load: () => import('./cli/broadcast.js') },
  oa: { summary: '微信公众号：menu（按 dialogs/official-account.yaml 创建自定义菜单，--dry-run 只显示）', load: () => import('./cli/oa.js') },
  staff: { summary: '网页控制台账号：add 姓名 [--admin] | list | reset 姓名 | remove 姓名', load: () => import('./cli/staff.js') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['用法：npm run -s cli -- <命令> [选项]', '', '命令：', ...lines, '', '通用选项：--now YYYY-MM-DD 指定“今天”（Asia/Shanghai）'].join('\n');
}

/** Run one CLI invocation and return its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`未知命令：${name}。可用命令：${Object.keys(commands).join('、')}\n`);
    return 2;
  }
  try {
    return await (await command.load()).run(args);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`错误：${e.message}\n`);
      return 2;
    }
    if (e instanceof DataError) {
      process.stderr.write(`数据文件有误，请修正后重试：\n${e.message}\n`);
      return 1;
    }
    // By name: importing the store here would load it for every command.
    if (e instanceof Error && e.name === 'StoreError') {
      process.stderr.write(`无法启动：${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`内部错误：${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
