/**
 * Concepts: the lexicon's `concepts` (报名 / 申请 / 提交 → 申报) and `conceptPatterns` (a bare month
 * means "when"), matched on normalized text. A concept is added beside the words, never instead
 * of them, so both the ranker and the scope decision see 申报 in 什么时候报名.
 */
import type { Lexicon } from './schema.js';

/** Text → normalized text (see normalize.ts). */
export type Normalize = (s: string) => string;

/** The lexicon's concepts, compiled once. */
export class ConceptMatcher {
  /** Concept variants and generic terms, longest first: the scan order of `of`. */
  private readonly scan: [string, string | null][];
  /** Generic terms (normalized): their span names no other concept. */
  private readonly genericSpans: Set<string>;
  private readonly patterns: [RegExp, string][];
  /** Concept variants (normalized) → their concept. */
  readonly variants = new Map<string, string>();
  /** The concept names. */
  readonly names: Set<string>;

  constructor(lex: Pick<Lexicon, 'concepts' | 'conceptPatterns' | 'genericTerms'>, normalize: Normalize) {
    this.names = new Set(Object.keys(lex.concepts));
    const variants = Object.entries(lex.concepts)
      .flatMap(([c, vs]) => [c, ...vs].map((v) => [normalize(v), c] as [string, string]))
      .filter(([v]) => v !== '');
    for (const [v, c] of variants) this.variants.set(v, c);
    this.genericSpans = new Set(lex.genericTerms.map(normalize).filter((w) => w !== ''));
    // Longest first, so 最后一天 is seen before 最后.
    this.scan = [...variants, ...[...this.genericSpans].map((v) => [v, null] as [string, null])].sort((a, b) => b[0].length - a[0].length);
    this.patterns = Object.entries(lex.conceptPatterns).flatMap(([c, ps]) => ps.map((p) => [new RegExp(p, 'u'), c] as [RegExp, string]));
  }

  /** Concepts a normalized text mentions (any variant, as a substring, or a concept pattern). */
  of(normalized: string): Set<string> {
    const out = new Set<string>();
    // A generic term's span is consumed: 专业技术资格 names 职称, not also 专业 and 资格 (条件).
    let rest = normalized;
    for (const [v, c] of this.scan) {
      if (!rest.includes(v)) continue;
      if (c !== null) out.add(c);
      if (this.genericSpans.has(v)) rest = rest.split(v).join('\u0000');
    }
    for (const [re, c] of this.patterns) if (re.test(normalized)) out.add(c);
    return out;
  }
}
