/** Who pays the social insurance, and whether it is the unit that applies (通知三（四）). */
import type { Policy } from '../policy/load.js';
import { mask, push } from './fact-list.js';
import type { Fact } from './facts.js';
import { clauseAt, findWord, pattern } from './match.js';

type Vocab = Policy['vocabulary'];

/** The text with the clauses that name another insurance payer (人力资源公司代缴) masked. */
export function payerMasked(t: string, v: Vocab): string {
  const spans = [...t.matchAll(/[^，,。；;！!？?]+/gu)]
    .filter((c) => findWord(c[0], v.insurance.otherPayer) && /社保|保险|代缴|代交|缴|交/u.test(c[0]))
    .map((c) => ({ start: c.index, end: c.index + c[0].length }));
  return spans.length ? mask(t, spans) : t;
}

/** The payer's name from its phrase: "这边", and adverbs before the verb (城投在交, 图书馆直接给交) dropped. */
function payerName(words: string, v: Vocab): string {
  let name = words.replace(/^(这边|那边|那里|这里)/u, '');
  const adverbs = [...v.insurance.payerAdverbs].sort((a, b) => b.length - a.length);
  for (let cut = true; cut; ) {
    cut = false;
    for (const a of adverbs) {
      if (name.length > a.length + 1 && name.endsWith(a)) {
        name = name.slice(0, -a.length);
        cut = true;
      }
    }
  }
  return name;
}

/**
 * The payer and the employer are the same unit: one name holds the other (城投 / 县城投), and
 * neither sits above the other (分公司 vs 总公司, 城投下属子公司 vs 集团总部, 三（四）).
 */
function sameUnit(payer: string, unit: string, v: Vocab): boolean {
  const rank = (name: string) => (findWord(name, v.insurance.unitBelow) ? -1 : findWord(name, v.insurance.unitAbove) ? 1 : 0);
  if (rank(payer) !== rank(unit) && (rank(payer) !== 0 || rank(unit) !== 0)) {
    // "在水务集团上班，社保集团交": the same rank word on both sides is the same unit.
    return false;
  }
  const strip = (name: string) => name.replace(/^(县里|县|市|区|寻乌县?|赣州市?)/u, '');
  return unit.includes(payer) || payer.includes(unit) || strip(unit).includes(strip(payer)) || strip(payer).includes(strip(unit));
}

/** The insurance payer (said, or another unit such as 人力资源公司代缴) compared with the employer, and the affiliation proof. */
export function understandInsurance(t: string, v: Vocab, facts: Fact[]): void {
  const other = findWord(t, v.insurance.otherPayer);
  const same = findWord(t, v.insurance.samePayer);
  const named = pattern(v.insurance.payerPattern).exec(t);
  const employerName = facts.find((f) => f.field === 'employer.name')?.value as string | undefined;
  if (other) push(facts, 'socialInsuranceEmployer', v.insurance.otherPayerName, 'said', clauseAt(t, t.indexOf(other)).text);
  else if (named) {
    const payer = payerName(named[1] ?? named[2] ?? named[3]!, v);
    // "申报单位挂的是城投集团": the unit that applies is the one the payer is compared with.
    const applying = v.insurance.applyingPattern ? pattern(v.insurance.applyingPattern).exec(t)?.[1] : undefined;
    const unit = applying ?? employerName;
    const self = /^(单位|本单位|公司|我们单位|现在单位|现单位|这个单位|原单位?)$/u.test(payer) || (unit !== undefined && sameUnit(payer, unit, v));
    push(facts, 'socialInsuranceEmployer', self ? (employerName ?? '本单位') : payer, 'said', named[0]);
  } else if (same) push(facts, 'socialInsuranceEmployer', (facts.find((f) => f.field === 'employer.name')?.value as string | undefined) ?? '本单位', 'said', same);
  const notHeld = findWord(t, v.insurance.proofNotHeld);
  const held = findWord(t, v.insurance.proofHeld);
  if (notHeld) push(facts, 'hasAffiliationProof', false, 'said', notHeld);
  else if (held) push(facts, 'hasAffiliationProof', true, 'said', held);
}
