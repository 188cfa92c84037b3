import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseProfile } from '../../src/eligibility/profile.js';

// zod's own wording must never reach a user or a clerk: every message is read through its zh-CN locale.
const english = /\b(Invalid|expected|Too (big|small)|Required)\b/i;

describe('validation messages are Chinese', () => {
  it('a profile field with a value outside its options names the field and the options in Chinese', () => {
    const bad = { series: '工程', education: '幼儿园', graduationDate: '2020-01-01', majorStudied: 'x', majorRelation: '相同', technicalWorkStart: '2020-01-01', employer: { name: 'a', type: '国有企业', province: '江西' }, certificates: [] };
    let message = '';
    try {
      parseProfile(bad, '2024-04-20');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('education');
    expect(message).toContain('无效选项');
    expect(message).not.toMatch(english);
  });

  it('an environment variable out of range is explained in Chinese', () => {
    let message = '';
    try {
      loadConfig({ ZHICHENG_REMINDER_HOUR: '99' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('ZHICHENG_REMINDER_HOUR');
    expect(message).not.toMatch(english);
  });
});
