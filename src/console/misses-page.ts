/**
 * /misses: the questions the bot could not answer, grouped, with counts and examples. A curator
 * either writes an answer (→ a knowledge entry validated by the knowledge schema, saved to
 * knowledge/curated.yaml, live at once; the missed questions join the evaluation) or marks the
 * group out of scope (→ appended to the off-topic set the scope decision learns from).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { stringify } from 'yaml';
import { parseYamlText } from '../policy/yaml-file.js';
import { localStamp } from '../broadcast/schedule.js';
import { entry as entrySchema, entriesFile } from '../knowledge/schema.js';
import { DataError } from '../policy/problems.js';
import { h } from './html.js';
import { csrfField, notice, page } from './layout.js';
import type { MissLog } from './misses.js';
import { field, fields, who, type ConsoleContext, type ConsoleEnv, type ConsoleHono, type Form } from './context.js';

export const CURATED_FILE = 'curated.yaml';
const HEADER = '# Entries written by curators in the web console (docs/console.md); same schema as every knowledge/*.yaml.\n';

type FieldErrors = Partial<Record<'id' | 'title' | 'questions' | 'answer' | 'doc' | 'clause' | 'form', string>>;

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}

function appendJsonl(file: string, rows: unknown[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function writeText(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Register the misses pages. */
export function registerMisses(r: ConsoleHono, ctx: ConsoleContext, log: MissLog): void {
  const viewer = (c: Context<ConsoleEnv>) => ({ name: c.get('account').name, admin: c.get('account').admin, csrf: c.get('session').csrf });
  // Read per request: saving a notice in the console reloads the app's policy.
  const docs = () => [...new Set(ctx.app.policy.notices.flatMap((n) => [n.doc, ...n.basis.map((b) => b.doc)]))];

  r.get('/misses', (c) => {
    log.prune();
    const v = viewer(c);
    const groups = log.groups();
    const done = c.req.query('done');
    const cards = groups.map(
      (g, i) => h`<div class="card" data-testid="miss-group"><p><strong>${g.count}</strong> 次 · 最近 ${localStamp(g.last)}</p>
<pre>${g.examples.slice(0, 5).join('\n')}</pre>${g.examples.length > 5 ? h`<p class="hint">另有 ${g.examples.length - 5} 种问法</p>` : ''}
<form method="get" action="/misses/curate" style="display:inline"><input type="hidden" name="g" value="${i}"><input type="hidden" name="q" value="${g.text}"><button type="submit">写答案</button></form>
<form method="post" action="/misses/offtopic" style="display:inline">${csrfField(v.csrf)}${g.examples.map((q) => h`<input type="hidden" name="examples" value="${q}">`)}<button class="secondary" type="submit">不属于本服务</button></form></div>`,
    );
    return c.html(
      page({
        title: '没答上的问题',
        viewer: v,
        active: '/misses',
        body: h`${done === 'entry' ? notice('ok', '已保存为知识条目，机器人现在就会这样回答。') : done === 'offtopic' ? notice('ok', '已标记为不属于本服务；这些问法会用来训练范围判断。') : ''}
<p class="hint">机器人没找到答案的问题（只保存文字，不保存是谁问的；长串数字已隐去），保留 ${ctx.app.config.missesDays ?? 90} 天，相似的问法归为一组。</p>
${cards.length ? cards : h`<div class="card">目前没有没答上的问题。</div>`}`,
      }),
    );
  });

  const curateForm = (c: Context<ConsoleEnv>, form: Form, examples: string[], errors: FieldErrors = {}, status: 200 | 400 = 200) => {
    const v = viewer(c);
    const err = (k: keyof FieldErrors) => (errors[k] ? h`<p class="error" id="err-${k}" role="alert">${errors[k]}</p>` : '');
    return c.html(
      page({
        title: '把问题写成知识条目',
        viewer: v,
        active: '/misses',
        body: h`<div class="card"><h2>用户的问法</h2><pre>${examples.join('\n')}</pre></div>
<form class="card" method="post" action="/misses/curate">${csrfField(v.csrf)}${examples.map((q) => h`<input type="hidden" name="examples" value="${q}">`)}
${err('form')}
<label for="id">条目编号（小写字母、数字和连字符，例如 interview-defense）</label><input type="text" id="id" name="id" value="${field(form, 'id')}" required>${err('id')}
<label for="title">标题（几个字概括这个问题）</label><input type="text" id="title" name="title" value="${field(form, 'title')}" required>${err('title')}
<label for="questions">要匹配的问法（每行一种，至少 3 种）</label><textarea id="questions" name="questions" required>${field(form, 'questions') || examples.join('\n')}</textarea>${err('questions')}
<label for="answer">答案</label><textarea id="answer" name="answer" required>${field(form, 'answer')}</textarea>${err('answer')}
<label for="doc">出处：文件</label><select id="doc" name="doc">${docs().map((d) => h`<option${field(form, 'doc') === d ? h` selected` : ''}>${d}</option>`)}</select>${err('doc')}
<label for="clause">出处：条款（全角括号，例如 三（四））</label><input type="text" id="clause" name="clause" value="${field(form, 'clause')}" required>${err('clause')}
<button type="submit">保存并上线</button></form>`,
      }),
      status,
    );
  };

  r.get('/misses/curate', (c) => {
    const q = c.req.query('q') ?? '';
    const group = log.groups().find((g) => g.text === q || g.examples.includes(q));
    return curateForm(c, {}, group?.examples ?? (q ? [q] : []));
  });

  r.post('/misses/curate', (c) => {
    const form = c.get('form');
    const examples = fields(form, 'examples').map((q) => q.trim()).filter(Boolean);
    const candidate = {
      id: field(form, 'id'),
      title: field(form, 'title'),
      questions: lines(field(form, 'questions')),
      answer: field(form, 'answer'),
      sources: [{ doc: field(form, 'doc'), clause: field(form, 'clause') }],
    };
    const parsed = entrySchema.safeParse(candidate);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const [top, , leaf] = issue.path;
        const key = (top === 'sources' ? (leaf === 'doc' ? 'doc' : 'clause') : top) as keyof FieldErrors;
        errors[key] ??= issue.message;
      }
      return curateForm(c, form, examples, errors, 400);
    }
    // Append to knowledge/curated.yaml, then rebuild: the whole knowledge folder is validated as at
    // start (unique id, known concepts); on any problem the file is restored and nothing changes.
    const file = path.join(ctx.paths.knowledgeDir, CURATED_FILE);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const raw = before === undefined ? undefined : parseYamlText(before);
    // A hand-broken curated.yaml is reported, never overwritten with only the new entry.
    if (raw && !raw.ok) return curateForm(c, form, examples, { form: `没有保存：knowledge/${CURATED_FILE} ${raw.place}：${raw.message}` }, 400);
    const doc = raw?.ok ? entriesFile.safeParse(raw.value) : undefined;
    const entries = doc?.success ? doc.data.entries : [];
    writeText(file, HEADER + stringify({ entries: [...entries, parsed.data] }, { lineWidth: 0 }));
    try {
      ctx.reloadData();
    } catch (e) {
      if (before === undefined) removeFile(file);
      else writeText(file, before);
      const msg = e instanceof DataError ? e.message : (e as Error).message;
      return curateForm(c, form, examples, /重复/.test(msg) ? { id: '这个条目编号已经有了，请换一个' } : { form: `没有保存：${msg}` }, 400);
    }
    // The users' own wordings test the entry from now on (npm run eval reads this file).
    appendJsonl(ctx.paths.evalFile, examples.map((q, i) => ({ id: `curated-${parsed.data.id}-${i + 1}`, question: q, expect: parsed.data.id })));
    log.resolve(examples, 'entry', parsed.data.id);
    ctx.audit.write({ who: who(c.get('account').name), action: 'console.curate', target: parsed.data.id, count: examples.length }, ctx.clock());
    return c.redirect('/misses?done=entry', 303);
  });

  r.post('/misses/offtopic', (c) => {
    const examples = fields(c.get('form'), 'examples').map((q) => q.trim()).filter(Boolean);
    if (examples.length) {
      const stamp = ctx.clock().getTime().toString(36);
      appendJsonl(ctx.paths.offTopicFile, examples.map((q, i) => ({ id: `curated-off-${stamp}-${i + 1}`, question: q, expect: null })));
      log.resolve(examples, 'offtopic');
      ctx.audit.write({ who: who(c.get('account').name), action: 'console.offtopic', count: examples.length }, ctx.clock());
    }
    return c.redirect('/misses?done=offtopic', 303);
  });
}

/** Remove a file that did not exist before a failed save. */
function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}
