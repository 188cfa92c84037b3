/**
 * `understand(text, policy, now)`: the facts the eligibility rules need, from what a person writes
 * about themselves. The words → facts mapping is data (rules/vocabulary.yaml); this file only
 * decides where to look and how sure the words are. Pure; relative dates are counted from `now`.
 */
import type { Policy } from '../policy/load.js';
import { educationLevels, titleLevels, type Education, type TitleLevel } from '../policy/schema.js';
import { dateDigits, findDates, type DateMention } from './dates.js';
import type { Basis, Fact, Understanding } from './facts.js';
import { addMonthsToDay } from '../policy/dates.js';
import { chineseNumber } from '../text/chinese-number.js';
import { allHits, bestHits, clauseAt, findWord, globalPattern, pattern, patterns, type Hit } from './match.js';
import { spellRight } from './spelling.js';
import { mask, push } from './fact-list.js';
import { payerMasked, understandInsurance } from './insurance.js';
import { findMajor, understandMajor } from './major.js';
import { understandReviews } from './reviews.js';
import { asksAboutCase, asksInClause, namesPerson, SPACE_MARK } from './asks.js';


/**
 * Full-width forms folded (NFKC), Chinese numerals in dates as digits. A chat message separates its
 * clauses by spaces ("中专毕业 18年认定的技术员 能认定助工吗"): a space after a Chinese character
 * becomes a clause mark, so each clause keeps its own verbs; other spaces ("2020 年") go.
 */
export function foldText(text: string): string {
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/(?<=[\u4e00-\u9fa5)])\s+(?=[\u4e00-\u9fa5\d(])(?!\d{1,2}月)/gu, SPACE_MARK)
    .replace(/\s+/g, '');
  return dateDigits(t);
}

/** Understand one message. */
export function understand(text: string, policy: Policy, now: string): Understanding {
  const v = policy.vocabulary;
  const raw = spellRight(foldText(text), v);
  const facts: Fact[] = [];

  // Certificates first: "教师资格证" must not read as the job 教师.
  const certHits = allHits(raw, v.certificates);
  const held: string[] = [];
  const notHeld: string[] = [];
  let pending: string | undefined;
  for (const h of bestHits(raw, v.certificates)) {
    const c = clauseAt(raw, h.start);
    // The clause and the one after it: "教资面试过了，证书11月才能发下来".
    const near = raw.slice(c.start, clauseAt(raw, Math.min(raw.length, c.end + 1)).end);
    const p = findWord(near, v.certificatePending);
    if (p) pending = h.entry.certificate;
    (findWord(c.text, v.negation) && !p ? notHeld : held).push(h.entry.certificate);
  }
  if (held.length || notHeld.length) {
    const words = certHits.map((h) => clauseAt(raw, h.start).text).filter((x, i, a) => a.indexOf(x) === i).join('，');
    push(facts, 'certificates', [...new Set(held)], pending ? 'assumed' : 'said', words);
    if (pending) push(facts, 'certificatePending', pending, 'said', words);
  }
  let t = mask(raw, certHits);

  understandDates(t, now, v, facts);
  const dated = t;
  t = mask(t, findDates(t, now));

  // Education: the highest level named, unless the word names a school or a job (中专老师) or one
  // still studied for (函授本科在读).
  let edu: { value: Education; words: string } | undefined;
  const eduHits = bestHits(t, v.education);
  // "学历是中专还是大专我也不清楚": not said.
  const eduEither = alternatives(t, eduHits);
  for (const h of eduHits) {
    const after = t.slice(h.end, h.end + 4);
    if (v.educationNotAfter.some((w) => after.startsWith(w)) || eduEither.has(h)) continue;
    // "没读过中专大专": a schooling denied.
    if (findWord(t.slice(Math.max(clauseAt(t, h.start).start, h.start - 5), h.start), v.negation)) continue;
    if (/(在读|正在读|读|考)$/u.test(t.slice(Math.max(0, h.start - 2), h.start))) continue;
    // "现在在读成人大专": still studying, a word or two between.
    if (/(在读|正在读|在上|正在上|读着)[\u4e00-\u9fa5]{0,3}$/u.test(t.slice(Math.max(clauseAt(t, h.start).start, h.start - 8), h.start))) continue;
    if (!edu || educationLevels.indexOf(h.entry.value) > educationLevels.indexOf(edu.value)) edu = { value: h.entry.value, words: h.text };
  }
  // "只读到初中": a school word after a verb of schooling is the schooling reached, and no workplace.
  const schooled = bestHits(t, v.schools).filter((h) => v.schoolingVerbs.some((w) => t.startsWith(w, h.start - w.length)));
  for (const h of schooled) {
    if (!edu || educationLevels.indexOf(h.entry.value) > educationLevels.indexOf(edu.value)) edu = { value: h.entry.value, words: h.text };
  }
  t = mask(t, schooled);
  if (edu) push(facts, 'education', edu.value, 'said', edu.words);
  const noDegree = findWord(t, v.degree.notBoth);
  const degree = findWord(t, v.degree.both);
  if (noDegree) push(facts, 'hasDegree', false, 'said', noDegree);
  else if (degree) push(facts, 'hasDegree', true, 'said', degree);
  else {
    // "学位证学校说10月…才发": the degree is expected; the answer holds if it comes before applying.
    const cert = allHits(t, [{ words: v.degree.certificate }])[0];
    const clause = cert ? clauseAt(t, cert.start).text : '';
    if (cert && findWord(clause, v.certificatePending)) {
      push(facts, 'hasDegree', true, 'assumed', clause);
      Object.assign(facts.find((f) => f.field === 'hasDegree')!, { otherValues: [false], ...(v.degree.pendingName ? { label: v.degree.pendingName } : {}) });
    }
  }

  understandTitles(t, v, facts, now);
  // "社保是人力资源公司代缴的": the payer of the insurance, neither the workplace nor the job (人力资源).
  const w = payerMasked(t, v);
  understandEmployer(w, v, facts);
  understandSeries(w, policy, facts);
  understandMajor(w, policy, facts);
  understandInsurance(t, v, facts);
  understandReviews(t, dated, v, facts);

  // `raw` has its typos fixed already: the checks below are the exported ones without that step.
  return { facts, personal: namesPerson(raw, v), asksEligibility: asksAboutCase(raw, v) };
}

