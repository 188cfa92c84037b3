import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadPolicy } from '../../src/policy/load.js';
import { DataError, type DataProblem } from '../../src/policy/problems.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { validateKnowledge } from '../../src/knowledge/validate.js';

/** A copy of the project's data folders in a temp dir, with one knowledge file replaced. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-knowledge-'));
  for (const d of ['rules', 'knowledge', 'dialogs']) cpSync(path.join(PROJECT_ROOT, d), path.join(root, d), { recursive: true });
  const f = path.join(root, 'knowledge', file);
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return root;
}

function problemsOf(root: string): DataProblem[] {
  const problems: DataProblem[] = [];
  validateKnowledge(root, problems);
  return problems;
}

describe('the knowledge validator', () => {
  it('accepts the knowledge files in the repository', () => {
    expect(problemsOf(PROJECT_ROOT)).toEqual([]);
  });

  it('names file and path when an entry has no sources', () => {
    const root = brokenCopy('general.yaml', (t) => t.replace(/    sources:\n      - \{ doc: 寻人社发〔2024〕28号, clause: 文首 \}\n    related: \[application-window, procedure\]/, '    sources: []\n    related: [application-window, procedure]'));
    const p = problemsOf(root);
    expect(p).toHaveLength(1);
    expect(p[0]!.file).toMatch(/knowledge[\\/]general\.yaml$/);
    expect(p[0]!.path).toBe('entries.0.sources');
  });

  it('rejects an unknown placeholder, a date written into an answer and a missing related entry', () => {
    const root = brokenCopy('windows.yaml', (t) =>
      t.replace('answer: "{next}"', 'answer: "{nextt} 2024年5月30日"').replace('related: [application-window, late-submission]', 'related: [no-such-entry]'),
    );
    const messages = problemsOf(root).map((p) => `${p.path}: ${p.message}`);
    expect(messages.some((m) => m.includes('answer') && m.includes('{nextt}'))).toBe(true);
    expect(messages.some((m) => m.includes('answer') && m.includes('日期'))).toBe(true);
    expect(messages.some((m) => m.includes('related.0') && m.includes('no-such-entry'))).toBe(true);
  });

  it('rejects half-width brackets in a clause and invalid YAML', () => {
    const bracket = brokenCopy('conditions.yaml', (t) => t.replace('clause: 三（二）', 'clause: 三(二)'));
    expect(problemsOf(bracket).some((p) => p.path.endsWith('.clause') && p.message.includes('全角'))).toBe(true);
    const yaml = brokenCopy('method.yaml', (t) => t + '\n  - id: [oops\n');
    expect(problemsOf(yaml)[0]!.message).toContain('YAML');
  });

  it.each([
    ['a concept pattern', "  上传: ['(?<![宣流遗])传", "  上传: ['((?<![宣流遗])传", 'conceptPatterns.上传.0'],
    ['an ask frame', "askFrames:\n  - '", "askFrames:\n  - '((", 'askFrames.0'],
  ])('rejects %s that is not a valid regular expression, naming its path', (_, from, to, at) => {
    const p = problemsOf(brokenCopy('lexicon.yaml', (t) => t.replace(from, to)));
    expect(p.some((x) => x.path === at && x.message.includes('正则'))).toBe(true);
  });

  it.each([
    ['needs', 'conditions.yaml', '    needs: [非国有]', '    needs: [非国营]', '非国营'],
    ['yieldsTo', 'method.yaml', '    yieldsTo: [学历, 条件]', '    yieldsTo: [学位证, 条件]', '学位证'],
  ])('rejects an entry whose %s names a concept the lexicon never defines', (key, file, from, to, concept) => {
    const root = brokenCopy(file, (t) => t.replace(from, to));
    expect(problemsOf(root).some((x) => x.path.endsWith(`.${key}.0`) && x.message.includes(concept))).toBe(true);
  });

  it('rejects a neighbouring matter whose concepts name one the lexicon never defines', () => {
    const root = brokenCopy('lexicon.yaml', (t) => t.replace('    concepts: [考证]', '    concepts: [考证件]'));
    expect(problemsOf(root).some((x) => /^otherMatters\.\d+\.concepts\.0$/.test(x.path) && x.message.includes('考证件'))).toBe(true);
  });

  it('rejects a gate concept that the lexicon never defines', () => {
    const root = brokenCopy('lexicon.yaml', (t) => t.replace('coreConcepts: [职称,', 'coreConcepts: [职称称,'));
    const p = problemsOf(root);
    expect(p.some((x) => x.path === 'coreConcepts.0' && x.message.includes('职称称'))).toBe(true);
  });

  it('makes loadKnowledge throw a DataError listing the problems', () => {
    const root = brokenCopy('system.yaml', (t) => t.replace('- id: system-url', '- id: System URL'));
    expect(() => loadKnowledge(loadPolicy(), path.join(root, 'knowledge'))).toThrow(DataError);
  });
});

describe('concept variants and normalisation', () => {
  it('rejects a concept variant the synonym table rewrites into another concept\'s word (评职称 → 职称 under 认定)', () => {
    const root = brokenCopy('lexicon.yaml', (t) => t.replace('认定: [认定, 考核认定, 评定,', '认定: [认定, 考核认定, 评定, 评职称,'));
    const p = problemsOf(root);
    expect(p).toHaveLength(1);
    expect(p[0]!.file).toMatch(/knowledge[\\/]lexicon\.yaml$/);
    expect(p[0]!.path).toMatch(/^concepts\.认定\./);
    expect(p[0]!.message).toContain('评职称');
  });
});
