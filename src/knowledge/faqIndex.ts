import { Bm25Index } from './bm25.js';
import type { FaqEntry, OutOfScopeFile } from './schema.js';
import { normalizeText } from './normalize.js';
import { Tokenizer } from './tokenizer.js';

const NAMES_TMALL = /天猫|tmall|tianmao/;

/** A retrieved FAQ entry with its scores. */
export interface FaqMatch {
  entry: FaqEntry;
  score: number;
  coverage: number;
  /** Above the calibrated confidence threshold: safe to answer with this entry. */
  confident: boolean;
  /** 0..1 confidence derived from score and coverage (for NLU and metrics). */
  confidence: number;
}

/**
 * Confidence thresholds, calibrated on `test/eval/questions.json` with the real knowledge
 * base (checked by test/knowledge/retrieval.test.ts and `npm run eval`). BM25 scores depend on index size: recalibrate
 * when the knowledge base grows a lot.
 */
export const DEFAULT_THRESHOLDS = { minScore: 2.5, minCoverage: 0.14 };

export interface FaqIndexOptions {
  synonyms?: readonly (readonly string[])[];
  /** Out-of-scope topics (decoys: when one wins, no entry is confident) and other platforms' names. */
  outOfScope?: Pick<OutOfScopeFile, 'topics' | 'otherPlatforms'>;
  thresholds?: { minScore: number; minCoverage: number };
}

/** Text an entry is indexed by: its questions, title and tags weigh most, the answer once. */
function entryText(e: FaqEntry): string {
  return [
    e.title.zh,
    e.title.en,
    ...e.questions.zh,
    ...e.questions.en,
    e.tags.join(' '),
    e.tags.join(' '),
    e.answer.zh,
    e.answer.en,
  ].join('\n');
}

/** BM25 index over FAQ entries. Build once at start-up; `search` is synchronous and fast. */
export class FaqIndex {
  readonly tokenizer: Tokenizer;
  private readonly bm25: Bm25Index;
  private readonly thresholds: { minScore: number; minCoverage: number };
  private readonly decoyIds: string[];
  private readonly otherPlatforms: RegExp | undefined;
  /** Each entry's `requires`, normalized and widened by the synonym groups (电话 also lets 热线 in). */
  private readonly requiredTerms = new Map<string, string[]>();

  constructor(
    readonly entries: readonly FaqEntry[],
    options: FaqIndexOptions = {},
  ) {
    this.tokenizer = new Tokenizer(options.synonyms ?? []);
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    const decoys = options.outOfScope?.topics ?? [];
    this.decoyIds = decoys.map((d) => d.id);
    const platforms = (options.outOfScope?.otherPlatforms ?? []).map((p) => normalizeText(p).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.otherPlatforms = platforms.length ? new RegExp(platforms.map((p) => (/^[a-z]/.test(p) ? `\\b${p}\\b` : /^\d+$/.test(p) ? `(?<!\\d)${p}(?!\\d)` : p)).join('|')) : undefined;
    const groups = (options.synonyms ?? []).map((g) => g.map((t) => normalizeText(t).trim()));
    for (const e of entries) {
      if (!e.requires) continue;
      const terms = new Set(e.requires.map((t) => normalizeText(t)));
      for (const group of groups) if (group.some((t) => terms.has(t))) for (const t of group) terms.add(t);
      this.requiredTerms.set(e.id, [...terms]);
    }
    this.bm25 = new Bm25Index([
      ...entries.map((e) => this.tokenizer.tokenize(entryText(e))),
      ...decoys.map((d) => this.tokenizer.tokenize([...d.questions.zh, ...d.questions.en].join('\n'))),
    ]);
  }

  /** Best entries for a user question, best first. */
  search(query: string, limit = 3): FaqMatch[] {
    const tokens = this.tokenizer.tokenize(query);
    if (tokens.length === 0) return [];
    const hits = this.bm25.search(tokens, limit + this.decoyIds.length);
    // An out-of-scope topic beats every entry: nothing is confident.
    const normalized = normalizeText(query);
    // Another platform named wins too, unless Tmall is named as well ("天猫上买的华为手机…").
    const decoyWins =
      (hits[0] !== undefined && hits[0].doc >= this.entries.length) ||
      ((this.otherPlatforms?.test(normalized) ?? false) && !NAMES_TMALL.test(normalized));
    // An entry whose required terms the question lacks is not a candidate at all.
    return hits
      .flatMap((hit) => {
        const entry = this.entries[hit.doc];
        if (!entry) return [];
        const required = this.requiredTerms.get(entry.id);
        if (required && !required.some((term) => normalized.includes(term))) return [];
        const { minScore, minCoverage } = this.thresholds;
        const confident = !decoyWins && hit.score >= minScore && hit.coverage >= minCoverage;
        const confidence = Math.min(1, (hit.score / (minScore * 2)) * Math.min(1, hit.coverage / minCoverage));
        return [{ entry, score: hit.score, coverage: hit.coverage, confident, confidence }];
      })
      .slice(0, limit);
  }

  /** Whether the (normalized) text names another platform, shop or service (knowledge/out-of-scope.json). */
  namesOtherPlatform(normalized: string): boolean {
    return this.otherPlatforms?.test(normalized) ?? false;
  }

  /**
   * For a long message whose whole text matched nothing confidently ("阿姨你好，我不太会用手机，
   * 就想问问投诉打哪个号码，写大点"): the most confident match among its question clauses, unless
   * the whole message leans to an out-of-scope topic or names another platform.
   */
  bestClause(query: string, clauses: readonly string[]): FaqMatch | undefined {
    const normalized = normalizeText(query);
    if (this.otherPlatforms?.test(normalized)) return undefined;
    const top = this.bm25.search(this.tokenizer.tokenize(query), 1)[0];
    if (top && top.doc >= this.entries.length) return undefined;
    let best: FaqMatch | undefined;
    for (const clause of clauses) {
      const match = this.best(clause);
      if (match && (!best || match.confidence > best.confidence)) best = match;
    }
    return best;
  }

  /** The confident best match, or undefined when the bot should say it is not sure. */
  best(query: string): FaqMatch | undefined {
    const [top] = this.search(query, 1);
    return top?.confident ? top : undefined;
  }

  byId(id: string): FaqEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }
}
