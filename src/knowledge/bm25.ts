/** A scored document id. */
export interface Bm25Hit {
  doc: number;
  score: number;
  /** Share of the query's IDF mass found in this document (0..1). */
  coverage: number;
}

/** Postings of one term: document ids and each document's precomputed BM25 weight for the term. */
interface Postings {
  docs: Int32Array;
  weights: Float32Array;
  idf: number;
}

/**
 * Okapi BM25 over pre-tokenized documents. Each posting stores its finished weight
 * (idf × saturated tf), so a query is a sum over its terms' postings into a flat score array —
 * no per-query allocation proportional to the vocabulary, and no full sort.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly docCount: number;
  private readonly scores: Float64Array;
  private readonly matched: Float64Array;
  private readonly touched: Int32Array;

  constructor(docs: readonly (readonly string[])[], k1 = 1.2, b = 0.75) {
    this.docCount = docs.length;
    const lengths = docs.map((d) => d.length);
    const avg = lengths.reduce((a, n) => a + n, 0) / (docs.length || 1) || 1;
    const raw = new Map<string, { docs: number[]; tfs: number[] }>();
    docs.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = raw.get(term);
        if (!list) raw.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(tf);
      }
    });
    for (const [term, list] of raw) {
      const idf = this.idfFor(list.docs.length);
      const weights = new Float32Array(list.docs.length);
      list.docs.forEach((doc, i) => {
        const tf = list.tfs[i] ?? 0;
        const norm = tf + k1 * (1 - b + (b * (lengths[doc] ?? 0)) / avg);
        weights[i] = (idf * (tf * (k1 + 1))) / norm;
      });
      this.postings.set(term, { docs: Int32Array.from(list.docs), weights, idf });
    }
    this.scores = new Float64Array(this.docCount);
    this.matched = new Float64Array(this.docCount);
    this.touched = new Int32Array(this.docCount);
  }

  get size(): number {
    return this.docCount;
  }

  private idfFor(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** Inverse document frequency; a term no document has gets the highest possible value. */
  idf(term: string): number {
    return this.postings.get(term)?.idf ?? this.idfFor(0);
  }

  /** The best `limit` documents for the query tokens, highest score first. */
  search(queryTokens: readonly string[], limit: number): Bm25Hit[] {
    const { scores, matched, touched } = this;
    let touchedCount = 0;
    let totalIdf = 0;
    for (const term of new Set(queryTokens)) {
      const list = this.postings.get(term);
      const idf = list?.idf ?? this.idfFor(0);
      totalIdf += idf;
      if (!list) continue;
      const { docs, weights } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        if (matched[doc] === 0) touched[touchedCount++] = doc;
        scores[doc] = (scores[doc] as number) + (weights[i] as number);
        matched[doc] = (matched[doc] as number) + idf;
      }
    }
    // Keep the best `limit` (insertion into a short sorted list), then reset what we touched.
    const top: Bm25Hit[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      const score = scores[doc] as number;
      if (top.length < limit || score > (top[top.length - 1]?.score ?? -Infinity)) {
        let at = top.length;
        while (at > 0 && (top[at - 1]?.score ?? 0) < score) at--;
        top.splice(at, 0, { doc, score, coverage: totalIdf > 0 ? (matched[doc] as number) / totalIdf : 0 });
        if (top.length > limit) top.pop();
      }
      scores[doc] = 0;
      matched[doc] = 0;
    }
    return top;
  }
}
