/**
 * `oa menu [--dry-run]`: create the official account's custom menu (自定义菜单) from
 * dialogs/official-account.yaml through menu/create. `--dry-run` prints the request body only.
 */
import { UsageError } from './io.js';
import { ConfigError, loadConfig } from '../config.js';
import { OaApi, OaApiError } from '../channels/official-account/api.js';
import { loadOaTexts, type OaTexts } from '../channels/official-account/texts.js';

/** The menu/create body for the menu in the texts file (click buttons; WeChat sends back `key`). */
export function menuBody(texts: OaTexts): { button: { type: 'click'; name: string; key: string }[] } {
  return { button: texts.menu.map((m) => ({ type: 'click', name: m.name, key: m.key })) };
}

/** Run the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'menu') throw new UsageError('用法：npm run -s cli -- oa menu [--dry-run]');
  const dryRun = rest.includes('--dry-run');
  const unknown = rest.filter((a) => a !== '--dry-run');
  if (unknown.length) throw new UsageError(`无法识别的参数：${unknown.join(' ')}`);
  const body = menuBody(loadOaTexts());
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const cfg = loadConfig(process.env).officialAccount;
  if (!cfg) throw new ConfigError('WECHAT_OA_APP_ID', '未设置：创建菜单需要公众号的 WECHAT_OA_APP_ID、WECHAT_OA_APP_SECRET 和 WECHAT_OA_TOKEN');
  const api = new OaApi({ apiRoot: cfg.apiRoot, appId: cfg.appId, appSecret: cfg.appSecret });
  try {
    await api.createMenu(body);
  } catch (e) {
    const why = e instanceof OaApiError ? `微信返回 ${e.errcode}：${e.errmsg}` : `无法连接微信接口（${(e as Error).message}）`;
    process.stderr.write(`创建菜单失败：${why}\n`);
    return 1;
  }
  process.stdout.write(`已创建公众号菜单：${body.button.map((b) => b.name).join('、')}（用户重新进入公众号后可见）\n`);
  return 0;
}
