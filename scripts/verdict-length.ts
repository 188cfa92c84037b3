/**
 * How long the phone verdict is: renders every case in rules/cases/ through the Telegram and WeChat
 * renderers and prints the longest and the median verdict in lines and characters.
 *
 *   npm run -s verdict:length            # figures
 *   npm run -s verdict:length -- --show  # and every verdict as sent
 *
 * The functions are also used by tests/eligibility/verdict-text.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { splitText as telegramSplit } from '../src/channels/telegram/split.js';
import { renderReply as wechatRender } from '../src/channels/wechat/render.js';
import { loadWechatTexts } from '../src/channels/wechat/texts.js';
import { loadDialogs } from '../src/dialog/load.js';
import { renderVerdict } from '../src/dialog/verdict-text.js';
import { evaluate } from '../src/eligibility/evaluate.js';
import { parseProfile, type Profile } from '../src/eligibility/profile.js';
import type { Verdict } from '../src/eligibility/verdict.js';
import { loadPolicy, PROJECT_ROOT, type Policy } from '../src/policy/load.js';

/** One rule case judged: its name, profile and verdict. */
export interface JudgedCase {
  file: string;
  name: string;
  now: string;
  profile: Profile;
  verdict: Verdict;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
};

/** Every case of rules/cases/*.yaml, judged (bases laid under the case's fields, as the rule-case test does). */
export function judgeRuleCases(policy: Policy = loadPolicy()): JudgedCase[] {
  const dir = path.join(PROJECT_ROOT, 'rules', 'cases');
  const out: JudgedCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as { bases?: Record<string, Record<string, unknown>>; cases: { name: string; now: string; base?: string; profile?: Record<string, unknown> }[] };
    for (const c of doc.cases) {
      const profile = parseProfile(merge((c.base && doc.bases?.[c.base]) || {}, c.profile ?? {}));
      out.push({ file, name: c.name, now: String(c.now), profile, verdict: evaluate(profile, policy, String(c.now)) });
    }
  }
  return out;
}

/** The verdict message as each channel sends it (the subscribe offer that follows is not counted). */
export interface Rendered {
  case: JudgedCase;
  telegram: string[];
  wechat: string[];
}

/** Render every judged case through the Telegram and WeChat renderers. */
export function renderCases(cases: JudgedCase[], policy: Policy): Rendered[] {
  const dialogs = loadDialogs();
  const hint = loadWechatTexts().choiceHint;
  return cases.map((c) => {
    const [verdict] = renderVerdict(c.verdict, c.profile, { policy, dialogs });
    return { case: c, telegram: telegramSplit(verdict!.text), wechat: [wechatRender(verdict!, hint)] };
  });
}

/** Lines and characters (code points) of one message. */
export function measure(text: string): { lines: number; chars: number } {
  return { lines: text.split('\n').length, chars: [...text].length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Longest and median, in lines and characters, of one channel's verdicts. */
export function figures(texts: string[]): { longestLines: number; medianLines: number; longestChars: number; medianChars: number } {
  const m = texts.map(measure);
  return {
    longestLines: Math.max(...m.map((x) => x.lines)),
    medianLines: median(m.map((x) => x.lines)),
    longestChars: Math.max(...m.map((x) => x.chars)),
    medianChars: median(m.map((x) => x.chars)),
  };
}

function main(): void {
  const show = process.argv.includes('--show');
  const policy = loadPolicy();
  const rendered = renderCases(judgeRuleCases(policy), policy);
  if (show) {
    for (const r of rendered) console.log(`\n## ${r.case.name}（${r.case.now}，${r.case.verdict.outcome}）\n${r.wechat.join('\n')}`);
    console.log('');
  }
  console.log(`rule cases: ${rendered.length}`);
  for (const channel of ['telegram', 'wechat'] as const) {
    const texts = rendered.map((r) => r[channel].join('\n'));
    const f = figures(texts);
    const over = rendered.filter((r) => {
      const m = measure(r[channel].join('\n'));
      return m.lines > 8 || m.chars > 400;
    });
    const longest = rendered.reduce((a, b) => (measure(b[channel].join('\n')).chars > measure(a[channel].join('\n')).chars ? b : a));
    console.log(
      `${channel}: lines longest ${f.longestLines}, median ${f.medianLines}; characters longest ${f.longestChars}, median ${f.medianChars}; ` +
        `messages ${Math.max(...rendered.map((r) => r[channel].length))} at most; over 8 lines or 400 characters: ${over.length}` +
        `\n  longest: ${longest.case.name}`,
    );
    for (const r of over) console.log(`  over: ${r.case.name} ${JSON.stringify(measure(r[channel].join('\n')))}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
