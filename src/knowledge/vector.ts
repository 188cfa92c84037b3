/**
 * TF-IDF cosine similarity over short texts (one vector per phrasing), with an inverted index so a
 * question only touches the phrasings that share a term with it. For one-line questions against
 * one-line phrasings cosine beats BM25: it punishes a phrasing for the words the question lacks as
 * much as the question for the words the phrasing lacks (measured in scripts/eval.ts).
 */

/** A term with its weight before IDF (words 1, bigrams and concepts less). */
export type Terms = ReadonlyMap<string, number>;

/** An index of sparse vectors; documents are numbered in the order they are added. */
export class CosineIndex {
  private readonly raw: Terms[] = [];
  private readonly df = new Map<string, number>();
  private postings = new Map<string, [number, number][]>();
  private norms: number[] = [];
  /** Scratch accumulator for `score`, one slot per document (reused; zeroed after each query). */
  private acc = new Float64Array(0);

  /** Add a document; returns its number. Call `build()` after the last one. */
  add(terms: Terms): number {
    this.raw.push(terms);
    for (const t of terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    return this.raw.length - 1;
  }

  /** Smoothed IDF; a term no document has gets the highest value. */
  idf(term: string): number {
    const n = this.raw.length;
    return Math.log((n + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  /** True when some document has `term`. */
  has(term: string): boolean {
    return this.df.has(term);
  }

  /** Weigh every document by IDF and build the postings. */
  build(): void {
    this.postings = new Map();
    this.norms = this.raw.map((terms, doc) => {
      let sq = 0;
      for (const [t, w] of terms) {
        const x = w * this.idf(t);
        sq += x * x;
        let p = this.postings.get(t);
        if (!p) {
          p = [];
          this.postings.set(t, p);
        }
        p.push([doc, x]);
      }
      return Math.sqrt(sq) || 1;
    });
  }

  /** Cosine of the query with every document sharing a term; the query norm counts unknown terms too. */
  score(query: Terms): Map<number, number> {
    // Accumulate in a typed array: cheaper than a Map update per posting (long questions touch most documents).
    if (this.acc.length !== this.raw.length) this.acc = new Float64Array(this.raw.length);
    const acc = this.acc;
    const touched: number[] = [];
    let sq = 0;
    for (const [t, w] of query) {
      const q = w * this.idf(t);
      sq += q * q;
      const p = this.postings.get(t);
      if (!p) continue;
      for (const [doc, x] of p) {
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] = acc[doc]! + q * x;
      }
    }
    const qn = Math.sqrt(sq) || 1;
    const out = new Map<number, number>();
    for (const doc of touched) {
      out.set(doc, acc[doc]! / (qn * this.norms[doc]!));
      acc[doc] = 0;
    }
    return out;
  }
}
