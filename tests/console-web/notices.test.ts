import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { notice as noticeSchema } from '../../src/policy/schema.js';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { Client, rig, tempDir } from './helpers.js';

/** The form as a clerk fills it for a (test) 2025 notice; the rest keeps the page's defaults. */
const NOTICE_2025: Record<string, string | string[]> = {
  id: 'xunwu-2025-test', doc: '寻人社发〔2025〕99号', title: '关于做好2025年专业技术资格考核认定工作的通知（测试用）', issued: '2025-04-01',
  b1_id: '2025-1', b1_name: '2025年第一批', b1_opens: '2025-04-10', b1_closes: '2025-05-30', b1_cutoff: '2025-06-30', b1_aud: 'general',
  b2_id: '2025-2', b2_name: '2025年第二批', b2_opens: '2025-10-10', b2_closes: '2025-11-20', b2_cutoff: '2025-12-31', b2_aud: ['general', 'education'],
  emp_date: '2025-12-20',
};

async function clerkRig() {
  const tmp = tempDir('zc-rules-');
  const rulesDir = path.join(tmp, 'rules');
  cpSync(path.join(PROJECT_ROOT, 'rules'), rulesDir, { recursive: true });
  const r = await rig({ env: { ZHICHENG_RULES_DIR: rulesDir }, paths: { rulesDir }, now: '2025-04-20' });
  const c = new Client(r.web);
  await c.login('赵六', r.prep.accounts.add('赵六', false));
  await c.get('/notices');
  // The page's own defaults (clauses, system, office …) as the browser would send them back.
  const defaults: Record<string, string | string[]> = {};
  for (const m of c.last.matchAll(/<input type="(?:text|date)" id="[^"]+" name="([^"]+)" value="([^"]*)"/g)) defaults[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  defaults.edu_series = [...c.last.matchAll(/<option selected>([^<]+)<\/option>/g)].map((m) => m[1]!);
  return { ...r, c, rulesDir, defaults };
}

const block = (html: string, id: string) => new RegExp(`data-testid="${id}">([^<]*)<`).exec(html)?.[1] ?? '';

describe('next year\'s notice', () => {
  it('errors appear beside their fields and nothing is saved', async () => {
    const { c, defaults, rulesDir } = await clerkRig();
    const bad = { ...defaults, ...NOTICE_2025, b1_closes: '2025-04-01', sys_url: 'not a url', pv_date: '2025-04-20', pv_sample: 'engineer' };
    expect((await c.post('/notices/preview', bad)).status).toBe(400);
    expect(c.last).toContain('id="err-b1_closes"');
    expect(c.last).toContain('id="err-sys_url"');
    // Cross-checks as `check` does them: a cut-off before the close, a batch id already used.
    await c.post('/notices/save', { ...defaults, ...NOTICE_2025, b1_cutoff: '2025-05-01', b2_id: '2024-1' });
    expect(c.last).toContain('id="err-b1_cutoff"');
    expect(c.last).toContain('年限终算日期早于窗口截止日期');
    expect(c.last).toContain('id="err-b1_id"');
    expect(existsSync(path.join(rulesDir, 'notices', 'xunwu-2025-test.yaml'))).toBe(false);
  });

  it('the preview shows how "现在能报吗" and a sample applicant change; saving makes it live', async () => {
    const { c, defaults, rulesDir, app, ctx } = await clerkRig();
    const before = app.knowledge.ask('现在能报吗', '2025-04-20').answer;
    expect(before).not.toContain('2025年');
    const form = { ...defaults, ...NOTICE_2025, pv_date: '2025-04-20', pv_sample: 'engineer' };
    expect((await c.post('/notices/preview', form)).status).toBe(200);
    expect(block(c.last, 'answer-new')).toContain('2025年5月30日');
    expect(block(c.last, 'answer-now')).toBe(before.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(block(c.last, 'verdict')).toContain('2025年第一批');
    // Nothing is live before saving.
    expect(app.knowledge.ask('现在能报吗', '2025-04-20').answer).toBe(before);
    expect((await c.post('/notices/save', form)).status).toBe(303);
    const file = path.join(rulesDir, 'notices', 'xunwu-2025-test.yaml');
    expect(noticeSchema.safeParse(parse(readFileSync(file, 'utf8'))).success).toBe(true);
    expect(app.knowledge.ask('现在能报吗', '2025-04-20').answer).toContain('2025年5月30日');
    const chat = await app.core.handle({ channel: 'telegram', userId: '7', chatId: '7', text: '现在能报吗' });
    expect(chat[0]!.text).toContain('2025年5月30日');
    expect(ctx.audit.read().find((e) => e.action === 'console.notice-save')).toMatchObject({ who: 'console:赵六', target: 'xunwu-2025-test' });
    // The same file name again is refused (never overwritten).
    await c.get('/notices');
    await c.post('/notices/save', form);
    expect(c.last).toContain('id="err-id"');
  });
});
