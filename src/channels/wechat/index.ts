/**
 * WeChat channel entry: `startWechat(app)` connects the configured puppet (normally
 * wechaty-puppet-service with WECHATY_PUPPET_SERVICE_TOKEN) and returns `{ stop, sender }`.
 * See docs/wechat.md for running it and for the risks to the WeChat account.
 */
import { createWechatChannel, type ChannelApp } from './channel.js';
import type { Sender } from '../../messages/sender.js';

export { createWechatChannel, type ChannelApp, type WechatChannel, type WechatChannelOptions } from './channel.js';
export { DEFAULT_PACE, type PaceOptions } from './pacer.js';
export { validateWechatTexts } from './texts.js';

/** Start the WeChat channel from `app.config.wechat`; keeps retrying in the background if the service is down. */
export async function startWechat(app: ChannelApp): Promise<{ stop(): Promise<void>; sender: Sender }> {
  const channel = createWechatChannel({ app });
  await channel.start();
  return { stop: channel.stop, sender: channel.sender };
}
