/**
 * The applicant profile (CONTRACT.md "Profile"), validated with zod. Lenient where people are:
 * common aliases of enum values are accepted (大学本科 → 本科, 国企 → 国有企业).
 */
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
  annualReviews: z.object({ 基本称职: z.number().int().min(0).default(0), 不称职: z.number().int().min(0).default(0) }).optional(),
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

/** `null` means "not given", like an absent field. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v;
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

/** Validate raw JSON into a Profile; throws `ProfileError` naming the first bad field. */
export function parseProfile(raw: unknown): Profile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ProfileError('profile', '应为 JSON 对象');
  const r = profileSchema.safeParse(withoutNulls(raw));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'profile';
    throw new ProfileError(field, issue.message);
  }
  return r.data;
}
