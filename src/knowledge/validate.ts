/** The knowledge area's validator for `npm run -s check`: knowledge/*.yaml, the scope model and dialogs/ask.yaml. */
import path from 'node:path';
import type { DataProblem } from '../policy/problems.js';
import { readPolicy } from '../policy/load.js';
import { readKnowledge, readScopeModel, SCOPE_MODEL_FILE } from './read.js';

/** Push every problem in the knowledge data under `root`; placeholders are checked when rules/ is valid. */
export function validateKnowledge(root: string, problems: DataProblem[]): void {
  // rules/ problems are reported by the rules validator; here we only need the policy if it loads.
  const policy = readPolicy(path.join(root, 'rules'), []);
  readKnowledge(path.join(root, 'knowledge'), path.join(root, 'dialogs', 'ask.yaml'), problems, policy);
  readScopeModel(path.join(root, 'knowledge', SCOPE_MODEL_FILE), problems);
}
