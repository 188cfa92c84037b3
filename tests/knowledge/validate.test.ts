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
    const root = brokenCopy('general.yaml', (t) => t.replace(/ {4}sources:\n {6}- \{ doc: 寻人社发〔2024〕28号, clause: 文首 \}\n {4}related: \[application-window, procedure\]/, '    sources: []\n    related: [application-window, procedure]'));
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

  it('rejects a concept pattern that is not a valid regular expression, naming its path', () => {
    const p = problemsOf(brokenCopy('lexicon.yaml', (t) => t.replace("  上传: ['(?<![宣流遗])传", "  上传: ['((?<![宣流遗])传")));
    expect(p.some((x) => x.path === 'conceptPatterns.上传.0' && x.message.includes('正则'))).toBe(true);
  });

  it('rejects an instruction pattern that is not a valid regular expression, naming its path', () => {
    const p = problemsOf(brokenCopy('lexicon.yaml', (t) => t.replace("  - '输出(?:你|全部|所有)'", "  - '输出(?:你|全部|所有'")));
    expect(p.some((x) => x.path === 'instructionPatterns.6' && x.message.includes('正则'))).toBe(true);
  });

  it.each([
    ['needs', 'conditions.yaml', '    needs: [非国有]', '    needs: [非国营]', '非国营'],
    ['yieldsTo', 'method.yaml', '    yieldsTo: [学历, 条件]', '    yieldsTo: [学位证, 条件]', '学位证'],
  ])('rejects an entry whose %s names a concept the lexicon never defines', (key, file, from, to, concept) => {
    const root = brokenCopy(file, (t) => t.replace(from, to));
    expect(problemsOf(root).some((x) => x.path.endsWith(`.${key}.0`) && x.message.includes(concept))).toBe(true);
  });

  it('rejects a decisive concept that the lexicon never defines', () => {
    const root = brokenCopy('lexicon.yaml', (t) => t.replace('decisiveConcepts: [造假,', 'decisiveConcepts: [造假假,'));
    expect(problemsOf(root).some((x) => x.path === 'decisiveConcepts.0' && x.message.includes('造假假'))).toBe(true);
  });

  it('rejects an honest "not found" whose answer does not say so', () => {
    const root = brokenCopy('general.yaml', (t) => t.replace('says: 我们的资料里没有电话号码', 'says: 电话是0797-1234567'));
    const p = problemsOf(root);
    expect(p.some((x) => /^entries\.\d+\.notInDocuments\.says$/.test(x.path) && x.message.includes('如实'))).toBe(true);
  });

  it('rejects a phrasing listed both as answered and as not in the documents', () => {
    const root = brokenCopy('general.yaml', (t) => t.replace('      - 有问题找谁咨询\n', '      - 有问题找谁咨询\n      - 咨询电话\n'));
    expect(problemsOf(root).some((x) => x.path.includes('notInDocuments.phrasings') && x.message.includes('咨询电话'))).toBe(true);
  });

  it('rejects a missing or malformed scope model, naming the file (check and loadKnowledge alike)', () => {
    const root = brokenCopy('scope-model.json', (t) => t.replace('"version":1', '"version":2'));
    const p = problemsOf(root);
    expect(p.some((x) => /scope-model\.json$/.test(x.file) && x.path === 'version')).toBe(true);
    expect(() => loadKnowledge(loadPolicy(), path.join(root, 'knowledge'))).toThrow(DataError);
    const gone = brokenCopy('scope-model.json', () => 'not json');
    expect(problemsOf(gone).some((x) => x.message.includes('train:scope'))).toBe(true);
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
