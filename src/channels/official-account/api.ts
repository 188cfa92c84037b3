/**
 * The official account's server API: an access token from the stable_token API, cached and
 * refreshed before it expires, shared by every caller (one refresh in flight at a time), and
 * refreshed once (forced) when WeChat says the token is invalid; plus the calls the channel makes
 * (客服消息, 自定义菜单, 订阅通知).
 */

/** An error answer from WeChat's API (`errcode` ≠ 0). */
export class OaApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`.slice(0, 200));
    this.name = 'OaApiError';
  }
}

/** Codes meaning "this access token is not (or no longer) valid". */
export const INVALID_TOKEN_CODES = new Set([40001, 42001, 40014]);

/** Well-known codes the channel acts on. */
export const ERR = {
  /** Outside the 48-hour customer-service window. */
  OUT_OF_WINDOW: 45015,
  /** More customer-service messages than allowed after one user message. */
  REPLY_LIMIT: 45047,
  /** Daily API quota used up. */
  QUOTA: 45009,
  /** The user refused (or never accepted) this subscription message. */
  USER_REFUSED: 43101,
  /** The user no longer follows the account. */
  NOT_FOLLOWING: 43004,
  /** The account lacks the permission for this API. */
  UNAUTHORIZED: 48001,
} as const;

/** What the client needs. */
export interface OaApiOptions {
  apiRoot: string;
  appId: string;
  appSecret: string;
  /** Refresh this long before WeChat's expiry (default 5 minutes). */
  refreshMarginMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** WeChat API client with one shared access token. */
export class OaApi {
  private cached: CachedToken | undefined;
  private refreshing: Promise<CachedToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly o: OaApiOptions) {
    this.now = o.now ?? Date.now;
  }

  private url(p: string): string {
    return `${this.o.apiRoot.replace(/\/+$/, '')}${p}`;
  }

  private async post(p: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(this.url(p), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  private async fetchToken(force: boolean): Promise<CachedToken> {
    const r = await this.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.o.appId, secret: this.o.appSecret, force_refresh: force });
    if (typeof r.access_token !== 'string') throw new OaApiError(Number(r.errcode ?? -1), String(r.errmsg ?? 'no access_token'), 'stable_token');
    const ttlMs = Number(r.expires_in ?? 7200) * 1000;
    // Refresh well before expiry, but never sooner than half the lifetime (a short-lived test token).
    const margin = Math.min(this.o.refreshMarginMs ?? 5 * 60_000, ttlMs / 2);
    return { value: r.access_token, expiresAt: this.now() + ttlMs - margin };
  }

  /** Start (or join) the one refresh in flight. */
  private refresh(force: boolean): Promise<CachedToken> {
    this.refreshing ??= this.fetchToken(force)
      .then((t) => (this.cached = t))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The current access token, fetched or refreshed when needed. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return this.cached.value;
    return (await this.refresh(false)).value;
  }

  /**
   * POST `body` to `api` with the token. On an invalid-token answer the token is refreshed once
   * (forced: a "stable" token would otherwise come back unchanged) and the call retried once;
   * callers that failed with the same old token share that one refresh.
   */
  async call(api: string, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      const r = await this.post(`${api}?access_token=${encodeURIComponent(token)}`, body);
      const code = Number(r.errcode ?? 0);
      if (code === 0) return r;
      if (attempt === 0 && INVALID_TOKEN_CODES.has(code)) {
        if (this.cached?.value === token) {
          this.cached = undefined;
          await this.refresh(true);
        }
        continue;
      }
      throw new OaApiError(code, String(r.errmsg ?? ''), api);
    }
  }

  /** 客服消息: one text message to a follower (only within 48 hours of their last message). */
  async sendText(openid: string, content: string): Promise<void> {
    await this.call('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content } });
  }

  /** 自定义菜单: replace the account's menu. */
  async createMenu(menu: { button: unknown[] }): Promise<void> {
    await this.call('/cgi-bin/menu/create', menu);
  }

  /** 订阅通知: one subscription message from a template the user accepted. */
  async sendSubscribeMessage(openid: string, templateId: string, data: Record<string, string>, page?: string): Promise<void> {
    const body: Record<string, unknown> = { touser: openid, template_id: templateId, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])) };
    if (page) body.page = page;
    await this.call('/cgi-bin/message/subscribe/bizsend', body);
  }
}
