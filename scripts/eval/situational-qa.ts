/**
 * `npm run eval:qa-situational`: the policy Q&A sets through the whole answerer (as `ask` and the chat
 * answer), not the knowledge base alone as `npm run eval` does. Counts, per group of sets, the questions
 * taken as a person's own case (situational) and whether each in-scope question still gets its expected
 * knowledge entry (as the answer, or as one part beside the situation). A general question turned
 * situational without its entry is a loss; so is an off-topic question answered as a case.
 *
 *   npm run eval:qa-situational                   totals
 *   npm run eval:qa-situational -- --list         also every question answered as a case
 *   npm run eval:qa-situational -- --save F.json  the ids answered as a case (to compare two versions)
 */
import { writeFileSync } from 'node:fs';
import { createAnswerer } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { loadPolicy } from '../../src/policy/load.js';
import { expected, readSets } from './sets.js';

const argv = process.argv.slice(2);
const list = argv.includes('--list');
const saveAt = argv.indexOf('--save');
const NOW = '2024-10-12';

const policy = loadPolicy();
const answerer = createAnswerer({ policy, knowledge: loadKnowledge(policy) });
const kb = loadKnowledge(policy);

let inScope = 0;
let right = 0;
let kbRight = 0;
let offTopic = 0;
let offAnswered = 0;
let situational = 0;
let situationalOff = 0;
let situationalLost = 0;
const ids: Record<string, string> = {};
const shown: string[] = [];
for (const s of readSets()) {
  for (const q of s.items) {
    const want = expected(q);
    const a = answerer.answer(q.question, NOW);
    const k = kb.ask(q.question, NOW);
    const kbEntry = k.found || k.notInDocuments ? k.entry : undefined;
    const entries = a.situation ? (a.partEntries ?? []) : [a.found || a.notInDocuments ? a.entry : undefined].filter((e): e is string => !!e);
    if (a.situation) {
      situational++;
      ids[`${s.file}#${q.id}`] = a.situation.outcome;
    }
    if (want.length === 0) {
      offTopic++;
      if (a.situation || entries.length) offAnswered++;
      if (a.situation) situationalOff++;
    } else {
      inScope++;
      // A decided situation stands in for the general rule it applies (vocabulary `supersedes`).
      const covered = a.situation !== undefined && a.situation.outcome !== 'needs_info' && want.some((e) => policy.vocabulary.supersedes.includes(e));
      const ok = covered || entries.some((e) => want.includes(e));
      if (ok) right++;
      if (kbEntry && want.includes(kbEntry)) kbRight++;
      if (a.situation && !ok) situationalLost++;
    }
    if (list && a.situation) shown.push(`${s.file} ${q.id} [${q.expect ?? '范围外'}] ${a.situation.outcome} +[${entries.join(',')}] ${q.question}`);
  }
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)}%`;
console.log(`范围内 ${inScope} 题：整个回答器答到应答条目 ${right}（${pct(right, inScope)}），只用知识库 ${kbRight}（${pct(kbRight, inScope)}）`);
console.log(`按个人情况回答：${situational} 题（范围内 ${situational - situationalOff}，其中应答条目没答到 ${situationalLost}；范围外 ${situationalOff}）`);
console.log(`范围外 ${offTopic} 题：被回答 ${offAnswered}（${pct(offAnswered, offTopic)}）`);
if (list) console.log(shown.join('\n'));
if (saveAt >= 0) writeFileSync(argv[saveAt + 1]!, JSON.stringify(ids, null, 1));
