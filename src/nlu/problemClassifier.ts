import type { Category } from '../domain/case.js';
import type { ProblemExample } from '../knowledge/schema.js';
import { normalizeText } from '../knowledge/normalize.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z]{2,}/g;

/** Features of a message: its Han characters and character pairs, and its Latin words. */
export function featuresOf(text: string): string[] {
  const norm = normalizeText(text);
  const features: string[] = [];
  for (const match of norm.matchAll(HAN_RUN)) {
    const chars = Array.from(match[0]);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      features.push(ch);
      const next = chars[i + 1];
      if (next !== undefined) features.push(ch + next);
    }
  }
  for (const match of norm.matchAll(LATIN_WORD)) features.push(`w:${match[0]}`);
  return features;
}

/** Multinomial naive Bayes with add-α smoothing and equal class priors. */
class NaiveBayes<L extends string> {
  private readonly vocabulary: ReadonlySet<string>;
  /** Per label: log P(feature | label) of the features seen with it, and of those never seen. */
  private readonly seen = new Map<L, Map<string, number>>();
  private readonly unseen = new Map<L, number>();

  constructor(
    readonly labels: readonly L[],
    examples: ReadonlyArray<{ features: readonly string[]; label: L }>,
    alpha = 0.5,
  ) {
    this.vocabulary = new Set(examples.flatMap((e) => e.features));
    for (const label of labels) {
      const counts = new Map<string, number>();
      let total = 0;
      for (const e of examples) {
        if (e.label !== label) continue;
        for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
        total += e.features.length;
      }
      const denominator = Math.log(total + alpha * this.vocabulary.size);
      const table = new Map<string, number>();
      for (const [f, n] of counts) table.set(f, Math.log(n + alpha) - denominator);
      this.seen.set(label, table);
      this.unseen.set(label, Math.log(alpha) - denominator);
    }
  }

  /** Posterior probability of each label (features no example had are skipped; none known: uniform). */
  posterior(features: readonly string[]): Map<L, number> {
    const known = features.filter((f) => this.vocabulary.has(f));
    if (known.length === 0) return new Map(this.labels.map((l) => [l, 1 / this.labels.length]));
    const scores = this.labels.map((label) => {
      const table = this.seen.get(label);
      const unseen = this.unseen.get(label) ?? 0;
      let score = 0;
      for (const f of known) score += table?.get(f) ?? unseen;
      return score;
    });
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return new Map(this.labels.map((l, i) => [l, (exp[i] ?? 0) / sum]));
  }
}

/** What the classifier reads in a message: whether it states a problem, and of which kind. */
export interface ProblemGuess {
  /** Probability that the message states a problem with an order (rather than asks something). */
  problem: number;
  /** The most likely kind of problem, and its probability among the four. */
  category: Category;
  categoryProbability: number;
}

const CATEGORIES: readonly Category[] = ['quality', 'logistics', 'after_sales', 'other'];
const isCategory = (label: ProblemExample['label']): label is Category =>
  (CATEGORIES as readonly string[]).includes(label);

/**
 * A learned fallback for messages the keyword rules don't recognise: naive Bayes over character
 * pairs, trained at start-up on `knowledge/nlu/problem-examples.json`. One model tells a stated
 * problem from a question and from a statement of anything else; another the kind of problem. The rules stay first; this only reads
 * what they leave unread ("羽绒服钻绒钻得厉害", a defect no keyword list names).
 */
export class ProblemClassifier {
  private readonly isProblem: NaiveBayes<'problem' | 'question' | 'statement'>;
  private readonly kind: NaiveBayes<Category>;

  constructor(examples: readonly ProblemExample[]) {
    const featured = examples.map((e) => ({ features: featuresOf(e.text), label: e.label }));
    this.isProblem = new NaiveBayes(
      ['problem', 'question', 'statement'],
      featured.map((e) => ({ features: e.features, label: isCategory(e.label) ? 'problem' : e.label })),
    );
    this.kind = new NaiveBayes(
      CATEGORIES,
      featured.flatMap((e) => (isCategory(e.label) ? [{ features: e.features, label: e.label }] : [])),
    );
  }

  guess(text: string): ProblemGuess {
    const features = featuresOf(text);
    const kinds = this.kind.posterior(features);
    let category: Category = 'other';
    let categoryProbability = -1;
    for (const [label, p] of kinds) if (p > categoryProbability) [category, categoryProbability] = [label, p];
    return { problem: this.isProblem.posterior(features).get('problem') ?? 0, category, categoryProbability };
  }
}
