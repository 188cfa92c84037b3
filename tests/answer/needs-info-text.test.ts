/**
 * A "还判断不了" answer names what decides; it names the level a favourable reading would give only
 * when the education, which sets the level, is known.
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

describe('needs_info answers and the level', () => {
  it('education not said: no level is promised', () => {
    const a = answerer.answer('我在乡镇卫生院上班 能认定职称吗', NOW);
    expect(a.situation?.outcome).toBe('needs_info');
    expect(a.answer).toContain('学历');
    expect(a.answer).not.toMatch(/可认定(员级|助理级|中级|技术员|助理)/u);
  });

  it('education said, dates missing: the level the years would give is named', () => {
    const a = answerer.answer('本科 在水利站上班 能认定助理工程师吗', NOW);
    expect(a.situation?.outcome).toBe('needs_info');
    expect(a.answer).toMatch(/如.*符合要求，可认定助理/u);
  });
});
