/** A scored document id. */
export interface Bm25Hit {
  doc: number;
  score: number;
  /** Share of the query's IDF mass found in this document (0..1). */
  coverage: number;
}

interface Posting {
  doc: number;
  tf: number;
}

/**
 * Okapi BM25 over pre-tokenized documents with an inverted index, so a query costs
 * O(postings of its terms), not O(documents).
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting[]>();
  private readonly docLengths: number[] = [];
  private avgLength = 0;

  constructor(
    docs: readonly (readonly string[])[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    docs.forEach((tokens, doc) => {
      this.docLengths.push(tokens.length);
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, tf });
      }
    });
    const total = this.docLengths.reduce((a, n) => a + n, 0);
    this.avgLength = docs.length ? total / docs.length : 0;
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Inverse document frequency; a term no document has gets the highest possible value. */
  idf(term: string): number {
    const n = this.docLengths.length;
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The best `limit` documents for the query tokens, highest score first. */
  search(queryTokens: readonly string[], limit: number): Bm25Hit[] {
    const unique = [...new Set(queryTokens)];
    const scores = new Map<number, number>();
    const matchedIdf = new Map<number, number>();
    let totalIdf = 0;
    for (const term of unique) {
      const idf = this.idf(term);
      totalIdf += idf;
      const list = this.postings.get(term);
      if (!list) continue;
      for (const { doc, tf } of list) {
        const len = this.docLengths[doc] ?? 0;
        const norm = tf + this.k1 * (1 - this.b + (this.b * len) / (this.avgLength || 1));
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * (tf * (this.k1 + 1))) / norm);
        matchedIdf.set(doc, (matchedIdf.get(doc) ?? 0) + idf);
      }
    }
    // Keep only the best `limit` hits (insertion into a short sorted list): no full sort of a large index.
    const top: Bm25Hit[] = [];
    for (const [doc, score] of scores) {
      if (top.length === limit && score <= (top[top.length - 1]?.score ?? -Infinity)) continue;
      const hit = { doc, score, coverage: totalIdf > 0 ? (matchedIdf.get(doc) ?? 0) / totalIdf : 0 };
      let i = top.length;
      while (i > 0 && (top[i - 1]?.score ?? 0) < score) i--;
      top.splice(i, 0, hit);
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
