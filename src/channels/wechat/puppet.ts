/**
 * The puppet from the configuration: `wechaty-puppet-service` (any puppet-service provider,
 * reached with a token and optionally a fixed endpoint) or another puppet by npm name.
 * TLS settings are read by wechaty-puppet-service itself from
 * WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT and WECHATY_PUPPET_SERVICE_TLS_*.
 */
import { PuppetService } from 'wechaty-puppet-service';
import type { WechatyOptions } from 'wechaty';
import type { Config } from '../../config.js';

/** Wechaty options for the configured puppet. */
export function puppetOptions(wechat: NonNullable<Config['wechat']>): WechatyOptions {
  if (wechat.puppet === 'wechaty-puppet-service') {
    return { puppet: new PuppetService({ token: wechat.token, endpoint: wechat.endpoint }) };
  }
  // Other puppets are loaded by name by Wechaty; token/endpoint are passed through.
  return {
    puppet: wechat.puppet as never,
    puppetOptions: { token: wechat.token, endpoint: wechat.endpoint },
  };
}
