/**
 * Judging mechanisms of round 6, each on facts as the understanding hands them over (so that they
 * pin the judge, not one phrasing): a company the county names as its own is state-owned without a
 * condition; a workplace's series is not doubted when the major studied fits it; a vocational
 * teacher asking for a 中小学 title is answered no whatever the dates; after the last window, missing
 * dates are not asked and no years are claimed; a regulated specialty's certificate not mentioned is a condition.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../../src/answer/judge.js';
import { renderSituation } from '../../src/answer/render.js';
import { situationTexts } from '../../src/answer/texts.js';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { loadPolicy, type Policy } from '../../src/policy/load.js';
import type { Fact } from '../../src/understand/facts.js';
import { assumed, said } from './fact-builders.js';

let policy: Policy;
beforeAll(() => {
  policy = loadPolicy();
});


/** A 大专 engineer who started in July 2020, at `name` whose type is read from `typeWords`. */
const engineerAt = (name: string, typeWords: string): Fact[] => [
  said('education', '大专'),
  said('graduationDate', '2020-07-01', '20年7月'),
  said('series', '工程技术人员', '工程'),
  said('employer.name', name),
  assumed('employer.type', '国有企业', typeWords),
];

describe('a company the county names as its own (三（六）)', () => {
  it('县燃气公司: state-owned is stated, not made a condition — eligible', () => {
    const s = judge(engineerAt('县燃气公司', '燃气公司'), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '助理级', batch: '2024年第一批' });
    expect(s.assumptions).toEqual([]);
    // Still said as what it is: an inference.
    expect(renderSituation(s, policy, situationTexts()).text).toContain('国有企业（推断）');
  });

  it('the county company under a group name (国网寻乌县供电公司) too', () => {
    expect(judge(engineerAt('国网寻乌县供电公司', '供电公司'), policy, '2024-04-20', evaluate).outcome).toBe('eligible');
  });

  it.each(['县里一家燃气公司', '县城一家燃气公司'])('a gas company merely located in the county (%s) stays a condition', (name) => {
    const s = judge(engineerAt(name, '燃气公司'), policy, '2024-04-20', evaluate);
    expect(s.outcome).toBe('conditional');
    expect(s.deciding).toContain('state_owned_engineering');
  });

  it('ownership read from other words ("国资参股的") is not made firm by the name', () => {
    const s = judge(engineerAt('县燃气公司', '国资参股的'), policy, '2024-04-20', evaluate);
    expect(s.outcome).toBe('conditional');
  });
});

describe('the series read from the workplace', () => {
  const forestry = (withMajor: boolean): Fact[] => [
    said('education', '大专'),
    said('graduationDate', '2021-07-01', '21年7月'),
    said('employer.name', '县苗圃场'),
    assumed('employer.type', '事业单位', '县苗圃场', { firm: true }),
    assumed('series', '农业技术人员', '苗圃'),
    ...(withMajor ? [said('majorStudied', '林学'), assumed('majorRelation', '相同', '林学')] : []),
  ];

  it('the major studied fits it: not doubted (no accountant reading) — eligible', () => {
    const s = judge(forestry(true), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '员级' });
  });

  it('no major said: the post is still a condition (会计 there is 以考代评)', () => {
    const s = judge(forestry(false), policy, '2024-04-20', evaluate);
    expect(s.outcome).toBe('conditional');
    expect(s.assumptions.map((u) => u.field)).toContain('series');
  });
});

