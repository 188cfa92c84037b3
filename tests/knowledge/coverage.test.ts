import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';

describe('the knowledge file covers the notice and the method', () => {
  const kb = loadKnowledge(loadPolicy());
  const cited = new Set(kb.data.entries.flatMap((e) => e.sources.map((s) => `${s.doc} ${s.clause}`)));
  const notice = ['一', '二', '三', ...['一', '二', '三', '四', '五', '六', '七', '八'].map((n) => `三（${n}）`), ...['一', '二', '三', '四', '五'].map((n) => `四（${n}）`)];
  const method = ['第二条', '第三条', '第四条', '第五条', ...['一', '二', '三', '四', '五', '六', '七'].map((n) => `第五条（${n}）`), '第六条（一）', '第六条（二）', '第六条（三）', '第七条', '第八条'];

  it.each(notice)('寻人社发〔2024〕28号 %s has an entry', (c) => {
    expect(cited.has(`寻人社发〔2024〕28号 ${c}`)).toBe(true);
  });

  it.each(method)('赣人社字〔2013〕30号 %s has an entry', (c) => {
    expect(cited.has(`赣人社字〔2013〕30号 ${c}`)).toBe(true);
  });

  it('no answer writes a date: dates come from rules/', () => {
    for (const e of kb.data.entries) expect(e.answer).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });
});
