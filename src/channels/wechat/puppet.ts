/**
 * The puppet from the configuration: `wechaty-puppet-service` (any puppet-service provider,
 * reached with a token and optionally a fixed endpoint) or another puppet by npm name.
 * TLS settings are read by wechaty-puppet-service itself from
 * WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT and WECHATY_PUPPET_SERVICE_TLS_*.
 */
import path from 'node:path';
import { PuppetService } from 'wechaty-puppet-service';
import type { WechatyOptions } from 'wechaty';
import type { Config } from '../../config.js';

/** The folder inside the data folder that holds the WeChat contact cache. */
export function wechatCacheHome(dataDir: string): string {
  return path.join(dataDir, 'wechat-cache');
}

/**
 * `make()` with HOME pointed at `home`: wechaty-puppet-service fixes its contact cache folder
 * (`$HOME/.wechaty/…`, contacts' names and ids) in its constructor, and it belongs in the data
 * folder (0700, deleted with it), not in the service user's home.
 */
function withHome<T>(home: string, make: () => T): T {
  const before = process.env.HOME;
  process.env.HOME = home;
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env.HOME;
    else process.env.HOME = before;
  }
}

/** Wechaty options for the configured puppet; `dataDir` holds its contact cache. */
export function puppetOptions(wechat: NonNullable<Config['wechat']>, dataDir?: string): WechatyOptions {
  if (wechat.puppet === 'wechaty-puppet-service') {
    const make = () => new PuppetService({ token: wechat.token, endpoint: wechat.endpoint });
    return { puppet: dataDir ? withHome(wechatCacheHome(dataDir), make) : make() };
  }
  // Other puppets are loaded by name by Wechaty; token/endpoint are passed through.
  return {
    puppet: wechat.puppet as never,
    puppetOptions: { token: wechat.token, endpoint: wechat.endpoint },
  };
}