/** The message names a person (我, 他, 小刘, 我们单位 …). */
export function isPersonal(text: string, policy: Policy): boolean {
  return namesPerson(spellRight(text, policy.vocabulary), policy.vocabulary);
}

/** The message asks whether, when or at what level (cheap: the answerer tries it before understanding). */
export function asksEligibility(text: string, policy: Policy): boolean {
  return asksAboutCase(spellRight(text, policy.vocabulary), policy.vocabulary);
}

type Vocab = Policy['vocabulary'];

/** The role of a date from the words right after it (else right before it) in its clause. */
function dateRole(text: string, d: DateMention, v: Vocab): 'graduation' | 'workStart' | 'titleSince' | 'punishmentEnd' | 'punishmentReceived' | undefined {
  const clause = clauseAt(text, d.start);
  if (d.duration) return d.duration;
  // "干技术干到今年2月": the end of a period of work, none of the person's own dates.
  if (v.dateRoles.periodEnd.some((w) => text.startsWith(w, d.start - w.length))) return undefined;
  // "4月10号开始报", "今年上半年的认定啥时候开始": the window's date, not one of the person's — a window
  // word a few characters after the date, before any word of a personal role.
  const next = text.slice(d.end, Math.min(clause.end, d.end + 8));
  const windowAt = Math.min(...v.dateRoles.notPersonal.map((w) => next.indexOf(w)).filter((i) => i >= 0));
  const personalWords = [...v.dateRoles.graduation, ...v.dateRoles.workStart, ...v.dateRoles.titleSince];
  if (Number.isFinite(windowAt) && !personalWords.some((w) => next.slice(0, windowAt).includes(w))) return undefined;
  // "受过警告处分，2023年6月期满": the end of a punishment named in an earlier clause.
  if (findWord(text, v.punishment.words) && findWord(text.slice(d.end, d.end + 4), v.dateRoles.punishmentEnd)) return 'punishmentEnd';
  if (findWord(clause.text, v.punishment.words) && !findWord(clause.text, v.punishment.none)) {
    const after = text.slice(d.end, clause.end);
    if (findWord(after.slice(0, 8), v.dateRoles.punishmentEnd)) return 'punishmentEnd';
    if (/(到|至)$/u.test(text.slice(clause.start, d.start))) return 'punishmentEnd';
    return 'punishmentReceived';
  }
  const roles = [
    ['graduation', v.dateRoles.graduation],
    ['titleSince', v.dateRoles.titleSince],
    ['workStart', v.dateRoles.workStart],
  ] as const;
  const earliest = (span: string, fromEnd: boolean) => {
    let best: { role: (typeof roles)[number][0]; at: number; len: number } | undefined;
    for (const [role, words] of roles) {
      for (const w of words) {
        const at = fromEnd ? span.lastIndexOf(w) : span.indexOf(w);
        if (at < 0) continue;
        const pos = fromEnd ? span.length - (at + w.length) : at;
        if (!best || pos < best.at || (pos === best.at && w.length > best.len)) best = { role, at: pos, len: w.length };
      }
    }
    return best?.role;
  };
  const after = text.slice(d.end, clause.end).split('□')[0]!;
  const before = text.slice(clause.start, d.start);
  // A title date only when a level word follows in the clause (取得技术员), not 取得毕业证.
  const role = earliest(after, false) ?? earliest(before, true);
  // "毕业证6月拿了": a certificate of schooling taken, the graduation.
  const titleVerbs = globalPattern([...v.dateRoles.titleSince].sort((a, b) => b.length - a.length).join('|'));
  if (role === 'titleSince' && !v.levels.some((l) => l.words.some((w) => clause.text.includes(w)))) return earliest(after.replace(titleVerbs, ''), false) ?? 'graduation';
  return role;
}

