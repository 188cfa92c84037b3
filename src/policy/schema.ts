/**
 * zod schemas for the policy data in rules/. Every fact carries `{doc, clause}`; confidence is
 * given where it is not high.
 */
import '../zod-locale.js';
import * as z from 'zod';

/** An ISO calendar date `YYYY-MM-DD` that exists (rejects 2023-02-30). */
export const isoDate = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCFullYear() !== +m[1]! || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) {
    ctx.addIssue({ code: 'custom', message: `不是有效日期（应为 YYYY-MM-DD）：${s}` });
    return z.NEVER;
  }
  return s;
});

export const confidence = z.enum(['high', 'medium-high', 'medium', 'unverified']);
export type Confidence = z.infer<typeof confidence>;

/** Where a fact comes from: the document number as written and the clause, full-width brackets. */
export const source = z.object({ doc: z.string().min(1), clause: z.string().min(1) }).strict();
export type Source = z.infer<typeof source>;

export const educationLevels = ['高中及以下', '中专', '大专', '本科', '硕士', '博士'] as const;
export const education = z.enum(educationLevels);
export type Education = z.infer<typeof education>;

export const titleLevels = ['员级', '助理级', '中级'] as const;
export const titleLevel = z.enum(titleLevels);
export type TitleLevel = z.infer<typeof titleLevel>;

export const employerTypes = ['国有企业', '民营企业', '外资企业', '事业单位', '机关', '社会组织', '无单位'] as const;
export const employerType = z.enum(employerTypes);
export type EmployerType = z.infer<typeof employerType>;

export const batch = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    opens: isoDate,
    closes: isoDate,
    cutoff: isoDate,
    audiences: z.array(z.enum(['general', 'education'])).min(1),
    source,
    cutoffSource: source,
  })
  .strict()
  .refine((b) => b.opens <= b.closes, { message: '窗口开始日期晚于截止日期', path: ['closes'] });
export type Batch = z.infer<typeof batch>;

export const notice = z
  .object({
    id: z.string().min(1),
    doc: z.string().min(1),
    title: z.string().min(1),
    issuer: z.string().min(1),
    issued: isoDate,
    source,
    basis: z.array(z.object({ doc: z.string(), title: z.string(), aliases: z.array(z.string()).optional() }).strict()),
    clauses: z
      .object({
        conditions: z.string(),
        minEducation: z.string(),
        majorRelation: z.string(),
        socialInsurance: z.string(),
        archiveHosted: z.string(),
        examInsteadOfReview: z.string(),
        idNumber: z.string(),
      })
      .strict(),
    batches: z.array(batch).min(1),
    educationSystem: z
      .object({ series: z.array(z.string()), employerKinds: z.array(z.string()), source, confidence: confidence.optional() })
      .strict(),
    employerDeadline: z.object({ date: isoDate, source }).strict(),
    system: z.object({ name: z.string(), url: z.url(), source }).strict(),
    office: z.object({ name: z.string(), source }).strict(),
  })
  .strict();
export type Notice = z.infer<typeof notice>;

export const route = z
  .object({
    id: z.string(),
    level: titleLevel,
    education: z.array(education).min(1),
    requiresDegree: z.boolean().optional(),
    workMonths: z.number().int().min(0).optional(),
    titleHeld: z.object({ level: titleLevel, months: z.number().int().min(0) }).strict().optional(),
    source,
    confidence: confidence.optional(),
  })
  .strict()
  .refine((r) => (r.workMonths === undefined) !== (r.titleHeld === undefined), {
    message: '每条路径须且只能设置 workMonths 或 titleHeld 之一',
  });
export type Route = z.infer<typeof route>;

const extension = z.object({ months: z.number().int().min(0), source }).strict();

export const method = z
  .object({
    doc: z.string(),
    title: z.string(),
    aliases: z.array(z.string()),
    levels: z.array(titleLevel),
    countingSource: source,
    articles: z.object({ majorRelation: source, examInsteadOfReview: source, practiceCertificate: source }).strict(),
    routes: z.array(route).min(1),
    minimumEducation: education,
    minimumEducationSource: source,
    levelSource: source,
    extensions: z.object({ disciplinary: extension, unsatisfactory: extension, basicallySatisfactory: extension }).strict(),
    coveredEmployerTypes: z.array(employerType),
    coveredProvince: z.string(),
    coveredPlaceNames: z.array(z.string()),
    coverageSource: source,
    reviewEmployerTypes: z.array(employerType),
  })
  .strict();
export type Method = z.infer<typeof method>;

const certificate = z
  .object({ name: z.string(), keywords: z.array(z.string()).min(1), source, confidence: confidence.optional() })
  .strict();
export type CertificateRule = z.infer<typeof certificate>;

export const seriesEntry = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string()),
    confidence: confidence.optional(),
    minEducation: z.object({ value: education, source }).strict().optional(),
    examInsteadOfReview: z.object({ value: z.boolean(), source, confidence: confidence.optional() }).strict().optional(),
    certificate: certificate.optional(),
    specialtyCertificates: z.array(z.object({ keywords: z.array(z.string()).min(1), certificate }).strict()).optional(),
    titles: z.partialRecord(titleLevel, z.string()).optional(),
    stateOwnedEnterpriseOnly: z.object({ enterpriseTypes: z.array(employerType), source }).strict().optional(),
    examSpecialties: z.object({ keywords: z.array(z.string()).min(1), source, confidence: confidence.optional() }).strict().optional(),
  })
  .strict();
export type SeriesEntry = z.infer<typeof seriesEntry>;

export const seriesFile = z
  .object({
    defaultMinEducation: z.object({ value: education, source }).strict(),
    series: z.array(seriesEntry).min(1),
    employerKindHints: z.array(z.object({ aliases: z.array(z.string()), kinds: z.record(z.string(), z.string()) }).strict()),
    vocationalSchools: z
      .object({
        kinds: z.array(z.string()),
        series: z.string(),
        source,
        /** Title words of the series a vocational teacher may not apply in (三（三）): "中学二级教师". */
        otherSeriesTitles: z.object({ words: z.array(z.string()).min(1), series: z.string() }).strict().optional(),
      })
      .strict(),
    /** A company named by the county itself (县供电公司): its state ownership is assumed firmly (三（六）). */
    countyOwnedEnterprise: z
      .object({ pattern: z.string().refine((p) => { try { new RegExp(p, 'u'); return true; } catch { return false; } }, 'invalid regular expression'), source })
      .strict()
      .optional(),
  })
  .strict();
export type SeriesFile = z.infer<typeof seriesFile>;

export const materialFacts = ['always', 'certificate', 'titleHeld', 'socialInsuranceDiffers', 'archiveHosted'] as const;
const materialCondition = z.union([
  z.enum(materialFacts),
  z.object({ employerTypes: z.array(employerType).min(1) }).strict(),
  z.object({ education: z.array(education).min(1) }).strict(),
]);
export const materialsFile = z
  .object({
    materials: z.array(z.object({ id: z.string(), text: z.string(), when: materialCondition, source }).strict()).min(1),
  })
  .strict();
export type Material = z.infer<typeof materialsFile>['materials'][number];
