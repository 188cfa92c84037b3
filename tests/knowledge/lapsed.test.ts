/**
 * Date answers after every window of the notices has closed (rules/notices/): the lapse is said
 * first, no date is given as still to come, no "本年度" of a year that is over, and the
 * subscription for the next notice is offered. Asked on the same questions in 2024 and 2026.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge, type KnowledgeBase } from '../../src/knowledge/index.js';
import { loadPolicy } from '../../src/policy/load.js';

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadKnowledge(loadPolicy());
});

// One question per date-dependent entry; the entry is pinned so a retrieval change shows here.
const questions: [string, string][] = [
  ['现在能申报吗', 'application-window'],
  ['申报什么时候截止', 'deadline'],
  ['一年申报几次', 'frequency'],
  ['年限算到哪天', 'cutoff-date'],
];

describe.each(['2024-12-01', '2026-12-01'])('asked on %s, after the last window', (now) => {
  it.each(questions)('"%s" says first that the notice has lapsed, and offers the subscription', (q, entry) => {
    const a = kb.ask(q, now);
    expect(a.entry).toBe(entry);
    const first = a.answer.split('\n')[0]!;
    expect(first).toContain('现有通知（2024年）的申报都已结束');
    expect(first).toContain('新一年的通知发布后以新通知为准');
    expect(a.answer).toContain('订阅提醒');
    expect(a.answer).not.toMatch(/本年度|正在申报中|还有\d+天|还剩/);
  });
});

describe('before the last window closes', () => {
  it('no lapse is announced', () => {
    for (const [q] of questions) expect(kb.ask(q, '2024-10-12').answer).not.toContain('现有通知（2024年）的申报都已结束');
  });
});
