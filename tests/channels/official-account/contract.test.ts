/** The shared channel contract against the official account: real app, real channel server, fake WeChat (plaintext and safe mode). */
import { channelContract, type ChannelDriver } from '../contract-suite.js';
import { startRig } from './harness.js';

async function driver(safe: boolean): Promise<ChannelDriver> {
  const rig = await startRig({ safe });
  return {
    async send(user, text) {
      const r = await rig.wx.userText(user, text);
      // What the user sees for this message: the passive reply, or the customer-service messages.
      return (await rig.turn(`m:${r.msgId}`)).messages;
    },
    close: () => rig.close(),
  };
}

channelContract('wechat official account (plaintext)', () => driver(false));
channelContract('wechat official account (safe mode)', () => driver(true));
