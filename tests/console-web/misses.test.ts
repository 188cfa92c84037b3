import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { entriesFile } from '../../src/knowledge/schema.js';
import { PROJECT_ROOT } from '../../src/policy/load.js';
import { groupQuestions, keepable, MissLog } from '../../src/console/misses.js';
import { Client, rig, tempDir } from './helpers.js';

const ask = (text: string, userId = '31') => ({ channel: 'telegram' as const, userId, chatId: userId, text });

async function curatorRig() {
  const tmp = tempDir('zc-kn-');
  const knowledgeDir = path.join(tmp, 'knowledge');
  cpSync(path.join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  const paths = { knowledgeDir, offTopicFile: path.join(tmp, 'off.jsonl'), evalFile: path.join(tmp, 'eval.jsonl') };
  const r = await rig({ knowledgeDir, paths });
  const c = new Client(r.web);
  await c.login('王五', r.prep.accounts.add('王五', false));
  return { ...r, c, paths };
}

describe('questions the bot missed', () => {
  it('keeps text only, masks long digit runs, and groups similar wordings', () => {
    expect(keepable('我身份证 36073319900101123X 能报吗')).toBe('我身份证 ＊＊＊ 能报吗');
    const groups = groupQuestions([
      { q: '职称认定需要面试答辩吗', at: '2024-04-01' },
      { q: '认定职称要不要面试答辩', at: '2024-04-02' },
      { q: '职称认定需要面试答辩吗', at: '2024-04-03' },
      { q: '今天中午吃什么', at: '2024-04-03' },
    ]);
    expect(groups.map((g) => [g.count, g.examples])).toEqual([
      [3, ['职称认定需要面试答辩吗', '认定职称要不要面试答辩']],
      [1, ['今天中午吃什么']],
    ]);
  });

  it('forgets questions after the retention period; the file is 0600', () => {
    let now = new Date('2024-04-01T00:00:00Z');
    const dir = tempDir();
    const log = new MissLog(dir, 30, () => now);
    log.record('职称认定需要面试答辩吗');
    expect(statSync(path.join(dir, 'console', 'misses.jsonl')).mode & 0o777).toBe(0o600);
    now = new Date('2024-04-20T00:00:00Z');
    log.record('认定职称要不要面试答辩');
    now = new Date('2024-05-05T00:00:00Z');
    expect(log.list().map((m) => m.q)).toEqual(['认定职称要不要面试答辩']);
    expect(log.prune()).toBe(1);
    expect(readFileSync(path.join(dir, 'console', 'misses.jsonl'), 'utf8')).not.toContain('需要面试答辩吗');
  });

  it('a curator turns a missed question into a knowledge entry the bot then answers', async () => {
    const { app, c, paths, ctx } = await curatorRig();
    const q = '职称认定需要面试答辩吗';
    const before = await app.core.handle(ask(q));
    expect(before[0]!.text).toContain('没有找到答案');
    await app.core.handle(ask('认定职称要不要面试答辩', '32'));
    await c.get('/misses');
    expect(c.last).toContain(q);
    expect(c.last).not.toContain('telegram:31');
    expect((c.last.match(/data-testid="miss-group"/g) ?? []).length).toBe(1);
    await c.get(`/misses/curate?q=${encodeURIComponent(q)}`);

    // Errors are shown beside their fields, nothing is saved.
    const bad = { id: 'Bad Id', title: '答辩', questions: '只有一种问法', answer: '短', doc: '寻人社发〔2024〕28号', clause: '三(二)', examples: [q, '认定职称要不要面试答辩'] };
    expect((await c.post('/misses/curate', bad)).status).toBe(400);
    for (const k of ['id', 'questions', 'answer', 'clause']) expect(c.last).toContain(`id="err-${k}"`);
    expect(c.last).toContain('全角括号');

    const good = {
      id: 'interview-defense', title: '要不要面试答辩',
      questions: `${q}\n认定职称要不要面试答辩\n考核认定有没有答辩环节`,
      answer: '考核认定以审查申报材料为主；有没有面试或答辩，请以县职称办的安排为准。',
      doc: '寻人社发〔2024〕28号', clause: '文首', examples: [q, '认定职称要不要面试答辩'],
    };
    expect((await c.post('/misses/curate', good)).status).toBe(303);
    const file = parse(readFileSync(path.join(paths.knowledgeDir, 'curated.yaml'), 'utf8'));
    expect(entriesFile.safeParse(file).success).toBe(true);
    const after = await app.core.handle(ask(q, '33'));
    expect(after[0]!.text).toContain('以审查申报材料为主');
    expect(app.knowledge.ask('认定职称要不要面试答辩', '2024-04-20').entry).toBe('interview-defense');
    // The users' wordings join the evaluation; the group leaves the list; the action is audited.
    expect(readFileSync(paths.evalFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'curated-interview-defense-1', question: q, expect: 'interview-defense' },
      { id: 'curated-interview-defense-2', question: '认定职称要不要面试答辩', expect: 'interview-defense' },
    ]);
    await c.get('/misses');
    expect(c.last).not.toContain('要不要面试答辩');
    expect(ctx.audit.read().find((e) => e.action === 'console.curate')).toMatchObject({ who: 'console:王五', target: 'interview-defense' });

    // The same id again: refused beside the id field, the file unchanged.
    const text = readFileSync(path.join(paths.knowledgeDir, 'curated.yaml'), 'utf8');
    await c.get('/misses/curate?q=x');
    expect((await c.post('/misses/curate', { ...good, id: 'interview-defense' })).status).toBe(400);
    expect(c.last).toContain('id="err-id"');
    expect(readFileSync(path.join(paths.knowledgeDir, 'curated.yaml'), 'utf8')).toBe(text);
  });

  it('marking a group out of scope appends it to the off-topic set; a <script> question is shown as text', async () => {
    const { app, c, paths } = await curatorRig();
    await app.core.handle(ask('<script>alert(1)</script>今天中午吃什么'));
    await c.get('/misses');
    expect(c.last).not.toContain('<script>alert(1)');
    expect(c.last).toContain('&lt;script&gt;alert(1)&lt;/script&gt;今天中午吃什么');
    await c.post('/misses/offtopic', { examples: '<script>alert(1)</script>今天中午吃什么' });
    const rows = readFileSync(paths.offTopicFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual([expect.objectContaining({ question: '<script>alert(1)</script>今天中午吃什么', expect: null })]);
    await c.get('/misses');
    expect(c.last).toContain('目前没有没答上的问题');
  });
});
