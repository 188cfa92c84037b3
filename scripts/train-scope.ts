/**
 * `npx tsx scripts/train-scope.ts`: train the scope model and write knowledge/scope-model.json.
 * In scope: every knowledge phrasing (ranked without itself) and the in-scope questions of the sets
 * the manifest marks `train: true`; out of scope: those sets' off-topic questions (probe sets,
 * `expect: null` lines, the generated supplement). Blind sets (`train: false`) are never read.
 * Run it after changing phrasings, the lexicon or the training sets.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicy, PROJECT_ROOT } from '../src/policy/load.js';
import { loadKnowledge, SCOPE_MODEL_FILE } from '../src/knowledge/index.js';
import { trainScopeModel } from '../src/knowledge/scope-train.js';
import { ExampleCache } from './eval/scope-data.js';
import { readSets } from './eval/sets.js';

const kb = loadKnowledge(loadPolicy(), undefined, { scopeModel: { version: 1, trainedOn: { inScope: 1, offTopic: 1, date: '' }, bias: 0, weights: {} } });
const t0 = performance.now();
const examples = new ExampleCache(kb).examples(readSets().filter((s) => s.train));
const model = trainScopeModel(examples, new Date().toISOString().slice(0, 10));
const file = path.join(PROJECT_ROOT, 'knowledge', SCOPE_MODEL_FILE);
writeFileSync(file, JSON.stringify(model, null, 0).replace(/,"/g, ',\n"') + '\n');
console.log(`${file}: ${model.trainedOn.inScope} in scope, ${model.trainedOn.offTopic} off-topic, ${Object.keys(model.weights).length} weights (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
