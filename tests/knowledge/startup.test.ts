import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/policy/load.js';

describe('importing the knowledge module', () => {
  it('does not load jieba or opencc until the knowledge base is built (the chat greets first)', () => {
    // A fresh process: in this one other tests may already have loaded them.
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).filter((k) => /@node-rs[\\\\/]jieba|opencc-js/.test(k)).length > 0;
      const { loadKnowledge } = await import('./src/knowledge/index.ts');
      const before = loaded();
      const { loadPolicy } = await import('./src/policy/load.ts');
      loadKnowledge(loadPolicy());
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: false, after: true });
  });
});
