/**
 * Judging mechanisms of round 9: an ask about applying NOW while no window is open for the person
 * (寻人社发〔2024〕28号 一) is "现在报不了" with the next batch, a general ask keeps "可以" for the next
 * batch; a series not known at all does not hold up a "not yet" (the exam-only reading cannot make
 * it a yes); a year said without its month is asked when the month decides, also when the other
 * date is read from it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { askScopeOf } from '../../src/answer/ask-scope.js';
import { judge } from '../../src/answer/judge.js';
import { renderSituation } from '../../src/answer/render.js';
import { situationTexts } from '../../src/answer/texts.js';
import { evaluate } from '../../src/eligibility/evaluate.js';
import { loadPolicy, type Policy } from '../../src/policy/load.js';
import type { Fact } from '../../src/understand/facts.js';
import { said } from './fact-builders.js';

let policy: Policy;
beforeAll(() => {
  policy = loadPolicy();
});


describe('what moment the ask is about (rules/ask-scope.yaml)', () => {
  it('the present moment next to applying, or applying late, is an ask about now', () => {
    expect(askScopeOf('我本科22年进的县林场，现在可不可以报助理').present).toBe(true);
    expect(askScopeOf('材料上周没交上，还能补交吗').present).toBe(true);
    expect(askScopeOf('目前这批我能报吗').present).toBe(true);
  });

  it('an ask about the year or a later batch, or 现在 in the description, is not', () => {
    expect(askScopeOf('本科22年进的县林场，今年能认定助理级吗，什么时候报').present).toBe(false);
    expect(askScopeOf('我现在在县林场上班，下半年能报助理吗').present).toBe(false);
    expect(askScopeOf('我今天刚去单位报到，能认定什么级别').present).toBe(false);
  });
});

/** A 本科 forester at a county forest farm since 2022-09, asking for 助理级. */
const forester: Fact[] = [
  said('education', '本科'),
  said('technicalWorkStart', '2022-09-01'),
  said('series', '农业技术人员', '林业'),
  said('employer.name', '县林场'),
  said('employer.type', '事业单位'),
  said('targetLevel', '助理级', '助理'),
];

describe('asked about now, with no window open for the person (通知 一)', () => {
  it('between the two batches: "现在报不了", the level and the next batch named', () => {
    const s = judge(forester, policy, '2024-07-15', evaluate, { present: true });
    expect(s).toMatchObject({ outcome: 'not_yet', level: '助理级', batch: '2024年第二批' });
    const text = renderSituation(s, policy, situationTexts()).text;
    expect(text).toContain('现在报不了');
    expect(text).toContain('2024年10月10日');
  });

  it('the same case asked in general: yes, in the next batch', () => {
    expect(judge(forester, policy, '2024-07-15', evaluate, { present: false })).toMatchObject({ outcome: 'eligible', level: '助理级', batch: '2024年第二批' });
  });

  it('inside an open window an ask about now is simply yes', () => {
    expect(judge(forester, policy, '2024-05-06', evaluate, { present: true })).toMatchObject({ outcome: 'eligible', batch: '2024年第一批' });
  });

  it('a teacher while only the general batch is open: not now, the education batch', () => {
    const teacher: Fact[] = [
      said('education', '本科'),
      said('technicalWorkStart', '2021-09-01'),
      said('series', '中小学教师', '老师'),
      said('employer.name', '县实验小学'),
      said('employer.kind', '中小学'),
      said('employer.type', '事业单位'),
      said('certificates', ['教师资格'], '教资'),
    ];
    expect(judge(teacher, policy, '2024-05-08', evaluate, { present: true })).toMatchObject({ outcome: 'not_yet', level: '助理级', batch: '2024年第二批' });
    expect(judge(teacher, policy, '2024-05-08', evaluate, { present: false })).toMatchObject({ outcome: 'eligible', batch: '2024年第二批' });
  });
});

describe('the series not known at all (no job, no workplace hint)', () => {
  /** Someone at "县里一个事业单位", no job named. */
  const unit = (education: string, start: string, target?: string): Fact[] => [
    said('education', education),
    said('graduationDate', start),
    said('technicalWorkStart', start),
    said('employer.name', '事业单位'),
    said('employer.type', '事业单位'),
    ...(target ? [said('targetLevel', target)] : []),
  ];

  it('a 博士 whose three months are not yet met: not yet, 中级 in the second batch, the series as condition', () => {
    const s = judge(unit('博士', '2024-06-01', '中级'), policy, '2024-05-20', evaluate);
    expect(s).toMatchObject({ outcome: 'not_yet', level: '中级', batch: '2024年第二批' });
    expect(s.missing).toEqual([]);
    expect(renderSituation(s, policy, situationTexts()).text).toContain('以考代评');
  });

  it('years short with no batch of this notice left: not yet, the level asked, no batch', () => {
    expect(judge(unit('本科', '2024-03-01', '助理级'), policy, '2024-05-20', evaluate)).toMatchObject({ outcome: 'not_yet', level: '助理级', batch: null });
  });

  it('years met: the series decides yes or no, so it is asked', () => {
    const s = judge(unit('本科', '2021-07-01'), policy, '2024-05-20', evaluate);
    expect(s.outcome).toBe('needs_info');
    expect(s.missing.map((u) => u.field)).toContain('series');
  });
});