function understandDates(t: string, now: string, v: Vocab, facts: Fact[]): void {
  const dates = findDates(t, now);
  let postChange: DateMention | undefined;
  const fieldOf = { graduation: 'graduationDate', workStart: 'technicalWorkStart', titleSince: 'currentTitle.since', punishmentEnd: 'disciplinaryEndDate', punishmentReceived: 'punishmentReceived' } as const;
  for (const d of dates) {
    if (!d.duration && !postChange && changesPost(t.slice(d.end, clauseAt(t, d.start).end), v)) {
      postChange = d;
      continue;
    }
    const role = dateRole(t, d, v);
    if (!role) continue;
    // "今年2月调到县水文站": after work elsewhere already said, the move to the current employer.
    const movedHere = role === 'workStart' && !d.duration && findWord(t.slice(d.end, d.end + 4), v.dateRoles.transfer);
    // "先在一家私人公司干了两年，23年1月进的县交投", "22年7月到23年底在…做技术，今年1月才进县果业中心":
    // after earlier work is described (先在…, or a period from one date to another), a later start
    // of work is the move to the current employer, whatever verb says it.
    const before = t.slice(0, d.start);
    const afterEarlier = role === 'workStart' && !d.duration && !/(到|至)$/u.test(before) && (findWord(before, v.dateRoles.earlierWork.filter((w) => w.startsWith('先') || w.endsWith('在'))) !== undefined || /\d月?(?:份|底|初)?(?:到|至)(?:\d{2,4}年|今年|去年|前年)/u.test(before));
    if ((movedHere || afterEarlier) && (movedHere ? facts.some((f) => f.field === 'technicalWorkStart') || findWord(before, v.dateRoles.earlierWork) : true)) {
      push(facts, 'transferDate', d.latest, d.vague ? 'assumed' : 'said', d.words);
      const moveFact = facts.find((f) => f.field === 'transferDate');
      if (moveFact) movePositions.set(moveFact, d.end);
      continue;
    }
    const field = fieldOf[role];
    const basis: Basis = d.vague ? 'assumed' : 'said';
    push(facts, field, d.latest, basis, d.words, d.vague ? [d.earliest, d.latest] : undefined);
  }
  // "22年进县城投，先在综合部做行政，去年11月才调去工程部做技术": the technical work starts at the change
  // of post; the earlier years at the same employer were other work, no move between employers.
  if (postChange) {
    for (const field of ['technicalWorkStart', 'transferDate'] as const) {
      const i = facts.findIndex((f) => f.field === field);
      if (i >= 0) facts.splice(i, 1);
    }
    push(facts, 'technicalWorkStart', postChange.latest, postChange.vague ? 'assumed' : 'said', postChange.words, postChange.vague ? [postChange.earliest, postChange.latest] : undefined);
  }
  // "以前在广东工厂打工，去年4月回来进了县自来水公司": only the move is dated; the technical work counted
  // is at the current employer from then (earlier work counts only with proof, 四（二）).
  const onlyMove = facts.find((f) => f.field === 'transferDate');
  if (onlyMove && !facts.some((f) => f.field === 'technicalWorkStart' || f.field === 'graduationDate')) push(facts, 'technicalWorkStart', onlyMove.value, onlyMove.basis, onlyMove.words);
  // "先在安远县水利站干了两年，22年10月调到…": a duration said before the move is the earlier job's,
  // counted back from the move, not from today.
  const start = facts.find((f) => f.field === 'technicalWorkStart');
  const move = facts.find((f) => f.field === 'transferDate');
  const earlier = dates.find((d) => d.duration === 'workStart' && d.words === start?.words);
  const moveAt = dates.find((d) => d.words === move?.words && !d.duration)?.start ?? -1;
  if (start && typeof move?.value === 'string' && earlier && earlier.start < moveAt) {
    const back = monthsBetween(String(start.value), `${now.slice(0, 7)}-01`);
    // "20年7月毕业在赣州一家公司干了两年": the earlier job began on graduation, when that is said.
    const grad = facts.find((f) => f.field === 'graduationDate');
    const onGraduation = grad && patterns(v.dateRoles.startedOnGraduation).some((r) => r.test(t.slice(0, earlier.start)));
    if (onGraduation) {
      start.value = grad.value;
      if (grad.range) start.range = grad.range;
      else delete start.range;
    } else {
      start.value = addMonthsToDay(move.value, -back);
      if (start.range) start.range = [addMonthsToDay(start.range[0], monthsBetween(`${now.slice(0, 7)}-01`, move.value)), start.value];
    }
  }
  // "21年3月背过一个警告处分，半年就到期了": the end is the day received plus the term said.
  const received = facts.find((f) => f.field === 'punishmentReceived');
  if (typeof received?.value === 'string' && !facts.some((f) => f.field === 'disciplinaryEndDate')) {
    const ends = v.dateRoles.punishmentEnd.join('|');
    // The term before an end word ("半年就到期了") or right after the punishment ("警告处分6个月").
    const term = '(半年|[一二两三四五六七八九十\\d]+个?半?月|[一二两三\\d]年半?)';
    const kinds = [...v.punishment.words].sort((a, b) => b.length - a.length).join('|');
    const m = pattern(`${term}[^，,。；;]{0,3}?(?:${ends})`).exec(t) ?? pattern(`(?:${kinds})(?:期|期限|期限是|为期)?${term}`).exec(t);
    const months = m ? termMonths(m[1]!) : undefined;
    if (months) push(facts, 'disciplinaryEndDate', addMonthsToDay(received.value, months), received.basis, m![0]);
  }
  const grad = facts.find((f) => f.field === 'graduationDate');
  if (grad && !facts.some((f) => f.field === 'technicalWorkStart')) {
    const m = patterns(v.dateRoles.startedOnGraduation).map((r) => r.exec(t)).find(Boolean);
    if (m) push(facts, 'technicalWorkStart', grad.value, grad.basis, m[0], grad.range);
  }
}

