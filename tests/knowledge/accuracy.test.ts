/**
 * Accuracy over a frozen evaluation set: the sets the manifest marks blind (written by someone who
 * never saw the code, never tuned on and never trained on). The goals are 95% top-1 and at most 2 in
 * 100 off-topic questions answered; on its one blind run (40ac505) set 2 gave 93.3% and 2.0%, so the
 * in-scope floor here is 93% — below the goal, said so in docs/knowledge.md — and a change that
 * drops under either floor is a regression. `npm run eval` prints the same figures beside node-nlp.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { expected, readSets } from '../../scripts/eval/sets.js';

const frozen = readSets().filter((s) => s.blind);
const NOW = '2024-10-12';

describe('accuracy on the frozen blind sets (tests/fixtures/eval/manifest.yaml)', () => {
  it('there is a frozen blind set, never tuned on nor trained on', () => {
    expect(frozen.length).toBeGreaterThan(0);
    for (const s of frozen) expect(s).toMatchObject({ tuned: false, train: false });
  });

  const kb = loadKnowledge(loadPolicy());
  const inScope = frozen.flatMap((s) => s.items.filter((q) => q.expect !== null));
  const offTopic = frozen.flatMap((s) => s.items.filter((q) => q.expect === null));

  it('answers at least 93% of the in-scope questions with the right entry (goal: 95%)', () => {
    const right = inScope.filter((q) => {
      const a = kb.ask(q.question, NOW);
      return (a.found || a.notInDocuments) && expected(q).includes(a.entry ?? '');
    }).length;
    expect(inScope.length).toBeGreaterThan(0);
    expect(right / inScope.length).toBeGreaterThanOrEqual(0.93);
  });

  it('answers at most 2 in 100 off-topic questions', () => {
    const answered = offTopic.filter((q) => kb.ask(q.question, NOW).found);
    expect(offTopic.length).toBeGreaterThan(0);
    expect(answered.length / offTopic.length, answered.map((q) => q.question).join('；')).toBeLessThanOrEqual(0.02);
  });
});