describe('a vocational-school teacher asking for a 中小学 title (三（三）)', () => {
  const teacher = (dates: Fact[]): Fact[] => [
    said('education', '本科'),
    said('certificates', ['教师资格'], '有教资'),
    said('employer.name', '县职业中专'),
    assumed('employer.type', '事业单位', '县职业中专', { firm: true }),
    assumed('employer.kind', '职业高中', '职业中专'),
    assumed('series', '中等职业学校教师', '职业中专教', { firm: true }),
    said('targetLevel', '助理级', '二级教师'),
    ...dates,
  ];

  it('dates not said: no, whatever they are — the 中小学 series is closed to them', () => {
    const s = judge(teacher([]), policy, '2024-10-20', evaluate);
    expect(s).toMatchObject({ outcome: 'ineligible', level: null, batch: null, missing: [] });
    expect(s.deciding).toEqual(['vocational_teacher']);
    expect(renderSituation(s, policy, situationTexts()).text).toContain('三（三）');
  });

  it('dates said: judged in their own series (中等职业学校教师)', () => {
    const s = judge(teacher([said('technicalWorkStart', '2020-09-01', '2020年9月')]), policy, '2024-10-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '助理级', batch: '2024年第二批' });
  });
});

describe('a regulated specialty inside a series (三（五）: 兽医 → 执业兽医资格证)', () => {
  const vet = (certs: Fact[]): Fact[] => [
    said('education', '大专'),
    said('graduationDate', '2022-07-01', '22年7月'),
    said('employer.name', '镇畜牧站'),
    assumed('employer.type', '事业单位', '镇畜牧站', { firm: true }),
    assumed('series', '农业技术人员', '畜牧站', { firm: true }),
    assumed('specialty', '兽医', '给牛看病'),
    ...certs,
  ];

  it('the certificate not mentioned: a condition, as for a teacher', () => {
    const s = judge(vet([]), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'conditional', level: '员级' });
    expect(s.deciding).toContain('practice_certificate');
  });

  it('said not to hold it: no', () => {
    expect(judge(vet([said('certificates', [], '兽医证还没考')]), policy, '2024-04-20', evaluate).outcome).toBe('ineligible');
  });
});

describe('after the last window of the year', () => {
  const primaryTeacher: Fact[] = [
    said('education', '本科'),
    said('certificates', ['教师资格'], '有教资'),
    said('employer.name', '镇中心小学'),
    assumed('employer.type', '事业单位', '镇中心小学', { firm: true }),
    assumed('employer.kind', '中小学', '小学'),
    said('series', '中小学教师', '老师'),
  ];

  it('dates not said: not yet (no window), the dates are not asked, no years claimed', () => {
    const s = judge(primaryTeacher, policy, '2024-11-26', evaluate);
    expect(s).toMatchObject({ outcome: 'not_yet', level: '助理级', batch: null });
    expect(s.deciding).toEqual(['window']);
    const text = renderSituation(s, policy, situationTexts()).text;
    expect(text).toContain('窗口已全部结束');
    expect(text).not.toMatch(/您已满/);
  });

  it('while a window is open, the same facts still ask for the dates', () => {
    expect(judge(primaryTeacher, policy, '2024-10-20', evaluate).outcome).toBe('needs_info');
  });
});

describe('a teacher asking while the general batch is open (一)', () => {
  const teacher: Fact[] = [
    said('education', '本科'),
    said('certificates', ['教师资格'], '有教资'),
    said('technicalWorkStart', '2021-09-01', '21年9月'),
    said('employer.name', '县实验小学'),
    assumed('employer.type', '事业单位', '县实验小学', { firm: true }),
    assumed('employer.kind', '中小学', '小学'),
    said('series', '中小学教师', '老师'),
  ];

  it('says the open batch is not theirs and names the second', () => {
    const s = judge(teacher, policy, '2024-05-06', evaluate);
    expect(s).toMatchObject({ level: '助理级', batch: '2024年第二批' });
    expect(renderSituation(s, policy, situationTexts()).text).toContain('现在开放的这一批不受理');
  });

  it('between the batches, only the second batch is named', () => {
    const s = judge(teacher, policy, '2024-07-06', evaluate);
    expect(renderSituation(s, policy, situationTexts()).text).not.toContain('不受理');
  });
});

describe('a rule that fails whatever the missing dates are decides without asking them', () => {
  const base: Fact[] = [
    said('employer.name', '县城投'),
    assumed('employer.type', '国有企业', '城投', { firm: true }),
    said('series', '工程技术人员', '助理工程师'),
  ];

  it('a major outside the series (汉语言文学 for 工程): no, 第三条', () => {
    const s = judge([...base, said('education', '本科'), said('majorStudied', '汉语言文学'), assumed('majorRelation', '不同', '汉语言文学')], policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'ineligible', deciding: ['major_relation'], missing: [] });
  });

  it('a 本科 asking for 中级 (recognition reaches 助理级 at most): no', () => {
    const s = judge([...base, said('education', '本科'), said('targetLevel', '中级', '中级工程师')], policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'ineligible', deciding: ['level'], missing: [] });
  });
});
