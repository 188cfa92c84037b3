/**
 * The applicant profile (CONTRACT.md "Profile"), validated with zod. Lenient where people are:
 * common aliases of enum values are accepted (大学本科 → 本科, 国企 → 国有企业).
 */
import '../zod-locale.js';
import * as z from 'zod';
import { education, employerType, isoDate, titleLevel } from '../policy/schema.js';

const aliasEnum = <T extends z.ZodEnum>(schema: T, aliases: Record<string, string>) =>
  z.preprocess((v) => (typeof v === 'string' ? (aliases[v.trim()] ?? v.trim()) : v), schema);

const educationAliases: Record<string, string> = {
  大学本科: '本科', 学士: '本科', 本科生: '本科', 大学: '本科',
  专科: '大专', 高职: '大专', 高专: '大专', 大学专科: '大专',
  中职: '中专', 技校: '中专', 职高: '中专', 中等专业学校: '中专',
  研究生: '硕士', 硕士研究生: '硕士', 博士研究生: '博士',
  高中: '高中及以下', 初中: '高中及以下', 小学: '高中及以下', 高中以下: '高中及以下',
};
const employerTypeAliases: Record<string, string> = {
  国企: '国有企业', 央企: '国有企业', 私企: '民营企业', 民企: '民营企业', 私营企业: '民营企业',
  外企: '外资企业', 合资企业: '外资企业', 事业: '事业单位', 行政机关: '机关', 政府机关: '机关', 党政机关: '机关',
  无: '无单位', 自由职业: '无单位', 个体: '无单位',
};
const relationAliases: Record<string, string> = { 一样: '相同', 同: '相同', 接近: '相近', 近似: '相近', 不一样: '不同', 无关: '不同' };

export const majorRelation = aliasEnum(z.enum(['相同', '相近', '不同']), relationAliases);

/** Annual reviews happen once a year: more than a working life holds is a typo, not a verdict's input. */
const MAX_REVIEWS = 50;
const reviewCount = z.number().int().min(0).max(MAX_REVIEWS, `次数不合理：年度考核每年一次，不会超过 ${MAX_REVIEWS} 次`);

export const profileSchema = z.object({
  series: z.string().trim().min(1).optional(),
  specialty: z.string().optional(),
  targetLevel: titleLevel.optional(),
  education: aliasEnum(education, educationAliases).optional(),
  hasDegree: z.boolean().optional(),
  graduationDate: isoDate.optional(),
  majorStudied: z.string().optional(),
  majorRelation: majorRelation.optional(),
  technicalWorkStart: isoDate.optional(),
  currentTitle: z.object({ level: z.enum(['员级', '助理级']), since: isoDate }).optional(),
  employer: z
    .object({
      name: z.string().optional(),
      type: aliasEnum(employerType, employerTypeAliases).optional(),
      province: z.string().optional(),
      kind: z.string().optional(),
    })
    .optional(),
  socialInsuranceEmployer: z.string().optional(),
  hasAffiliationProof: z.boolean().optional(),
  archiveHostedInJiangxi: z.boolean().optional(),
  certificates: z.array(z.string()).optional(),
  annualReviews: z
    .object({ 基本称职: reviewCount.default(0), 不称职: reviewCount.default(0) })
    .refine((r) => r.基本称职 + r.不称职 <= MAX_REVIEWS, { message: `两项合计不合理：年度考核每年一次，合计不会超过 ${MAX_REVIEWS} 次` })
    .optional(),
  disciplinaryEndDate: isoDate.optional(),
  idNumber: z.string().optional(),
});

/** A validated applicant profile; every field may be absent (the verdict lists what is missing). */
export type Profile = z.infer<typeof profileSchema>;

/** A profile field that is malformed: the contract's error naming the field. */
export class ProfileError extends Error {
  constructor(public readonly field: string, detail: string) {
    super(`字段 ${field} 有误：${detail}`);
    this.name = 'ProfileError';
  }
}

/** Objects inside the profile whose `null` members also mean "not given". */
const NESTED = ['currentTitle', 'employer', 'annualReviews'];

/**
 * `null` means "not given", like an absent field. Only the profile's own objects are looked into
 * (not recursively), so a deeply nested value in an ignored field costs nothing.
 */
function withoutNulls(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[k] = NESTED.includes(k) && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as object).filter(([, y]) => y !== null)) : x;
  }
  return out;
}

/** How far after "today" each date may lie (days): a date beyond it is a typo (9999), never a verdict's input. */
const HORIZON_DAYS: Record<string, number> = {
  graduationDate: 366,
  technicalWorkStart: 366,
  'currentTitle.since': 366,
  // A punishment's effect may still run for some years.
  disciplinaryEndDate: 5 * 366,
};
const EARLIEST = '1940-01-01';

/** Refuse dates no applicant can have: before 1940, or beyond `now` plus the field's horizon. */
function checkDates(p: Profile, now: string | undefined): void {
  const dates: Array<[string, string | undefined]> = [
    ['graduationDate', p.graduationDate],
    ['technicalWorkStart', p.technicalWorkStart],
    ['currentTitle.since', p.currentTitle?.since],
    ['disciplinaryEndDate', p.disciplinaryEndDate],
  ];
  for (const [field, d] of dates) {
    if (d === undefined) continue;
    if (d < EARLIEST) throw new ProfileError(field, `日期不合理（${d}，早于 ${EARLIEST}），请检查年份`);
    const latest = now ? addDays(now, HORIZON_DAYS[field]!) : '2100-12-31';
    if (d > latest) throw new ProfileError(field, `日期不合理（${d}，晚于 ${latest}${now ? `，即今天 ${now} 之后太久` : ''}），请检查年份`);
  }
}

/** `day` (YYYY-MM-DD) plus `n` days. */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Validate raw JSON into a Profile; throws `ProfileError` naming the first bad field. With `now`
 * (YYYY-MM-DD), dates too far in the future for that day are refused as well.
 */
export function parseProfile(raw: unknown, now?: string): Profile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ProfileError('profile', '应为 JSON 对象');
  const r = profileSchema.safeParse(withoutNulls(raw as Record<string, unknown>));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'profile';
    throw new ProfileError(field, issue.message);
  }
  checkDates(r.data, now);
  return r.data;
}
