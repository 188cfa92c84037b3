/**
 * Everything a person reads when they get something wrong is Chinese: bad data files through
 * `check`, bad profiles through `screen`, bad environment values at start, and odd messages in the
 * chat. Real processes, as an operator or a clerk would run them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { node, ROOT, type Running } from './spawn.js';

/**
 * English sentences in `text`: runs of three or more ASCII words. Identifiers (ZHICHENG_STAFF,
 * graduationDate), file names, single words such as `string`, URLs and npm commands are allowed.
 */
function englishIn(text: string): string[] {
  const cleaned = text.replace(/https?:\/\/\S+/g, ' ').replace(/\bnpm\b[^\u3000-\u9fff\uff00-\uffef]*/g, ' ');
  return cleaned.match(/[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*){2,}/g) ?? [];
}

/** Every string inside a parsed JSON value (what a person reads of a JSON answer). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

const started: Running[] = [];
afterAll(() => {
  for (const r of started) r.proc.kill('SIGKILL');
});

/** Run `src/<script>` with stdin, wait for the exit; what it printed and its code. */
async function run(script: string, args: string[], stdin = '', env: Record<string, string> = {}) {
  const r = node(script, args, { WECHATY_LOG: 'error', ...env });
  started.push(r);
  r.proc.stdin!.end(stdin);
  const { code } = await r.exited;
  return { code, out: r.out(), err: r.err() };
}

describe('English detector', () => {
  it('finds an English sentence and lets identifiers, file names and URLs through', () => {
    expect(englishIn('Map keys must be unique at line 2')).not.toEqual([]);
    expect(englishIn("不是有效的 JSON：Expected ',' or '}' after property value")).not.toEqual([]);
    expect(englishIn('配置错误：ZHICHENG_STAFF 中的“zhangsan”格式不对，例如 telegram:12345 rules/series.yaml 见 https://example.com/a b c')).toEqual([]);
    expect(englishIn('运行 npm run train:scope 重新生成')).toEqual([]);
  });
});

