/**
 * Detection by the question's form (round 9): a yes/no question about applying for a title, in a message
 * that states its case in a clause of its own, is answered as the person's case — whatever words the ask
 * uses; a general question (one clause about a category, what / which / how, another topic) stays with
 * the knowledge base; a second question in the same message is still answered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { loadPolicy, type Policy } from '../../src/policy/load.js';
import { isPolarQuestion } from '../../src/understand/asks.js';
import { factOf } from '../../src/understand/facts.js';
import { understand } from '../../src/understand/extract.js';

let policy: Policy;
let answerer: Answerer;
beforeAll(() => {
  policy = loadPolicy();
  answerer = createAnswerer({ policy, knowledge: loadKnowledge(policy) });
});
const NOW = '2024-09-20';

describe('a yes/no question about a title, after the case is stated, is the person’s case', () => {
  it.each([
    // A-not-A with a verb of getting and a level (能不能上助理级).
    '本科机械，22年3月进的县自来水公司做设备技术，年底那批能不能上助理级',
    // A closing particle after a batch (…就行了吧).
    '本科造价，23年7月毕业进的县城投，下半年那批应该就行了吧',
    // 有戏不: neither 能 nor 可以 anywhere.
    '大专园艺，20年7月毕业就在乡农技站，21年评了技术员，这回评助理农艺师有戏不',
    // 是不是 + a potential form (升不了).
    '中专，16年进乡水管站，19年拿的员级，是不是今年还升不了助理？',
    // Only a level and an A-not-A (稳不稳): no verb of applying at all.
    '大专，21年7月进县城投做工程，助理级稳不稳',
  ])('%s', (q) => {
    expect(answerer.answer(q, NOW).situation).toBeDefined();
  });

  it('a bare "行不行" points back at the clause before it (想再往上认定中级)', () => {
    const a = answerer.answer('本科土木，15年进县交投一直搞路桥，19年认定了助理工程师，现在想再往上认定中级，行不行', NOW);
    expect(a.situation).toBeDefined();
    expect(factOf(a.situation!.facts, 'targetLevel')?.value).toBe('中级');
  });

  it('the level in a yes/no ask is the one asked for, not one held (…能上助理级不)', () => {
    const u = understand('大专，20年7月参加工作，22年5月拿的员级，年底那批能上助理级不', policy, NOW);
    expect(factOf(u, 'targetLevel')?.value).toBe('助理级');
    expect(factOf(u, 'currentTitle.level')?.value).toBe('员级');
  });

  it('a case described only by where the person has been working is judged, asking what is missing', () => {
    const a = answerer.answer('我之前一直在外地打工，今年回县里了，想认定个职称，可以吗', NOW);
    expect(a.situation?.outcome).toBe('needs_info');
  });
});

describe('general questions stay with the knowledge base', () => {
  it.each([
    // One clause about a category: nothing stated about a person.
    '非国有企业的工程技术人员今年还组织认定吗',
    '幼儿园老师认定职称要不要先考教师资格证',
    // Which of two (还是), after a statement.
    '我在职业中专教书，评职称走中小学系列还是中职系列',
    // Another topic (材料) asked yes or no.
    '我本科22年毕业在县水利站，认定的材料能不能晚点交',
    // Another province named, nothing the rules know stated.
    '我在广州上班，能不能在那边认定个职称',
  ])('%s', (q) => {
    const a = answerer.answer(q, NOW);
    expect(a.situation).toBeUndefined();
  });

  it('a yes/no form is not a what-question: 有什么要求吗 is open', () => {
    expect(isPolarQuestion('认定有什么要求吗', policy.vocabulary)).toBe(false);
    expect(isPolarQuestion('年底那批能上助理级不', policy.vocabulary)).toBe(true);
  });
});

describe('a case and a general question in one message: both answered, the contract kept', () => {
  it('the when-question in its own sentence goes to the knowledge base, the intent is judged', () => {
    const a = answerer.answer('请问第二批什么时候开始报？我大专，21年7月进的乡林业站做林业技术，想认定助理级', '2024-05-20');
    expect(a.situation).toBeDefined();
    expect(a.parts).toBeGreaterThanOrEqual(2);
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^1\. /);
    expect(a.sources.length).toBeGreaterThanOrEqual(2);
    expect(a.partEntries?.length).toBeGreaterThanOrEqual(1);
  });
});
