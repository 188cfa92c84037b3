/** `screen --json | --jsonl`: run applicant profiles through the eligibility rules (CONTRACT.md). */
import { loadPolicy } from '../policy/load.js';
import { evaluate } from '../eligibility/evaluate.js';
import { parseProfile, ProfileError } from '../eligibility/profile.js';
import { formatVerdictText } from '../eligibility/format-text.js';
import { echoId, jsonlLines, jsonProblem, lineProblem, salvageId, readStdin, resolveNow, takeFlag, UsageError, validNow } from './io.js';

/** Run the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const json = takeFlag(args, '--json');
  const jsonl = takeFlag(args, '--jsonl');
  const now = resolveNow(args);
  if (args.length) throw new UsageError(`无法识别的参数：${args.join(' ')}（screen 从标准输入读取档案）`);
  if (json && jsonl) throw new UsageError('--json 与 --jsonl 只能选一个');
  const policy = loadPolicy();
  const input = await readStdin();

  if (jsonl) {
    const out: string[] = [];
    let bad = 0;
    for (const line of jsonlLines(input)) {
      let id: unknown;
      try {
        const problem = lineProblem(line);
        if (problem) {
          id = salvageId(line);
          throw new UsageError(problem);
        }
        const obj = JSON.parse(line) as Record<string, unknown>;
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new UsageError('每行应为一个 JSON 对象');
        id = obj.id;
        const lineNow = validNow(obj.now, now);
        const verdict = evaluate(parseProfile(obj.profile, lineNow), policy, lineNow);
        out.push(JSON.stringify(id === undefined ? verdict : { id, ...verdict }));
      } catch (e) {
        // Every bad line is its own error line; nothing stops the batch.
        bad++;
        const known = e instanceof SyntaxError || e instanceof UsageError || e instanceof ProfileError;
        const message = e instanceof SyntaxError ? `不是有效的 JSON：${jsonProblem(e, line)}` : known ? (e as Error).message : `内部错误：${(e as Error).message}`;
        const echo = echoId(id);
        out.push(JSON.stringify(echo === undefined ? { error: message } : { id: echo, error: message }));
      }
    }
    process.stdout.write(out.map((l) => l + '\n').join(''));
    return bad ? 2 : 0;
  }

  let raw: unknown;
  const problem = input.length > 1_000_000 ? '输入过长' : lineProblem(input.replace(/\r?\n/g, ' ').slice(0, 1_000_000));
  if (problem) throw new UsageError(`标准输入无法读取：${problem.replace('这一行', '')}`);
  try {
    raw = JSON.parse(input);
  } catch (e) {
    throw new UsageError(`标准输入不是有效的 JSON：${jsonProblem(e, input)}`);
  }
  // Accept a bare profile, or the JSONL shape `{ "now"?, "profile": {…} }`.
  let profileNow = now;
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'profile' in raw && !('education' in raw) && !('series' in raw)) {
    const wrapped = raw as { now?: unknown; profile: unknown };
    profileNow = validNow(wrapped.now, now);
    raw = wrapped.profile;
  }
  let verdict: ReturnType<typeof evaluate>;
  try {
    verdict = evaluate(parseProfile(raw, profileNow), policy, profileNow);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(json ? JSON.stringify(verdict, null, 2) + '\n' : formatVerdictText(verdict) + '\n');
  return 0;
}
