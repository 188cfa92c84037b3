/**
 * The interview with the real rules: "不知道" is kept as unknown (never a no) and judged both ways;
 * answers already known are not asked; prefilled answers are respected; an ID typo never decides.
 */
import { describe, expect, it } from 'vitest';
import { opening, step, type DialogDeps, type StepResult } from '../../src/dialog/engine.js';
import { loadDialogs } from '../../src/dialog/load.js';
import { newState } from '../../src/dialog/state.js';
import { evaluate, resolveSeries } from '../../src/eligibility/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';

const deps: DialogDeps = { policy: loadPolicy(), dialogs: loadDialogs(), now: '2024-04-20', evaluate, resolveSeries };

function run(inputs: string[], from?: StepResult): StepResult & { text: string } {
  let r = from ?? step(undefined, '开始', deps);
  for (const i of inputs) r = step(r.state, i, deps);
  return { ...r, text: r.replies.map((x) => x.text).join('\n') };
}

const engineerTo = (name: string) => ['工程技术', '道路桥梁', '本科', '不确定', '2022年6月', '土木工程', '相近', '2022年7月', '国企', name];

describe('"不知道" at a step', () => {
  it('is kept as unknown, not as a value and not as 否', () => {
    const r = run([...engineerTo('县交通投资集团'), '不知道']);
    expect(r.state.answers.employerProvince).toBeNull();
    expect(r.state.unknown).toContain('employerProvince');
    // The hosted-file question only follows a province outside Jiangxi, not an unknown one.
    expect(r.state.current).toBe('socialInsuranceSame');
    const yn = run(['不知道'], run([...engineerTo('县交通投资集团'), '江西']));
    expect(yn.state.answers.socialInsuranceSame).toBeNull();
    expect(yn.state.current).toBe('reviewsAllGood');
  });

  it('the verdict is conditional on an unknown fact the outcome turns on, and names whom to ask', () => {
    const r = run([...engineerTo('县交通投资集团'), '不知道', '是', '是', '没有', '确认', '跳过']);
    expect(r.text).toContain('取决于“单位所在省份”');
    expect(r.text).toContain('若单位在江西省内，可以申报【助理级】');
    expect(r.text).toContain('若单位在江西省外，不能申报');
    expect(r.text).toContain('请向单位人事确认');
    expect(r.text).not.toMatch(/^✅/);
  });

  it('an unknown fact that does not change the outcome is not a condition', () => {
    const r = run([...engineerTo('寻乌县交通投资集团'), '不清楚', '是', '没有', '确认', '跳过']);
    expect(r.text).toMatch(/^✅ 可以申报：助理级/);
    expect(r.text).not.toContain('取决于');
  });

  it('a required step explains and asks again instead of keeping "不知道"', () => {
    const r = run(['不知道']);
    expect(r.state.current).toBe('series');
    expect(r.state.answers.series).toBeUndefined();
  });
});

describe('answers already known are not asked', () => {
  it('an employer named after a Jiangxi place is in Jiangxi; a new name re-infers', () => {
    const r = run(engineerTo('赣州某水务集团有限公司'));
    expect(r.state.answers.employerProvince).toBe('江西');
    expect(r.state.current).toBe('socialInsuranceSame');
    // Going back and naming a company elsewhere drops the inference: the province is asked.
    const again = run(['返回', '广州某设计院'], r);
    expect(again.state.answers.employerProvince).toBeUndefined();
    expect(again.state.current).toBe('employerProvince');
  });

  it('the same specialty and major need no 相同/相近 question', () => {
    const r = run(['工程技术', '道路桥梁工程', '本科', '不确定', '2022年6月', '道路桥梁工程专业']);
    expect(r.state.answers.majorRelation).toBe('相同');
    expect(r.state.current).toBe('technicalWorkStart');
  });

  it('a 员级 applicant is not asked whether they hold 员级', () => {
    const r = run(['农业', '农技推广', '中专', '员级', '2022年6月', '农学', '相近', '2022年9月']);
    expect(r.state.current).toBe('employerType');
    const assistant = run(['农业', '农技推广', '中专', '助理级', '2022年6月', '农学', '相近', '2022年9月']);
    expect(assistant.state.current).toBe('holdsJuniorTitle');
  });

  it('prefilled answers are not asked again, and what follows from them is inferred', () => {
    const st = newState();
    Object.assign(st.answers, { series: '工程技术人员', specialty: '道路设计', education: '本科', employerType: '国有企业', employerName: '寻乌县交通投资集团' });
    const r = opening(st, deps);
    expect(r.state.current).toBe('targetLevel');
    expect(r.state.answers.employerProvince).toBe('江西');
  });
});

describe('annual reviews and punishments as people answer', () => {
  it('都合格 is all good, 有过 asks the counts, 基本称职一次 fills one, 没受过处分 is no', () => {
    const base = [...engineerTo('寻乌县交通投资集团'), '是'];
    expect(run([...base, '都合格']).state.answers.reviewsAllGood).toBe(true);
    expect(run([...base, '有过']).state.current).toBe('basicallySatisfactory');
    // The count said with the answer is not asked again.
    const said = run([...base, '去年基本称职一次']);
    expect(said.state.answers.basicallySatisfactory).toBe(1);
    expect(said.state.current).toBe('unsatisfactory');
    expect(run([...base, '都合格', '没受过处分']).state.answers.punished).toBe(false);
  });
});

describe('ID number typos', () => {
  const toId = [...engineerTo('寻乌县交通投资集团'), '是', '是', '没有', '确认'];
  it('a failing check digit is asked again once, then the verdict comes without it, still ✅', () => {
    const once = run([...toId, '110105194912310021']);
    expect(once.state.phase).toBe('idNumber');
    expect(once.text).toContain('校验位不对');
    expect(JSON.stringify(once.state)).not.toContain('110105194912310021');
    const twice = run(['110105194912310021'], once);
    expect(twice.state.phase).toBe('done');
    expect(twice.text).toMatch(/^✅/);
    expect(twice.text).toContain('校验仍未通过');
    expect(twice.verdict?.checks.some((c) => c.status === 'fail')).toBe(false);
  });
});

describe('退出 pauses', () => {
  it('keeps the answers; any next turn resumes', () => {
    const r = run(['工程技术', '道路桥梁', '退出']);
    expect(r.ended).toBe('quit');
    expect(r.state.paused).toBe(true);
    expect(r.state.answers.series).toBe('工程技术人员');
    const back = run(['本科'], r);
    expect(back.state.paused).toBeUndefined();
    expect(back.state.answers.education).toBe('本科');
  });
});