/** The words after a date say a change of post inside the employer (转岗, 调去工程部, 调到技术科). */
function changesPost(after: string, v: Vocab): boolean {
  const r = v.dateRoles;
  if (findWord(after.slice(0, 6), r.postChange)) return true;
  if (!r.departments.length) return false;
  const alt = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).join('|');
  return pattern(`^[^□]{0,3}?(?:${alt(r.transfer)})[\\u4e00-\\u9fa5]{0,4}?(?:${alt(r.departments)})(?!门)`).test(after);
}

/** Whole months from day `a` to day `b` (negative when b is earlier). */
function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** A term in months ("半年" 6, "6个月" 6, "一年半" 18), or undefined. */
function termMonths(term: string): number | undefined {
  if (term === '半年') return 6;
  const m = /^([一二两三四五六七八九十]+|\d+)(个?月|年)(半)?/u.exec(term);
  const n = m ? chineseNumber(m[1]!) : undefined;
  if (n === undefined) return undefined;
  return m![2] === '年' ? n * 12 + (m![3] ? 6 : 0) : n;
}

/** Hits joined as alternatives ("员级还是助理", "中专还是大专"): the person asks or does not know. */
function alternatives<T>(t: string, hits: Hit<T>[]): Set<Hit<T>> {
  const out = new Set<Hit<T>>();
  for (let i = 1; i < hits.length; i++) {
    if (/^(还是|或者|或是|或)$/u.test(t.slice(hits[i - 1]!.end, hits[i]!.start))) out.add(hits[i - 1]!).add(hits[i]!);
  }
  return out;
}

