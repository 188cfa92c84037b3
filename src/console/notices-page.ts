/**
 * /notices: next year's notice as a form (number, title, issue date, batches with open / close /
 * cut-off dates, the education window, the employers' deadline, the clauses), validated by the
 * same zod schema and cross-checks as rules/notices/*.yaml with each error beside its field; a
 * preview of "现在能报吗" and of a sample applicant's verdict on a chosen date; saved as
 * rules/notices/<id>.yaml and live at once.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'hono';
import { stringify } from 'yaml';
import { evaluate } from '../eligibility/evaluate.js';
import { formatVerdictText } from '../eligibility/format-text.js';
import { profileSchema } from '../eligibility/profile.js';
import { loadKnowledge } from '../knowledge/index.js';
import { isIsoDay } from '../policy/dates.js';
import { latestNotice, readPolicy, type Policy } from '../policy/load.js';
import { DataError, type DataProblem } from '../policy/problems.js';
import { notice as noticeSchema, type Notice } from '../policy/schema.js';
import { h, type Safe } from './html.js';
import { csrfField, notice, page } from './layout.js';
import { field, fields, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono, type Form } from './context.js';

const CLAUSE_KEYS = ['conditions', 'minEducation', 'majorRelation', 'socialInsurance', 'archiveHosted', 'examInsteadOfReview', 'idNumber'] as const;
const CLAUSE_LABELS: Record<(typeof CLAUSE_KEYS)[number], string> = {
  conditions: '申报条件', minEducation: '学历要求', majorRelation: '专业对口', socialInsurance: '社保', archiveHosted: '档案托管', examInsteadOfReview: '以考代评', idNumber: '身份证号',
};
const BATCH_ROWS = 3;

/** Sample applicants for the preview (the bases of rules/cases/xunwu-2024.yaml). */
export const SAMPLES = {
  engineer: {
    label: '国企工程技术人员，本科，2021年毕业',
    profile: { series: '工程技术人员', specialty: '水利水电工程', education: '本科', graduationDate: '2021-06-25', majorStudied: '水利水电工程', majorRelation: '相同', technicalWorkStart: '2021-07-05', employer: { name: '寻乌县水务集团有限公司', type: '国有企业', province: '江西' }, socialInsuranceEmployer: '寻乌县水务集团有限公司', certificates: [] },
  },
  teacher: {
    label: '小学教师，本科，2021年毕业，有教师资格证',
    profile: { series: '中小学教师', specialty: '小学语文', education: '本科', graduationDate: '2021-06-25', majorStudied: '汉语言文学', majorRelation: '相同', technicalWorkStart: '2021-09-01', employer: { name: '寻乌县某小学', type: '事业单位', province: '江西', kind: '中小学' }, socialInsuranceEmployer: '寻乌县某小学', certificates: ['小学教师资格证'] },
  },
} as const;

type Errors = Record<string, string>;

/** The notice the form describes (not yet validated). */
function noticeFrom(form: Form, base: Notice): unknown {
  const src = (clause: string) => ({ doc: field(form, 'doc'), clause });
  const batches = [];
  for (let i = 1; i <= BATCH_ROWS; i++) {
    const id = field(form, `b${i}_id`);
    if (!id && !field(form, `b${i}_opens`)) continue;
    batches.push({
      id, name: field(form, `b${i}_name`), opens: field(form, `b${i}_opens`), closes: field(form, `b${i}_closes`), cutoff: field(form, `b${i}_cutoff`),
      audiences: fields(form, `b${i}_aud`), source: src(field(form, 'batchClause')), cutoffSource: src(field(form, 'cutoffClause')),
    });
  }
  return {
    id: field(form, 'id'), doc: field(form, 'doc'), title: field(form, 'title'), issuer: field(form, 'issuer'), issued: field(form, 'issued'),
    source: src(field(form, 'srcClause') || '文首'),
    basis: base.basis,
    clauses: Object.fromEntries(CLAUSE_KEYS.map((k) => [k, field(form, `c_${k}`)])),
    batches,
    educationSystem: {
      series: fields(form, 'edu_series'), employerKinds: field(form, 'edu_kinds').split(/[,，、\s]+/).filter(Boolean), source: src(field(form, 'eduClause')),
      ...(base.educationSystem.confidence ? { confidence: base.educationSystem.confidence } : {}),
    },
    employerDeadline: { date: field(form, 'emp_date'), source: src(field(form, 'empClause')) },
    system: { name: field(form, 'sys_name'), url: field(form, 'sys_url'), source: src(field(form, 'sysClause')) },
    office: { name: field(form, 'office_name'), source: src(field(form, 'officeClause')) },
  };
}

