/**
 * `npx tsx scripts/eval/startup.ts`: start-up cost of the policy Q&A, in the order the app pays it —
 * importing src/knowledge/index.ts (the terminal chat pays this before its greeting), building the
 * knowledge base (paid lazily after the greeting), and the first question.
 */
import { loadPolicy } from '../../src/policy/load.js';

async function main(): Promise<void> {
  const policy = loadPolicy();
  const t0 = performance.now();
  const { loadKnowledge } = await import('../../src/knowledge/index.js');
  const t1 = performance.now();
  const kb = loadKnowledge(policy);
  const t2 = performance.now();
  kb.ask('现在能报吗', '2024-10-12');
  const t3 = performance.now();
  console.log(`import ${(t1 - t0).toFixed(0)} ms, loadKnowledge ${(t2 - t1).toFixed(0)} ms, first ask ${(t3 - t2).toFixed(1)} ms`);
}

void main();
