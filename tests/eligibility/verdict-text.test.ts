/**
 * The phone verdict, measured on every rule case (rules/cases/) as Telegram and WeChat send it:
 * the answer in the first line, within the length aim, and no line contradicting the outcome.
 */
import { describe, expect, it } from 'vitest';
import { figures, judgeRuleCases, measure, renderCases } from '../../scripts/verdict-length.js';
import { loadDialogs } from '../../src/dialog/load.js';
import { reasonsText, materialsText } from '../../src/dialog/verdict-followup.js';
import { verdictText } from '../../src/dialog/verdict-text.js';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { parseProfile } from '../../src/eligibility/profile.js';
import { loadPolicy } from '../../src/policy/load.js';

const policy = loadPolicy();
const dialogs = loadDialogs();
const cases = judgeRuleCases(policy);
const rendered = renderCases(cases, policy);

/** The answer words a first line starts with (after its mark). */
const ANSWER = /^(✅ 可以申报|⏳ 暂不能申报|⏸ 暂不能申报|❌ 不能申报|⚠️ 需确认|还缺少信息)/;

/** Lines of a verdict that promise what its first line refuses (empty when honest). */
function contradictions(text: string): string[] {
  const [head = '', ...rest] = text.split('\n');
  const refused = /^(❌|⏳|⏸|⚠️)/.test(head);
  if (!refused) return [];
  // A refusal may say what can be applied for meanwhile ("目前可以先申报员级") only when it is not a ❌ for every level.
  const promise = head.startsWith('❌ 不能申报：') ? /可认定|可以申报|可以先申报|✓/ : /✓.*可认定|可以申报：/;
  return rest.filter((l) => promise.test(l));
}

describe('the phone verdict of every rule case', () => {
  it('has the answer in the first line on Telegram and WeChat', () => {
    for (const r of rendered) {
      for (const text of [r.telegram[0]!, r.wechat[0]!]) expect(text.split('\n')[0], r.case.name).toMatch(ANSWER);
    }
  });

  it('fits a phone screen: at most 8 lines and 400 characters, one message', () => {
    for (const ch of ['telegram', 'wechat'] as const) {
      for (const r of rendered) {
        expect(r[ch], `${ch}: ${r.case.name}`).toHaveLength(1);
        const m = measure(r[ch][0]!);
        expect(m.lines, `${ch}: ${r.case.name}`).toBeLessThanOrEqual(8);
        expect(m.chars, `${ch}: ${r.case.name}`).toBeLessThanOrEqual(400);
      }
      const f = figures(rendered.map((r) => r[ch][0]!));
      expect(f.medianChars).toBeLessThan(300);
    }
  });

  it('has no line contradicting its outcome, short or in full ("理由")', () => {
    for (const r of rendered) {
      expect(contradictions(r.wechat[0]!), r.case.name).toEqual([]);
      if (r.case.verdict.outcome !== 'eligible') {
        const full = reasonsText(r.case.verdict, { policy, dialogs });
        expect(full.split('\n').filter((l) => l.startsWith('✓') && /可认定|可以考核认定|可以申报|可以先申报/.test(l)), r.case.name).toEqual([]);
      }
    }
  });

  it('cites briefly ("依据：28号文 三（六）"), the full document names only on request', () => {
    for (const r of rendered) expect(r.wechat[0], r.case.name).not.toMatch(/寻人社发〔|赣人社字〔/);
    const exam = rendered.find((r) => r.case.verdict.checks[0]?.rule === 'exam_instead_of_review')!;
    expect(exam.wechat[0]).toContain('依据：28号文 三（六）');
  });

  it('when every window has closed, says so first and claims no batch', () => {
    const lapsed = rendered.filter((r) => r.case.verdict.batch === null);
    expect(lapsed.length).toBeGreaterThanOrEqual(4);
    for (const r of lapsed) {
      const text = r.wechat[0]!;
      expect(text.split('\n')[0], r.case.name).toContain('现有通知（2024年）的申报都已结束');
      expect(text, r.case.name).not.toMatch(/本年度|还剩|天后开放|可以申报：/);
    }
  });
});

describe('the honesty check itself', () => {
  it('catches a ✓ 可认定 line under a ❌ and lets an honest verdict pass', () => {
    expect(contradictions('❌ 不能申报：不符合考核认定条件。\n✓ 大专毕业满3年，可认定助理级')).toHaveLength(1);
    expect(contradictions('⏸ 暂不能申报：现有通知（2024年）的申报都已结束。\n✅ 可以申报：助理级')).toHaveLength(1);
    expect(contradictions('⏳ 暂不能申报助理级：年限要到2025年7月1日才满足。\n目前可以先申报员级。')).toEqual([]);
  });
});

describe('the rest of a verdict on request', () => {
  const engineer = parseProfile({
    series: '工程技术人员', education: '本科', graduationDate: '2021-06-25', majorStudied: '水利水电工程', majorRelation: '相同',
    technicalWorkStart: '2021-07-05', employer: { name: '某水务集团', type: '国有企业', province: '江西' }, socialInsuranceEmployer: '某水务集团', certificates: [],
  });
  it('"理由" merges checks that share a clause into one line', () => {
    const v = evaluate(engineer, policy, '2024-05-06');
    const lines = reasonsText(v, { policy, dialogs }).split('\n');
    expect(lines.filter((l) => l.endsWith('（寻人社发〔2024〕28号 三（六））'))).toHaveLength(1);
    expect(v.checks.filter((c) => c.source.clause === '三（六）')).toHaveLength(2);
  });
  it('"材料" lists the materials, and says they are for reference when the verdict is not eligible', () => {
    const v = evaluate({ ...engineer, majorRelation: '不同' }, policy, '2024-05-06');
    const text = materialsText(v, { policy, dialogs });
    expect(text).toContain('《江西省专业技术资格考核认定表》');
    expect(text).toContain('供参考');
  });
  it('a document to obtain is 暂不能申报 with what to obtain, not 不能申报', () => {
    const v = evaluate({ ...engineer, socialInsuranceEmployer: '某劳务派遣公司', hasAffiliationProof: false }, policy, '2024-05-06');
    const text = verdictText(v, engineer, { policy, dialogs });
    expect(text.split('\n')[0]).toMatch(/^⏸ 暂不能申报：须先取得.*隶属关系证明/);
    expect(text).not.toContain('❌');
  });
});
