import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FaqIndex } from '../../src/knowledge/faqIndex.js';

export const EvalItemSchema = z.object({
  q: z.string().min(1),
  expected: z.string().nullable(),
  lang: z.enum(['zh', 'en']),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** The labelled questions (also the calibration set of the confidence thresholds). */
export function loadEvalSet(file = join(import.meta.dirname, 'questions.json')): EvalItem[] {
  return z.array(EvalItemSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface EvalReport {
  inScope: number;
  outOfScope: number;
  accuracy: number;
  refusalRate: number;
  failures: Array<{
    q: string;
    expected: string | null;
    got: string | null;
    score: number;
    coverage: number;
  }>;
}

/** Top-1 accuracy on in-scope questions (a refusal counts as wrong) and refusal rate on out-of-scope ones. */
export function runEval(index: FaqIndex, items: readonly EvalItem[]): EvalReport {
  let correct = 0;
  let refused = 0;
  const failures: EvalReport['failures'] = [];
  for (const item of items) {
    const [top] = index.search(item.q, 1);
    const got = top?.confident ? top.entry.id : null;
    const ok = got === item.expected;
    if (item.expected === null) refused += ok ? 1 : 0;
    else correct += ok ? 1 : 0;
    if (!ok)
      failures.push({
        q: item.q,
        expected: item.expected,
        got,
        score: top?.score ?? 0,
        coverage: top?.coverage ?? 0,
      });
  }
  const inScope = items.filter((i) => i.expected !== null).length;
  const outOfScope = items.length - inScope;
  return {
    inScope,
    outOfScope,
    accuracy: inScope ? correct / inScope : 0,
    refusalRate: outOfScope ? refused / outOfScope : 0,
    failures,
  };
}
