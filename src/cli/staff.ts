/**
 * `staff`: console accounts from the server's terminal (docs/console.md).
 *
 *     npm run -s cli -- staff add 张三 [--admin]   # prints a one-time password (changed at first login)
 *     npm run -s cli -- staff list
 *     npm run -s cli -- staff reset 张三            # a new one-time password, unlocks
 *     npm run -s cli -- staff remove 张三
 */
import os from 'node:os';
import { AuditLog } from '../broadcast/audit.js';
import { loadConfig } from '../config.js';
import { Accounts } from '../console/accounts.js';
import { UsageError } from './io.js';

const USAGE = '用法：staff add 姓名 [--admin] | staff list | staff reset 姓名 | staff remove 姓名';

/** Run the staff command. */
export async function run(args: string[]): Promise<number> {
  const config = loadConfig(process.env);
  const accounts = new Accounts(config.dataDir);
  const audit = new AuditLog(config.dataDir);
  const by = `cli:${os.userInfo().username}`;
  const [sub, ...rest] = args;
  const admin = rest.includes('--admin');
  const name = rest.find((a) => !a.startsWith('--'));
  const unknown = rest.find((a) => a.startsWith('--') && a !== '--admin');
  if (unknown) throw new UsageError(`未知选项 ${unknown}。${USAGE}`);
  const fail = (e: unknown) => {
    process.stderr.write(`错误：${(e as Error).message}\n`);
    return 2;
  };
  switch (sub) {
    case 'add': {
      if (!name) throw new UsageError(USAGE);
      try {
        const password = accounts.add(name, admin);
        audit.write({ who: by, action: 'console.staff-add', target: `${name}${admin ? '（管理员）' : ''}` });
        process.stdout.write(`已添加${admin ? '管理员' : '工作人员'}“${name}”。一次性密码：${password}\n请告诉本人：首次登录网页控制台后必须改成自己的密码。这个密码不会再显示。\n`);
        return 0;
      } catch (e) {
        return fail(e);
      }
    }
    case 'reset': {
      if (!name) throw new UsageError(USAGE);
      try {
        const password = accounts.reset(name);
        audit.write({ who: by, action: 'console.staff-reset', target: name });
        process.stdout.write(`已为“${name}”重设一次性密码：${password}\n（账号已解锁；首次登录后必须改密码。正在使用的网页登录会在重新打开页面时失效。）\n`);
        return 0;
      } catch (e) {
        return fail(e);
      }
    }
    case 'remove': {
      if (!name) throw new UsageError(USAGE);
      const gone = accounts.remove(name);
      if (!gone) return fail(new Error(`没有用户“${name}”`));
      audit.write({ who: by, action: 'console.staff-remove', target: name });
      process.stdout.write(`已删除“${name}”。\n`);
      return 0;
    }
    case 'list': {
      const list = accounts.list();
      if (!list.length) process.stdout.write('还没有工作人员账号。用 staff add 姓名 [--admin] 添加。\n');
      for (const a of list) {
        const state = a.mustChange ? '未改一次性密码' : a.lockedUntil && a.lockedUntil > Date.now() ? '已锁定' : '正常';
        process.stdout.write(`${a.name}\t${a.admin ? '管理员' : '工作人员'}\t${state}\t绑定：${a.bindings.join('、') || '无'}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