function understandTitles(t: string, v: Vocab, facts: Fact[], now: string): void {
  const hits = bestHits(t, v.levels);
  const either = alternatives(t, hits);
  for (const h of hits) {
    const clause = clauseAt(t, h.start).text;
    // "聘在员级岗位上": the post held, not a title held or asked for.
    if (v.levelPostAfter.some((w) => t.startsWith(w, h.end))) continue;
    // "帮技术员小黄问下", "有5个技术员想认定": people named by their post.
    const lp = v.levelPerson;
    if (lp && (pattern(lp.before).test(t.slice(clauseAt(t, h.start).start, h.start)) || pattern(lp.after).test(t.slice(h.end)))) continue;
    // "能认定什么级别，员级还是助理": the level is what is asked, not one named.
    if (either.has(h)) continue;
    // "二级教师5年了": held for that long.
    // "员级聘了两年了", "员级拿了两年", "员级满两年了", "员级才一年多": a verb of holding, or 了 after the years.
    const held = /^(?:职称)?((?:已经|已|都|才|只|刚|也就|聘了|拿了|当了|做了|评了|取得|满|有)*)(?:快|近)?(\d{1,2}|[一二两三四五六七八九十]{1,3})年(多)?(了)?/u.exec(t.slice(h.end));
    const years = held && (held[1] || held[4]) ? chineseNumber(held[2]!) : undefined;
    if (years !== undefined && years <= 40) {
      const since = addMonthsToDay(`${now.slice(0, 7)}-01`, -12 * years);
      push(facts, 'currentTitle.level', h.entry.value, 'said', clause);
      push(facts, 'currentTitle.since', since, 'assumed', held![0], [addMonthsToDay(since, held![3] ? -11 : -1), since]);
      continue;
    }
    const holding = findWord(clause, v.titleHeld);
    const asking = asksInClause(clause, v) || /(想|要|准备|打算)(报|申报|认定|评|申请)/u.test(clause.slice(0, clause.indexOf(h.text)));
    // "做施工技术员", "当技术员", "做道路工程技术员": the post the person works in (a verb of work and
    // the job's words before it), neither a title held nor the one asked for.
    if (!asking && /(做|当|任|干|担任)[\u4e00-\u9fa5]{0,8}$/u.test(t.slice(clauseAt(t, h.start).start, h.start))) continue;
    if (holding && !asking) {
      const negated = findWord(clause.replace(h.text, ''), v.negation);
      const before = facts.find((f) => f.field === 'currentTitle.level');
      if (negated) push(facts, 'currentTitle.level', null, 'said', clause);
      // "员级助理级都有": the highest level held counts.
      else if (typeof before?.value === 'string' && titleLevels.indexOf(h.entry.value) > titleLevels.indexOf(before.value as TitleLevel)) before.value = h.entry.value;
      else push(facts, 'currentTitle.level', h.entry.value, 'said', clause);
    // "能上助理级不": a 不 or 没 ending the clause asks (A-not-A), it negates nothing.
    } else if (asking || !findWord(clause.replace(h.text, '').replace(/(不|没|没有)[吗呢呀啊]?$/u, ''), v.negation)) {
      // "想先报个员级": a first step, the highest level reachable is what is wanted.
      if (v.levelFirstStep && pattern(v.levelFirstStep).test(t.slice(clauseAt(t, h.start).start, h.start))) continue;
      // Not "后来助理也没弄": a level not taken is neither held nor the one asked for.
      push(facts, 'targetLevel', h.entry.value, 'said', h.text);
    }
  }
}

