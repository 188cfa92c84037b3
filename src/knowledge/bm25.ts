/**
 * A small Okapi BM25 index over pre-tokenised documents. Chosen over MiniSearch after measuring
 * (scripts/eval.ts): the knowledge file is small, so an inverted index in plain maps answers in
 * microseconds and gives the IDF figures the confidence measure needs.
 */

/** BM25 parameters; b is low because phrasings are all short and similar in length. */
export interface Bm25Options {
  k1: number;
  b: number;
}

/** An inverted index; documents are numbered in the order they are added. */
export class Bm25Index {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private avgLength = 0;
  private totalLength = 0;

  constructor(private readonly opts: Bm25Options = { k1: 1.2, b: 0.3 }) {}

  /** Add a document; returns its number. */
  add(terms: readonly string[]): number {
    const id = this.lengths.length;
    this.lengths.push(terms.length);
    for (const t of terms) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(id, (p.get(id) ?? 0) + 1);
    }
    // A running total: recomputing the sum on every add made building quadratic.
    this.totalLength += terms.length;
    this.avgLength = this.totalLength / this.lengths.length;
    return id;
  }

  /** Number of documents. */
  get size(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency; a term never seen gets the highest value (df = 0). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** True when some document contains `term`. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Documents containing `term`. */
  docsWith(term: string): ReadonlyMap<number, number> | undefined {
    return this.postings.get(term);
  }

  /** BM25 score of every document sharing a term with the query; `query` maps term → weight. */
  score(query: ReadonlyMap<string, number>): Map<number, number> {
    const out = new Map<number, number>();
    const { k1, b } = this.opts;
    for (const [t, weight] of query) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t) * weight;
      for (const [doc, tf] of p) {
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]!) / (this.avgLength || 1));
        out.set(doc, (out.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
      }
    }
    return out;
  }
}