/** The form field a schema path belongs to. */
function fieldOf(p: readonly PropertyKey[]): string {
  const [a, b, c] = p.map(String);
  if (a === 'batches' && b !== undefined && /^\d+$/.test(b)) {
    if (c === 'source') return 'batchClause';
    if (c === 'cutoffSource') return 'cutoffClause';
    return `b${Number(b) + 1}_${c === 'audiences' ? 'aud' : c ?? 'id'}`;
  }
  if (a === 'batches') return 'b1_id';
  if (a === 'clauses') return `c_${b}`;
  if (a === 'educationSystem') return b === 'series' ? 'edu_series' : b === 'employerKinds' ? 'edu_kinds' : 'eduClause';
  if (a === 'employerDeadline') return b === 'date' ? 'emp_date' : 'empClause';
  if (a === 'system') return b === 'url' ? 'sys_url' : b === 'name' ? 'sys_name' : 'sysClause';
  if (a === 'office') return b === 'name' ? 'office_name' : 'officeClause';
  if (a === 'source') return 'doc';
  return a ?? 'form';
}

/** Validate the form as rules/ would be validated with this notice added; the policy on success. */
function validate(form: Form, ctx: ConsoleContext): { errors: Errors } | { notice: Notice; policy: Policy } {
  const errors: Errors = {};
  const base = latestNotice(ctx.app.policy);
  const id = field(form, 'id');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) errors.id = '文件名只能用小写字母、数字和连字符，例如 xunwu-2025-30';
  else if (existsSync(path.join(ctx.paths.rulesDir, 'notices', `${id}.yaml`))) errors.id = '已经有这个文件名的通知；请换一个（不会覆盖已有的通知）';
  const parsed = noticeSchema.safeParse(noticeFrom(form, base));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
    return { errors };
  }
  if (Object.keys(errors).length) return { errors };
  // The cross-checks of `check` (known series, cut-off after closing, unique batch ids) on a copy of rules/.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'zc-notice-'));
  try {
    cpSync(ctx.paths.rulesDir, tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'notices', `${id}.yaml`), stringify(parsed.data));
    const problems: DataProblem[] = [];
    const policy = readPolicy(tmp, problems);
    for (const p of problems) {
      const m = /^batches\.(\d+)\.(\w+)/.exec(p.path);
      const key = m ? `b${Number(m[1]) + 1}_${m[2]}` : p.path.startsWith('batches.') ? 'b1_id' : p.path.startsWith('educationSystem') ? 'edu_series' : 'form';
      errors[key] ??= p.message;
    }
    if (!policy || problems.length) return { errors: Object.keys(errors).length ? errors : { form: '数据校验没有通过' } };
    return { notice: parsed.data, policy };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Register the notice pages. */