/** Where each move's date ends in the text (positions survive masking, which keeps lengths). */
const movePositions = new WeakMap<Fact, number>();

/** Where the move to the current employer is said (调到, 跳槽到), when work elsewhere came first. */
function movedAt(t: string, v: Vocab, facts: Fact[]): number | undefined {
  const words = [...v.dateRoles.transfer].sort((a, b) => b.length - a.length);
  let at = -1;
  for (const w of words) at = Math.max(at, t.lastIndexOf(w));
  // A move said only by its date ("23年1月进的县交投", after earlier work): the employer named after that date.
  const move = facts.find((f) => f.field === 'transferDate');
  const dated = move ? movePositions.get(move) : undefined;
  if (at < 0 && dated !== undefined) return dated;
  if (at < 0) return undefined;
  const before = t.slice(0, at);
  return move || findWord(before, v.dateRoles.earlierWork) ? at : undefined;
}

function understandEmployer(t: string, v: Vocab, facts: Fact[]): void {
  const suffix = [...v.employerSuffixes].sort((a, b) => b.length - a.length).join('|');
  const nameRe = pattern(`(?:(?<![现正实存所还好自])在|进了?的?|到|去了?|调到|就职于|供职于|就在|是)([^，,。；;！？?□在进到去是]{1,20}?(?:${suffix}))(?![\\u4e00-\\u9fa5]{0,2}(?:${suffix}))`);
  // "先在安远县水利站干了两年，22年10月调到寻乌县水利站": the employer now is the one moved to.
  const moved = movedAt(t, v, facts);
  const later = moved === undefined ? null : nameRe.exec(t.slice(moved));
  const found = later ? Object.assign(later, { index: later.index + moved! }) : moved !== undefined && allHits(t.slice(moved), v.employers).length ? null : nameRe.exec(t);
  // "在工程部搞施工": a department of the employer (工程部, 技术部), not the employer.
  const name = found && /^(了|的)?[\u4e00-\u9fa5]{1,3}部$/u.test(found[1]!) ? null : found;
  if (name) {
    // "县水务集团下属的分公司": the unit below is where the person works.
    const below = [...v.insurance.unitBelow].sort((a, b) => b.length - a.length).join('|');
    // "国有集团在寻乌的分公司": the branch somewhere is the unit too.
    const sub = below ? pattern(`^(?:在[^，,。；;！？?□]{1,6}?的)?的?(?:${below})(?:的?[^，,。；;！？?□]{0,8}?(?:${suffix}))?`).exec(t.slice(name.index + name[0].length)) : null;
    const full = name[1]! + (sub?.[0] ?? '');
    push(facts, 'employer.name', full.replace(/^(了|的)/, ''), 'said', full);
  }

  // Not the schooling (高中毕业) and not where the personnel file is held (档案在县人才交流中心).
  // "不是考的公务员": a type the person denies is no hit.
  const denied = (h: { start: number }) => findWord(t.slice(Math.max(clauseAt(t, h.start).start, h.start - 6), h.start), v.employerDenied) !== undefined;
  const all = allHits(t, v.employers).filter((h) => !v.employerNotBefore.some((w) => t.startsWith(w, h.end)) && !archiveWord(clauseAt(t, h.start).text, v) && !denied(h));
  // After a move, the words before it describe the earlier employer.
  const hits = moved !== undefined && all.some((h) => h.start >= moved) ? all.filter((h) => h.start >= moved) : all;
  // "编制的事我也搞不清", "国资占多少我也不清楚": no type is taken as said or firm.
  const unsure = [...t.matchAll(/[^，,。；;！!？?]+/gu)].some((c) => findWord(c[0], v.employerUnsure) && (findWord(c[0], v.employerTopics) || allHits(c[0], v.employers).some((h) => h.entry.type)));
  const mixed = findWord(t, v.employerMixed);
  const typed = hits.filter((h) => h.entry.type);
  const said = unsure || mixed ? [] : typed.filter((h) => h.entry.said);
  const pick = (list: Hit<(typeof hits)[number]['entry']>[]) => [...list].sort((a, b) => b.text.length - a.text.length || b.start - a.start)[0];
  const stateHint = typed.find((h) => h.entry.type === '国有企业');
  if (mixed && stateHint) {
    // Jointly owned with a state-owned partner: state-owned only if it holds control — the condition.
    push(facts, 'employer.type', '国有企业', 'assumed', clauseAt(t, t.indexOf(mixed)).text);
  } else {
    const best = pick(said) ?? pick(typed.filter((h) => !mixed || h.entry.type !== '民营企业'));
    if (best) {
      push(facts, 'employer.type', best.entry.type!, best.entry.said && !unsure ? 'said' : 'assumed', best.text);
      if (best.entry.firm && !best.entry.said && !unsure) facts.find((f) => f.field === 'employer.type')!.firm = true;
    }
  }
  const kind = hits.find((h) => h.entry.kind);
  if (kind) push(facts, 'employer.kind', kind.entry.kind!, 'assumed', kind.text);
  if (!name && hits.length) push(facts, 'employer.name', hits[hits.length - 1]!.text, 'said', hits[hits.length - 1]!.text);

  const employerName = facts.find((f) => f.field === 'employer.name')?.value as string | undefined;
  // "先在深圳搞了大半年电商": a place of earlier work, not the current employer's.
  const earlier = (h: { start: number }) => findWord(t.slice(Math.max(0, h.start - 4), h.start), v.dateRoles.earlierWork) !== undefined;
  const outside = allHits(t, v.places.outside).find((h) => (employerName ?? '').includes(h.text) || (/(在|到|去)$/u.test(t.slice(Math.max(0, h.start - 1), h.start)) && !(employerName && earlier(h))));
  const inside = v.places.inside.find((p) => (employerName ?? '').includes(p) || t.includes(`在${p}`));
  if (outside) push(facts, 'employer.province', outside.entry.province, 'said', outside.text);
  else if (inside) push(facts, 'employer.province', '江西', 'said', inside);
  // 三（四）: where the personnel file is held, when it is said.
  const archive = archiveWord(t, v);
  if (archive) {
    const clause = clauseAt(t, t.indexOf(archive)).text;
    const outJx = allHits(clause, v.places.outside).length > 0;
    // "档案放在县就业创业服务中心": the county said alone is this county, in the province.
    const inJx = v.places.inside.some((p) => clause.includes(p)) || (!outJx && /(?<![省市])县/u.test(clause));
    if (inJx || outJx) push(facts, 'archiveHostedInJiangxi', inJx && !outJx, 'said', clause);
  }
}