describe('what a person reads after a mistake is Chinese', () => {
  it('check: broken YAML and bad values name the file and the line, in Chinese', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'zc-zh-check-'));
    for (const d of ['rules', 'knowledge', 'dialogs']) cpSync(path.join(ROOT, d), path.join(root, d), { recursive: true });
    const append = (f: string, text: string) => writeFileSync(path.join(root, f), readFileSync(path.join(root, f), 'utf8') + text);
    append('rules/series.yaml', '\nduplicate: 1\nduplicate: 2\n'); // a key written twice
    append('dialogs/bot.yaml', '\n\tmenu: 菜单\n'); // a tab as indentation
    append('knowledge/general.yaml', '\nbroken: "no closing quote\n'); // an unclosed quote
    append('dialogs/telegram.yaml', '\nunknownField: 1\n'); // a bad value, not a YAML mistake
    const notice = path.join(root, 'rules/notices/xunwu-2024-28.yaml');
    writeFileSync(notice, readFileSync(notice, 'utf8').replace('closes: 2024-05-30', 'closes: 2024-13-45')); // an impossible date

    const { code, out, err } = await run('src/cli.ts', ['check', '--root', root]);
    expect(code, out + err).toBe(1);
    for (const file of ['rules/series.yaml', 'dialogs/bot.yaml', 'knowledge/general.yaml', 'dialogs/telegram.yaml', 'rules/notices/xunwu-2024-28.yaml']) {
      const line = err.split('\n').find((l) => l.includes(file));
      expect(line, `${file} in:\n${err}`).toBeDefined();
      if (/series|bot|general/.test(file)) expect(line).toMatch(/第 \d+ 行/);
    }
    expect(err).toContain('重复的键');
    expect(err).toContain('Tab');
    expect(englishIn(out + err), err).toEqual([]);
  }, 60_000);

  it('screen: bad JSON, bad fields and a future date are each explained in Chinese', async () => {
    const good = { series: '中小学教师', education: '本科', graduationDate: '2020-07-01', majorStudied: '汉语言文学', majorRelation: '相同', technicalWorkStart: '2020-09-01', employer: { name: '寻乌中学', type: '事业单位', province: '江西' }, certificates: ['教师资格证'] };
    const lines = [
      '{"id":"truncated","profile":{"series":"工程"',
      'not json at all',
      '{"id":"trailing-comma","profile":{"series":"工程",}}',
      JSON.stringify({ id: 'enum', profile: { ...good, education: '幼儿园', majorRelation: 'maybe' } }),
      JSON.stringify({ id: 'types', profile: { ...good, series: 123, certificates: 'none', employer: null } }),
      JSON.stringify({ id: 'future', profile: { ...good, graduationDate: '2099-01-01' } }),
      JSON.stringify({ id: 'impossible', profile: { ...good, technicalWorkStart: '2020-02-30' } }),
      JSON.stringify({ id: 'now', now: 'tomorrow', profile: good }),
      '[1,2,3]',
      JSON.stringify({ id: 'ok', profile: good }),
    ];
    const batch = await run('src/cli.ts', ['screen', '--jsonl', '--now', '2024-04-20'], lines.join('\n') + '\n');
    expect(batch.code).toBe(2);
    const outs = batch.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(outs).toHaveLength(lines.length);
    const errors = outs.filter((o) => o.error !== undefined);
    expect(errors).toHaveLength(lines.length - 1);
    for (const o of errors) {
      expect(String(o.error), JSON.stringify(o)).toMatch(/[\u4e00-\u9fff]/);
      expect(englishIn(String(o.error)), JSON.stringify(o)).toEqual([]);
    }
    expect(outs.find((o) => o.id === 'future')?.error).toContain('graduationDate');
    expect(englishIn(strings(outs.find((o) => o.id === 'ok')).join('\n'))).toEqual([]);

    for (const input of ['{"series": "工程",', '{"a":1,}']) {
      const one = await run('src/cli.ts', ['screen', '--json', '--now', '2024-04-20'], input);
      expect(one.code, input).toBe(2);
      expect(one.err, input).toMatch(/^错误：.*[\u4e00-\u9fff]/);
      expect(englishIn(one.err), one.err).toEqual([]);
    }
  }, 60_000);

  it('config: every bad environment value is refused naming the variable, in Chinese', async () => {
    const bad: Record<string, string> = {
      ZHICHENG_REMINDER_HOUR: '99',
      ZHICHENG_QUIET_START: 'evening',
      ZHICHENG_NOW: '2024-02-30',
      ZHICHENG_STAFF: 'zhangsan',
      ZHICHENG_SESSION_TTL_DAYS: '0',
      ZHICHENG_REMINDER_DAYS_BEFORE: 'three days',
      TELEGRAM_API_ROOT: 'not a url',
      TELEGRAM_WEBHOOK_PORT: '70000',
      WECHATY_ACCEPT_FRIENDS: 'maybe',
      WECHATY_SEND_DELAY_MS: '3000-1000',
      WECHAT_OA_APP_ID: 'abc',
      ZHICHENG_CONSOLE_PORT: 'eighty',
      ZHICHENG_CONSOLE_SECURE: 'yes please',
      ZHICHENG_MISSES_DAYS: '-5',
    };
    for (const [name, value] of Object.entries(bad)) {
      let message = '';
      try {
        loadConfig({ [name]: value });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        message = (e as Error).message;
      }
      expect(message, `${name}=${value}`).toContain(name);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(englishIn(message.replace(value, '')), message).toEqual([]);
    }
    // At start: one Chinese line on stderr, exit 2, no stack trace.
    const start = await run('src/main.ts', [], '', { ZHICHENG_STAFF: 'telegram:1,zhangsan', ZHICHENG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'zc-zh-cfg-')) });
    expect(start.code).toBe(2);
    expect(start.err).toContain('ZHICHENG_STAFF');
    expect(start.err).toContain('渠道:编号');
    expect(start.err).not.toMatch(/\n\s+at /);
    expect(englishIn(start.err), start.err).toEqual([]);
  }, 60_000);

  it('chat: garbage, emoji and very long messages get Chinese replies', async () => {
    const messages = ['@#$%^&*()_+', 'ﾟ∀ﾟ ╮(╯▽╰)╭', '😀😀😀🎉🎉', '🤔', '\u0007\u001b[31m红', '0', '99', '-1', '1'.repeat(3000), '职称'.repeat(3000), '😀'.repeat(500), '？？？', '{"a":1}', '<script>alert(1)</script>', '帮助', '资格自测', '🙏', '不知道', '9999年99月', '退出'];
    const { code, out, err } = await run('src/cli.ts', ['chat', '--script', '-', '--now', '2024-04-20'], messages.join('\n') + '\n', { ZHICHENG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'zc-zh-chat-')) });
    expect(code, err).toBe(0);
    expect(err).toBe('');
    // The transcript alternates the user's lines and the bot's; only the bot's are checked.
    const bot = out
      .split(/\n(?=用户: |助手: )/)
      .filter((block) => block.startsWith('助手: '))
      .join('\n');
    expect(bot.split('助手: ').length - 1).toBeGreaterThanOrEqual(messages.length);
    expect(bot).not.toContain('/help');
    expect(englishIn(bot), bot.slice(0, 2000)).toEqual([]);
  }, 60_000);
});
