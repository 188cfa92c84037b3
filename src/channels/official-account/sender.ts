/**
 * The broadcast port for the official account: reminders and staff broadcasts go out as
 * customer-service messages (客服消息) to followers who wrote within 48 hours, and otherwise as a
 * subscription message (订阅通知, template from WECHAT_OA_TEMPLATE_ID) when one is configured.
 * WeChat's refusals become outbox outcomes: a user who refused or unfollowed is permanent, a used-up
 * quota waits and retries, an expired token is refreshed by the API client.
 */
import type { Reply } from '../../messages/message.js';
import { fill } from '../../template.js';
import type { Sender, SendResult } from '../../messages/sender.js';
import { ERR, OaApiError, type OaApi } from './api.js';
import { OA_CHANNEL } from './inbound.js';
import { toMessages } from './render.js';
import type { OaTexts } from './texts.js';

/** Longest value of a template field (WeChat's `thing` fields take 20 characters). */
const FIELD_MAX = 20;

/** What the sender needs. */
export interface OaSenderDeps {
  api: OaApi;
  texts: OaTexts;
  templateId?: string;
  log: (line: string) => void;
}

/** The template data for a broadcast: `{summary}` is its first line; values cut to 20 characters. */
export function templateData(reply: Reply, texts: OaTexts): Record<string, string> {
  const summary = reply.text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const cut = (s: string) => {
    const chars = [...s];
    return chars.length <= FIELD_MAX ? s : `${chars.slice(0, FIELD_MAX - 1).join('')}…`;
  };
  return Object.fromEntries(Object.entries(texts.subscribeMessage.data).map(([k, v]) => [k, cut(fill(v, { summary }))]));
}

/** A WeChat error as the outbox's outcome. */
export function outcomeOf(e: unknown): SendResult {
  if (!(e instanceof OaApiError)) return { ok: false, permanent: false, reason: `network: ${(e as Error)?.name ?? 'error'}` };
  const reason = `${e.errcode} ${e.errmsg}`.slice(0, 120);
  switch (e.errcode) {
    case ERR.USER_REFUSED:
    case ERR.NOT_FOLLOWING:
    case 40003: // not an openid of this account
      return { ok: false, permanent: true, reason };
    case ERR.QUOTA:
      // The daily quota resets at midnight; pause this channel a while, then give up after the attempts.
      return { ok: false, permanent: false, reason, retryAfterMs: 60_000 };
    default:
      return { ok: false, permanent: false, reason };
  }
}

/** Create the sender. */
export function createOaSender(d: OaSenderDeps): Sender {
  const viaTemplate = async (openid: string, reply: Reply): Promise<SendResult> => {
    try {
      await d.api.sendSubscribeMessage(openid, d.templateId!, templateData(reply, d.texts));
      return { ok: true };
    } catch (e) {
      return outcomeOf(e);
    }
  };
  return {
    channel: OA_CHANNEL,
    async send(openid: string, reply: Reply): Promise<SendResult> {
      const messages = toMessages([reply], { choiceHint: d.texts.choiceHint, truncated: d.texts.truncated });
      try {
        for (const m of messages) await d.api.sendText(openid, m);
        return { ok: true };
      } catch (e) {
        const outOfWindow = e instanceof OaApiError && (e.errcode === ERR.OUT_OF_WINDOW || e.errcode === ERR.REPLY_LIMIT);
        if (outOfWindow && d.templateId) return viaTemplate(openid, reply);
        if (outOfWindow) return { ok: false, permanent: false, reason: `${(e as OaApiError).errcode} 用户 48 小时内未发消息，且未设置订阅通知模板（WECHAT_OA_TEMPLATE_ID）` };
        return outcomeOf(e);
      }
    },
  };
}