/** Where the text says the personnel file is kept (档案放在, 档案一直放在), or undefined. */
function archiveWord(t: string, v: Vocab): string | undefined {
  return findWord(t, v.archive.words) ?? (v.archive.pattern ? pattern(v.archive.pattern).exec(t)?.[0] : undefined);
}

type SeriesWordEntry = { words?: string[]; patterns?: string[]; series: string; said: boolean; kind?: string };
const seriesCache = new WeakMap<Policy, SeriesWordEntry[]>();

/** The vocabulary's job words, then every series name and alias (said outright). */
function seriesEntries(policy: Policy): SeriesWordEntry[] {
  let e = seriesCache.get(policy);
  if (!e) {
    const official = policy.series.series.map((s) => ({ words: [s.name, ...s.aliases].filter((a) => a.length >= 2), series: s.name, said: true }));
    e = [...policy.vocabulary.series, ...official];
    seriesCache.set(policy, e);
  }
  return e;
}

function understandSeries(t: string, policy: Policy, facts: Fact[]): void {
  const v = policy.vocabulary;
  const entries = seriesEntries(policy);
  const suffixes = pattern(`^(${v.employerSuffixes.join('|')})`);
  let best: { hit: Hit<(typeof entries)[number]>; score: number } | undefined;
  const hits = bestHits(t, entries);
  const major = findMajor(t, policy);
  // The work the person describes (在职业中专教, 做施工) decides the series (三（三）); a series named in
  // the ask only stands in when no work is described.
  const worked = hits.some((h) => !h.entry.said && ((h.entry.patterns?.length ?? 0) > 0 && !h.entry.words?.includes(h.text) || /(做|搞|干|从事|当|负责|教)$/u.test(t.slice(Math.max(0, h.start - 2), h.start))));
  const scoreOf = (h: (typeof hits)[number]) => {
    let score = h.text.length;
    if (/(做|搞|干|从事|当|负责|是|教)$/u.test(t.slice(Math.max(0, h.start - 2), h.start))) score += 2;
    // The studied major ("学的会计", "会计专业", "本科体育教育") is not the job.
    if (/(学的?|学得|读的?)$/u.test(t.slice(Math.max(0, h.start - 2), h.start)) || t.slice(h.end).startsWith('专业') || (major && h.start >= major.start && h.end <= major.end)) score -= 3;
    // A series named in the ask ("能报中小学二级教师吗") is the series asked about; title words
    // (技术员, 助理工程师) are left out, as several series share them.
    const clause = clauseAt(t, h.start).text;
    const titleWord = v.levels.some((l) => l.words.some((w) => h.text.includes(w)));
    if (h.entry.said && !titleWord && !worked && /(报|认定|申报|评|走)/u.test(clause) && [...patterns(v.eligibilityAsks), ...patterns(v.intents)].some((r) => r.test(clause))) score += 5;
    // Part of an employer's name (水利站, 卫生院, 电视台): the workplace, not the job.
    if (suffixes.test(t.slice(h.end))) score -= 2;
    return score;
  };
  const generic = (h: (typeof hits)[number]) => v.genericJobWords.includes(h.text);
  // "脐橙种植的公司当技术员": a job word every series uses gives way to a specific job word said.
  const specific = hits.some((h) => !generic(h) && !h.entry.said && scoreOf(h) > 0);
  for (const h of hits) {
    if (specific && generic(h)) continue;
    const score = scoreOf(h);
    if (!best || score > best.score) best = { hit: h, score };
  }
  if (best && best.score < 0) best = undefined;
  // No job named: the workplace suggests one ("在县城投上班"), as a condition of the answer.
  // Not the schooling ("高中毕业"): a school word followed by 毕业, 学历 … is no workplace.
  const place = bestHits(t, v.workplaceSeries).filter((h) => !v.employerNotBefore.some((w) => t.startsWith(w, h.end))).sort((a, b) => b.text.length - a.text.length)[0];
  // "在县果业中心做技术": a job word every series uses says less than the workplace's own series.
  if (best && generic(best.hit) && place && place.entry.series !== best.hit.entry.series) best = undefined;
  // "在乡卫生院上班": a series name that is part of the employer's name says where, not what the work is.
  const inName = best?.hit.entry.said && suffixes.test(t.slice(best.hit.end)) ? best.hit : undefined;
  if (inName) {
    best = undefined;
    if (!place) {
      push(facts, 'series', inName.entry.series, 'assumed', inName.text);
      return;
    }
  }
  if (best) {
    const e = best.hit.entry;
    push(facts, 'series', e.series, e.said ? 'said' : 'assumed', best.hit.text);
    if (!e.said) facts.find((f) => f.field === 'series')!.firm = true;
    if (e.kind) push(facts, 'employer.kind', e.kind, 'assumed', best.hit.text);
    return;
  }
  if (place) push(facts, 'series', place.entry.series, 'assumed', place.text);
}

/** The series a job description names ("县自来水公司做技术" → 工程技术人员), or undefined. */
export function seriesFromWords(text: string, policy: Policy): string | undefined {
  const facts: Fact[] = [];
  understandSeries(foldText(text), policy, facts);
  return facts[0]?.value as string | undefined;
}
