/**
 * Environment → typed config, validated once at start-up. A bad value is a one-line Chinese
 * error naming the variable (see `ConfigError`), never a stack trace.
 */
import './zod-locale.js';
import * as z from 'zod';
import path from 'node:path';
import { isIsoDay } from './policy/dates.js';

/** A configuration problem, reported to the operator as one line. */
export class ConfigError extends Error {
  constructor(public readonly variable: string, message: string) {
    super(`配置错误：${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

const hour = z.coerce.number().int().min(0).max(23);

const envSchema = z.object({
  ZHICHENG_DATA_DIR: z.string().min(1).default('./data'),
  ZHICHENG_NOW: z.string().refine(isIsoDay, '应为有效日期，格式 YYYY-MM-DD，例如 2024-04-20').optional(),
  ZHICHENG_RULES_DIR: z.string().optional(),
  /** Staff ids, comma separated, each `channel:userId` (e.g. `telegram:12345,wechat:wxid_abc`). */
  ZHICHENG_STAFF: z.string().default(''),
  /** Local hour (Asia/Shanghai) at which reminders go out. */
  ZHICHENG_REMINDER_HOUR: hour.default(9),
  /** "N days before closing" reminders, comma separated. */
  ZHICHENG_REMINDER_DAYS_BEFORE: z.string().default('3'),
  ZHICHENG_QUIET_START: hour.default(21),
  ZHICHENG_QUIET_END: hour.default(8),
  /** Personal interview data not touched for this many days is deleted. */
  ZHICHENG_SESSION_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  WECHATY_PUPPET: z.string().optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().optional(),
  WECHATY_ACCEPT_FRIENDS: z.enum(['true', 'false']).default('true'),
  /** Random pause between two WeChat sends, `min-max` in ms. */
  WECHATY_SEND_DELAY_MS: z.string().regex(/^\d+-\d+$/, '应为“最小-最大”毫秒数，例如 1000-3000').default('1000-3000'),
  WECHATY_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(120).default(20),
  // WeChat Official Account (公众号/服务号), see docs/official-account.md.
  WECHAT_OA_APP_ID: z.string().regex(/^wx[0-9a-zA-Z]{8,30}$/, '应为公众号的 AppID（以 wx 开头，在“设置与开发 → 基本配置”中查看）').optional(),
  WECHAT_OA_APP_SECRET: z.string().regex(/^[0-9a-zA-Z]{16,64}$/, '应为公众号的 AppSecret（字母和数字）').optional(),
  WECHAT_OA_TOKEN: z.string().regex(/^[0-9a-zA-Z]{3,32}$/, '应为 3–32 位字母或数字，与公众号后台“服务器配置”的 Token 一致').optional(),
  WECHAT_OA_AES_KEY: z.string().regex(/^[0-9a-zA-Z]{43}$/, '应为 43 位字母或数字，与公众号后台的 EncodingAESKey 一致').optional(),
  WECHAT_OA_AES_KEY_PREVIOUS: z.string().regex(/^[0-9a-zA-Z]{43}$/, '应为 43 位字母或数字（更换前的 EncodingAESKey）').optional(),
  WECHAT_OA_PATH: z.string().regex(/^\/[\w\-./]*$/, '应为以 / 开头的路径，例如 /wechat').default('/wechat'),
  WECHAT_OA_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  WECHAT_OA_HOST: z.string().min(1).default('127.0.0.1'),
  WECHAT_OA_API_ROOT: z.url('应为网址，例如 https://api.weixin.qq.com').default('https://api.weixin.qq.com'),
  WECHAT_OA_TEMPLATE_ID: z.string().regex(/^[\w-]{10,128}$/, '应为订阅通知的模板 ID').optional(),
  /** The web console for bureau staff (docs/console.md): started only when a port is given. */
  ZHICHENG_CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ZHICHENG_CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  /** Behind HTTPS: mark the session cookie Secure. */
  ZHICHENG_CONSOLE_SECURE: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Trust X-Forwarded-Proto from the reverse proxy in front of the console. */
  ZHICHENG_CONSOLE_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Days a question the bot could not answer is kept (text only) for the console. */
  ZHICHENG_MISSES_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

/** The validated configuration every entry point uses. */
export interface Config {
  dataDir: string;
  now?: string;
  rulesDir?: string;
  staff: Set<string>;
  reminders: { hour: number; daysBefore: number[]; quietStart: number; quietEnd: number };
  sessionTtlDays: number;
  telegram?: { token: string; apiRoot?: string; webhookUrl?: string; webhookSecret?: string; webhookPort: number };
  wechat?: { puppet: string; token?: string; endpoint?: string; acceptFriends: boolean; pace?: { minDelayMs: number; maxDelayMs: number; perMinute: number } };
  officialAccount?: OfficialAccountConfig;
  /** The staff web console; absent when ZHICHENG_CONSOLE_PORT is not set. */
  console?: { port: number; host: string; secure: boolean; trustProxy: boolean };
  /** Days questions the bot missed are kept. */
  missesDays?: number;
}

/** The WeChat Official Account channel (present when WECHAT_OA_APP_ID and friends are set). */
export interface OfficialAccountConfig {
  appId: string;
  appSecret: string;
  /** The Token of 服务器配置 (signs every push). */
  token: string;
  /** EncodingAESKey (安全模式); absent: plaintext mode only. */
  aesKey?: string;
  /** The key before the last rotation, still accepted. */
  aesKeyPrevious?: string;
  /** Callback path, e.g. /wechat. */
  path: string;
  port: number;
  host: string;
  apiRoot: string;
  /** 订阅通知 template for reminders to followers outside the 48-hour window. */
  templateId?: string;
}

/** The official-account settings, or undefined when none is set; a partial set names what is missing. */
function officialAccount(e: z.infer<typeof envSchema>): OfficialAccountConfig | undefined {
  const required = { WECHAT_OA_APP_ID: e.WECHAT_OA_APP_ID, WECHAT_OA_APP_SECRET: e.WECHAT_OA_APP_SECRET, WECHAT_OA_TOKEN: e.WECHAT_OA_TOKEN };
  const any = Object.values(required).some(Boolean) || Boolean(e.WECHAT_OA_AES_KEY || e.WECHAT_OA_AES_KEY_PREVIOUS || e.WECHAT_OA_TEMPLATE_ID);
  if (!any) return undefined;
  for (const [name, value] of Object.entries(required)) {
    if (!value) throw new ConfigError(name, '未设置：启用微信公众号渠道需要同时设置 WECHAT_OA_APP_ID、WECHAT_OA_APP_SECRET 和 WECHAT_OA_TOKEN');
  }
  if (e.WECHAT_OA_AES_KEY_PREVIOUS && !e.WECHAT_OA_AES_KEY) throw new ConfigError('WECHAT_OA_AES_KEY', '未设置：只有设置了当前的 EncodingAESKey，才能同时接受更换前的 WECHAT_OA_AES_KEY_PREVIOUS');
  return {
    appId: e.WECHAT_OA_APP_ID!,
    appSecret: e.WECHAT_OA_APP_SECRET!,
    token: e.WECHAT_OA_TOKEN!,
    aesKey: e.WECHAT_OA_AES_KEY,
    aesKeyPrevious: e.WECHAT_OA_AES_KEY_PREVIOUS,
    path: e.WECHAT_OA_PATH,
    port: e.WECHAT_OA_PORT,
    host: e.WECHAT_OA_HOST,
    apiRoot: e.WECHAT_OA_API_ROOT,
    templateId: e.WECHAT_OA_TEMPLATE_ID,
  };
}

const STAFF_ENTRY = /^(telegram|wechat|wechat-oa|console):\S+$/;

/** Split ZHICHENG_STAFF; every entry must be `渠道:编号` (a bare name such as `zhangsan` is refused). */
function parseStaff(value: string): Set<string> {
  const entries = value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((s) => !STAFF_ENTRY.test(s));
  if (bad !== undefined) {
    throw new ConfigError('ZHICHENG_STAFF', `中的“${bad}”格式不对：每一项应为“渠道:编号”，渠道为 telegram、wechat、wechat-oa 或 console，例如 telegram:12345678,wechat:wxid_abc；也可以在网页控制台里用“绑定”代替（见 docs/console.md）`);
  }
  return new Set(entries);
}

const on = (v: string | undefined) => v === '1' || v === 'true';

/** Parse and validate the environment; throws `ConfigError` naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) means "not set", as in most shells' .env files.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? ''), issue.message);
  }
  const e = parsed.data;
  const daysBefore = e.ZHICHENG_REMINDER_DAYS_BEFORE.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (daysBefore.some((n) => !Number.isInteger(n) || n < 1 || n > 60)) {
    throw new ConfigError('ZHICHENG_REMINDER_DAYS_BEFORE', '应为 1–60 之间的整数，用逗号分隔，例如 3,7');
  }
  const wechatWanted = Boolean(e.WECHATY_PUPPET_SERVICE_TOKEN || e.WECHATY_PUPPET);
  const [minDelayMs, maxDelayMs] = e.WECHATY_SEND_DELAY_MS.split('-').map(Number) as [number, number];
  if (minDelayMs > maxDelayMs) throw new ConfigError('WECHATY_SEND_DELAY_MS', '最小值不能大于最大值');
  return {
    dataDir: path.resolve(e.ZHICHENG_DATA_DIR),
    now: e.ZHICHENG_NOW,
    rulesDir: e.ZHICHENG_RULES_DIR,
    staff: parseStaff(e.ZHICHENG_STAFF),
    reminders: { hour: e.ZHICHENG_REMINDER_HOUR, daysBefore, quietStart: e.ZHICHENG_QUIET_START, quietEnd: e.ZHICHENG_QUIET_END },
    sessionTtlDays: e.ZHICHENG_SESSION_TTL_DAYS,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT, webhookUrl: e.TELEGRAM_WEBHOOK_URL, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, webhookPort: e.TELEGRAM_WEBHOOK_PORT }
      : undefined,
    wechat: wechatWanted
      ? {
          puppet: e.WECHATY_PUPPET ?? 'wechaty-puppet-service',
          token: e.WECHATY_PUPPET_SERVICE_TOKEN,
          endpoint: e.WECHATY_PUPPET_SERVICE_ENDPOINT,
          acceptFriends: e.WECHATY_ACCEPT_FRIENDS === 'true',
          pace: { minDelayMs, maxDelayMs, perMinute: e.WECHATY_SENDS_PER_MINUTE },
        }
      : undefined,
    officialAccount: officialAccount(e),
    console:
      e.ZHICHENG_CONSOLE_PORT !== undefined
        ? { port: e.ZHICHENG_CONSOLE_PORT, host: e.ZHICHENG_CONSOLE_HOST, secure: on(e.ZHICHENG_CONSOLE_SECURE), trustProxy: on(e.ZHICHENG_CONSOLE_TRUST_PROXY) }
        : undefined,
    missesDays: e.ZHICHENG_MISSES_DAYS,
  };
}
