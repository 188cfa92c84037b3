/** The pure interview engine with a fake evaluator: early stop waits for its inputs; no ID in state. */
import { describe, expect, it } from 'vitest';
import type { DialogDeps } from '../../src/dialog/engine.js';
import { step } from '../../src/dialog/engine.js';
import { loadDialogs } from '../../src/dialog/load.js';
import type { DialogState } from '../../src/dialog/state.js';
import type { Profile } from '../../src/eligibility/profile.js';
import type { Verdict } from '../../src/eligibility/verdict.js';
import { resolveSeries } from '../../src/eligibility/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';

const policy = loadPolicy();
const seen: Profile[] = [];
/** Reports a certificate fail for teachers even before the certificate question, as an evaluator might. */
const fakeEvaluate = (p: Profile): Verdict => {
  seen.push(p);
  return {
    outcome: 'ineligible', level: null, batch: '2024-1', cutoffDate: '2024-06-30', missing: [], materials: [],
    checks: p.series !== '中小学教师' ? [] : [{ rule: 'practice_certificate', status: 'fail', message: '须先取得教师资格证', source: { doc: '寻人社发〔2024〕28号', clause: '三（五）' } }],
    window: { name: '2024年第一批', opens: '2024-04-10', closes: '2024-05-30', state: 'open', daysLeft: 40, source: { doc: '寻人社发〔2024〕28号', clause: '一' } },
  };
};
const deps: DialogDeps = { policy, dialogs: loadDialogs(), now: '2024-04-20', evaluate: fakeEvaluate, resolveSeries };

function run(inputs: string[]): { state: DialogState; last: string } {
  let r = step(undefined, '开始', deps);
  for (const i of inputs) r = step(r.state, i, deps);
  return { state: r.state, last: r.replies.map((x) => x.text).join('\n') };
}

describe('dialog engine', () => {
  it('does not stop on a fail whose question is still to come', () => {
    const { state, last } = run(['中小学教师', '小学语文', '本科']);
    expect(state.phase).toBe('asking');
    expect(last).not.toContain('已经可以判断');
  });

  it('skips the 员级 question for a 本科 graduate and asks it for a 大专 graduate', () => {
    const base = ['工程技术', '水利', '本科', '不确定', '2020年6月', '水利', '2020年7月']; // same major: 相同 is inferred
    expect(run(base).state.current).toBe('employerType');
    const college = [...base];
    college[2] = '大专';
    expect(run(college).state.current).toBe('holdsJuniorTitle');
  });

  it('keeps later answers when going back and changing an earlier one', () => {
    const { state } = run(['工程技术', '水利', '本科', '不确定', '2020年6月', '返回', '返回', '助理级']);
    expect(state.answers.targetLevel).toBe('助理级');
    expect(state.answers.graduationDate).toBe('2020-06-01');
    expect(state.current).toBe('majorStudied');
  });

  it('the ID number reaches the evaluator but never the state', () => {
    const answers = ['农业', '农学', '本科', '不确定', '2020年6月', '农学', '2020年7月', '国企', '某农业公司', '江西', '是', '是', '没有', '确认', '11010519491231002X'];
    seen.length = 0;
    const { state } = run(answers);
    expect(state.phase).toBe('done');
    expect(seen.some((p) => p.idNumber === '11010519491231002X')).toBe(true);
    expect(JSON.stringify(state)).not.toContain('11010519491231002X');
  });
});
