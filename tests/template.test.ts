import { describe, expect, it } from 'vitest';
import { fill, stripPlaceholders } from '../src/template.js';
import { fill as dialogFill } from '../src/dialog/text.js';
import { fill as knowledgeFill } from '../src/knowledge/render.js';
import { fill as eligibilityFill } from '../src/eligibility/texts.js';
import { fill as broadcastFill } from '../src/broadcast/texts.js';

describe('filling {name} placeholders: one behaviour everywhere', () => {
  it('writes each value, numbers included', () => {
    expect(fill('距{name}截止还有{days}天', { name: '第一批', days: 3 })).toBe('距第一批截止还有3天');
  });

  it('drops a placeholder with no value, so a reader never sees braces', () => {
    expect(fill('请联系{office}。', {})).toBe('请联系。');
    expect(fill('请联系{office}。', { office: undefined })).toBe('请联系。');
  });

  it('names every placeholder without a value, for the data validators behind check', () => {
    const unknown = new Set<string>();
    fill('{offce}{name}{year}', { name: 'x' }, unknown);
    expect([...unknown]).toEqual(['offce', 'year']);
  });

  it('is the same function in the dialog, knowledge, eligibility and broadcast texts', () => {
    expect(new Set([dialogFill, knowledgeFill, eligibilityFill, broadcastFill])).toEqual(new Set([fill]));
  });

  it('leaves other braces alone and strips placeholders for indexing', () => {
    expect(fill('{ 不是占位符 }', {})).toBe('{ 不是占位符 }');
    expect(stripPlaceholders('截止{closes}前')).toBe('截止 前');
  });
});