describe('a year without its month', () => {
  it('only the graduation year said: its month is asked when it decides the batch', () => {
    const facts: Fact[] = [
      said('education', '本科'),
      { field: 'graduationDate', value: '2023-12-01', basis: 'said', words: '23年', range: ['2023-01-01', '2023-12-01'] },
      said('series', '工程技术人员', '土木'),
      said('employer.name', '县城投'),
      said('employer.type', '国有企业'),
    ];
    const s = judge(facts, policy, '2024-04-20', evaluate);
    expect(s.outcome).toBe('needs_info');
    expect(s.missing.map((u) => u.field)).toEqual(['graduationDate']);
  });
});

describe('an exam-only series said only inside the workplace name (卫生 in 镇卫生院)', () => {
  const atClinic = (seriesWords: string): Fact[] => [
    said('education', '大专'),
    said('technicalWorkStart', '2019-09-01'),
    said('series', '卫生技术人员', seriesWords),
    said('employer.name', '镇卫生院'),
    said('employer.type', '事业单位'),
  ];

  it('is where the person works, not the post: the post is asked', () => {
    const s = judge(atClinic('卫生'), policy, '2024-05-06', evaluate);
    expect(s.outcome).toBe('needs_info');
    expect(s.missing.map((u) => u.field)).toEqual(['series']);
  });

  it('said by the post itself (护士) it stays a plain no (三（六）)', () => {
    expect(judge(atClinic('护士'), policy, '2024-05-06', evaluate)).toMatchObject({ outcome: 'ineligible', deciding: ['exam_instead_of_review'] });
  });
});

describe('a level asked below the one the years reach (第五条)', () => {
  const asking = (target: string): Fact[] => [
    said('education', '大专'),
    said('technicalWorkStart', '2020-07-01'),
    said('series', '工程技术人员', '路桥'),
    said('employer.name', '县交投'),
    said('employer.type', '国有企业'),
    said('targetLevel', target),
  ];

  it('"想先报个员级" with three years of 大专 work: the higher level, the one asked named as possible too', () => {
    const s = judge(asking('员级'), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '助理级', batch: '2024年第一批', lowerAsked: '员级' });
    expect(renderSituation(s, policy, situationTexts()).text).toContain('也可以按您问的员级');
  });

  it('asking the level reached: no such line', () => {
    const s = judge(asking('助理级'), policy, '2024-04-20', evaluate);
    expect(s).toMatchObject({ outcome: 'eligible', level: '助理级' });
    expect(s.lowerAsked).toBeUndefined();
  });
});

describe('an ask for the level itself, a higher level named as a wish (第五条)', () => {
  // 大专 since 2022-03: 员级 now, 助理级 only after three years (2025-03).
  const wishing: Fact[] = [
    said('education', '大专'),
    said('technicalWorkStart', '2022-03-01'),
    said('series', '农业技术人员', '农技'),
    said('employer.name', '乡农技站'),
    said('employer.type', '事业单位'),
    said('targetLevel', '助理级', '助理'),
  ];

  it('"这次能认到什么？想上助理": the level reachable now, and why not the one wished for', () => {
    expect(askScopeOf('大专，22年3月进乡农技站，这次能认到什么？想上助理').whatLevel).toBe(true);
    const s = judge(wishing, policy, '2024-04-22', evaluate, { present: false, whatLevel: true });
    expect(s).toMatchObject({ outcome: 'eligible', level: '员级', batch: '2024年第一批' });
    expect(renderSituation(s, policy, situationTexts()).text).toContain('您问的级别现在还不能直接认定');
  });

  it('"这批能报助理吗" (yes or no on the level named): not yet for that level', () => {
    expect(askScopeOf('大专，22年3月进乡农技站，这批能报助理吗').whatLevel).toBe(false);
    expect(judge(wishing, policy, '2024-04-22', evaluate, { present: false, whatLevel: false })).toMatchObject({ outcome: 'not_yet', level: '助理级' });
  });
});
