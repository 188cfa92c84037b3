/**
 * A situational answer adds a knowledge answer for what the message asks besides the person's case
 * (材料, 网址), but not a topic picked only by the person's own details ("在乡镇农技站上班" is not a
 * question about earlier work elsewhere).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { loadPolicy } from '../../src/policy/load.js';

let answerer: Answerer;
beforeAll(() => {
  const policy = loadPolicy();
  answerer = createAnswerer({ policy, knowledge: loadKnowledge(policy) });
});
const NOW = '2024-04-20';

describe('parts added to a situational answer', () => {
  it.each([
    '去年6月大专毕业，在乡镇农技站上班，能认定技术员吗',
    '大专植保，去年9月进的乡农技站，这批能认个技术员吗',
  ])('a case and its one ask get one answer, nothing about topics not asked: %s', (q) => {
    const a = answerer.answer(q, NOW);
    expect(a.situation).toBeDefined();
    expect(a.parts ?? 1).toBe(1);
    expect(a.answer).not.toContain('佐证材料');
  });

  it.each([
    ['本科22年毕业在县城投做工程，能认定助工吗，要准备什么材料', '学历证书'],
    ['我大专 21年7月毕业进的县水利站 能认定不 在哪个网站报', 'hr.jxhrss.gov.cn'],
  ])('a second question in the same message is still answered: %s', (q, words) => {
    const a = answerer.answer(q, NOW);
    expect(a.situation).toBeDefined();
    expect(a.parts).toBe(2);
    expect(a.answer).toContain(words);
  });
});