export function registerNotices(r: ConsoleHono, ctx: ConsoleContext): void {
  const viewer = (c: Context<ConsoleEnv>) => ({ name: c.get('account').name, admin: c.get('account').admin, csrf: c.get('session').csrf });

  const defaults = (): Form => {
    const n = latestNotice(ctx.app.policy);
    const f: Form = {
      issuer: n.issuer, srcClause: n.source.clause, batchClause: n.batches[0]!.source.clause, cutoffClause: n.batches[0]!.cutoffSource.clause,
      edu_series: [...n.educationSystem.series], edu_kinds: n.educationSystem.employerKinds.join('、'), eduClause: n.educationSystem.source.clause,
      empClause: n.employerDeadline.source.clause, sys_name: n.system.name, sys_url: n.system.url, sysClause: n.system.source.clause,
      office_name: n.office.name, officeClause: n.office.source.clause, b1_aud: ['general'], b2_aud: ['general', 'education'],
    };
    for (const k of CLAUSE_KEYS) f[`c_${k}`] = n.clauses[k];
    return f;
  };

  const formHtml = (c: Context<ConsoleEnv>, form: Form, errors: Errors = {}): Safe => {
    const v = viewer(c);
    const e = (k: string) => (errors[k] ? h`<p class="error" id="err-${k}" role="alert">${errors[k]}</p>` : '');
    const text = (k: string, label: string, type = 'text') => h`<label for="${k}">${label}</label><input type="${type}" id="${k}" name="${k}" value="${field(form, k)}"${errors[k] ? h` aria-invalid="true" aria-describedby="err-${k}"` : ''}>${e(k)}`;
    const series = new Set(fields(form, 'edu_series'));
    const batchRow = (i: number) => {
      const aud = new Set(fields(form, `b${i}_aud`));
      return h`<fieldset class="card"><legend>第 ${i} 批${i > 2 ? '（可不填）' : ''}</legend>
${text(`b${i}_id`, '批次编号（例如 2025-1）')}${text(`b${i}_name`, '批次名称（例如 2025年第一批）')}
${text(`b${i}_opens`, '申报开始', 'date')}${text(`b${i}_closes`, '申报截止', 'date')}${text(`b${i}_cutoff`, '年限计算截止日期', 'date')}
<label style="font-weight:normal"><input type="checkbox" name="b${i}_aud" value="general"${aud.has('general') ? h` checked` : ''}> 各系列</label>
<label style="font-weight:normal"><input type="checkbox" name="b${i}_aud" value="education"${aud.has('education') ? h` checked` : ''}> 教育系统</label>${e(`b${i}_aud`)}</fieldset>`;
    };
    return h`${errors.form ? h`<p class="error" role="alert">${errors.form}</p>` : ''}
${csrfField(v.csrf)}
<div class="card"><h2>通知</h2>${text('id', '文件名（例如 xunwu-2025-30）')}${text('doc', '文号（例如 寻人社发〔2025〕30号）')}${text('title', '标题')}${text('issuer', '发文单位')}${text('issued', '发文日期', 'date')}</div>
${[1, 2, 3].map(batchRow)}
<div class="card"><h2>出处条款</h2>${text('batchClause', '申报时间所在条款')}${text('cutoffClause', '年限计算截止所在条款')}</div>
<div class="card"><h2>教育系统窗口</h2><label for="edu_series">哪些系列算教育系统（可多选）</label><select id="edu_series" name="edu_series" multiple size="5">${ctx.app.policy.series.series.map((s) => h`<option${series.has(s.name) ? h` selected` : ''}>${s.name}</option>`)}</select>${e('edu_series')}
${text('edu_kinds', '哪些单位算教育系统（用顿号分开）')}${text('eduClause', '所在条款')}</div>
<div class="card"><h2>用人单位完成期限</h2>${text('emp_date', '日期', 'date')}${text('empClause', '所在条款')}</div>
<div class="card"><h2>各项条件所在条款</h2>${CLAUSE_KEYS.map((k) => text(`c_${k}`, CLAUSE_LABELS[k]))}</div>
<div class="card"><h2>申报系统和经办机构</h2>${text('sys_name', '系统名称')}${text('sys_url', '系统网址')}${text('sysClause', '所在条款')}${text('office_name', '经办机构')}${text('officeClause', '所在条款')}</div>`;
  };

  const previewControls = (form: Form) => h`<div class="card"><h2>上线前预览</h2>
<label for="pv_date">假设今天是</label><input type="date" id="pv_date" name="pv_date" value="${field(form, 'pv_date') || ctx.app.now()}">
<label for="pv_sample">示例申请人</label><select id="pv_sample" name="pv_sample">${Object.entries(SAMPLES).map(([k, s]) => h`<option value="${k}"${field(form, 'pv_sample') === k ? h` selected` : ''}>${s.label}</option>`)}</select>
<button type="submit" formaction="/notices/preview">预览</button> <button type="submit" formaction="/notices/save" class="danger">保存并上线</button></div>`;

  const show = (c: Context<ConsoleEnv>, form: Form, errors: Errors = {}, top?: Safe, status: 200 | 400 = 200) =>
    c.html(
      page({
        title: '新通知',
        viewer: viewer(c),
        active: '/notices',
        body: h`${top ?? ''}<div class="card"><p>现在生效的通知：${ctx.app.policy.notices.map((n) => `${n.doc}（${n.batches.map((b) => b.name).join('、')}）`).join('；')}</p>
<p class="hint">填好后先“预览”：看机器人会怎么回答“现在能报吗”、怎么判断示例申请人。确认无误再“保存并上线”。保存后写入 rules/notices/，机器人立即按新通知回答。</p></div>
<form method="post" action="/notices/preview">${formHtml(c, form, errors)}${previewControls(form)}</form>`,
      }),
      status,
    );

  r.get('/notices', (c) => show(c, defaults(), {}, c.req.query('saved') ? notice('ok', '新通知已保存并上线。') : undefined));

  r.post('/notices/preview', (c) => {
    const form = c.get('form');
    const v = validate(form, ctx);
    if ('errors' in v) return show(c, form, v.errors, notice('warn', '有几处需要修改，见各栏下面的红字。'), 400);
    const day = field(form, 'pv_date');
    if (!isIsoDay(day)) return show(c, form, { pv_date: '请选择日期' }, undefined, 400);
    let kb: ReturnType<typeof loadKnowledge>;
    try {
      kb = loadKnowledge(v.policy, ctx.paths.knowledgeDir);
    } catch (e) {
      return show(c, form, { form: e instanceof DataError ? e.message : (e as Error).message }, undefined, 400);
    }
    const question = '现在能报吗';
    const now = ctx.app.knowledge.ask(question, day);
    const next = kb.ask(question, day);
    const sample = SAMPLES[(field(form, 'pv_sample') as keyof typeof SAMPLES) || 'engineer'] ?? SAMPLES.engineer;
    const verdict = formatVerdictText(evaluate(profileSchema.parse(sample.profile), v.policy, day));
    ctx.audit.write({ who: who(c.get('account').name), action: 'console.notice-preview', target: v.notice.id }, ctx.clock());
    return show(
      c,
      form,
      {},
      h`<div class="card ok"><h2>预览：${day}，问“${question}”</h2><p>保存后机器人会答：</p><pre data-testid="answer-new">${next.answer}</pre>
<p class="hint">现在机器人答：</p><pre data-testid="answer-now">${now.answer}</pre>
<h2>示例申请人：${sample.label}</h2><pre data-testid="verdict">${verdict}</pre></div>`,
    );
  });

  r.post('/notices/save', (c) => {
    const form = c.get('form');
    const v = validate(form, ctx);
    if ('errors' in v) return show(c, form, v.errors, notice('warn', '没有保存：有几处需要修改，见各栏下面的红字。'), 400);
    const file = path.join(ctx.paths.rulesDir, 'notices', `${v.notice.id}.yaml`);
    writeFileSync(file, `# ${v.notice.doc} — saved from the web console (docs/console.md). Same schema as every notice.\n${stringify(v.notice)}`, { flag: 'wx' });
    try {
      ctx.reloadData();
    } catch (e) {
      unlinkSync(file);
      return show(c, form, { form: `没有保存：${e instanceof DataError ? e.message : (e as Error).message}` }, undefined, 400);
    }
    ctx.audit.write({ who: who(c.get('account').name), action: 'console.notice-save', target: v.notice.id }, ctx.clock());
    return c.redirect('/notices?saved=1', 303);
  });
}
