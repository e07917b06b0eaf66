/**
 * The labelled messages the problem classifier learns from (knowledge/nlu/problem-examples.json,
 * written by `npm run build:problem-examples`), out of the corpus's tuning data only: every item
 * of the tuning rounds (test/corpus/tuning/…, with its hand-written statements that state no
 * problem) and the tuning half of each split set (the main corpus, holdout/, holdout2/). No check
 * half goes in, so the check halves keep measuring phrasings the classifier never saw.
 * Complaint openers are labelled with their category, FAQ and out-of-scope questions `question`,
 * the statements `statement`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProblemExample } from '../../src/knowledge/schema.js';
import { halfOf, loadCorpus, loadHoldoutCorpus, loadTuningCorpus } from './corpus.js';

type Pool = ReturnType<typeof loadCorpus>;

/** Messages that state no problem: buying, praise, small talk (test/corpus/tuning/statements.json). */
export function loadStatements(): string[] {
  const file = join(import.meta.dirname, '..', 'corpus', 'tuning', 'statements.json');
  const schema = z.array(z.object({ text: z.string().min(1), lang: z.enum(['zh', 'en']) }).strict());
  return schema.parse(JSON.parse(readFileSync(file, 'utf8'))).map((s) => s.text);
}

function examplesOf(pool: Pool, onlyTuneHalf: boolean): ProblemExample[] {
  const keep = (text: string) => !onlyTuneHalf || halfOf(text) === 'tune';
  return [
    ...pool.starts.flatMap((s) => (s.category && keep(s.text) ? [{ text: s.text, label: s.category }] : [])),
    ...[...pool.faq, ...pool.outOfScope]
      .filter((q) => keep(q.q))
      .map((q) => ({ text: q.q, label: 'question' as const })),
  ];
}

/** The sets split into a tuning and a check half: the main corpus, holdout/, holdout2/. */
function splitSets(): Pool[] {
  return [loadCorpus(), loadHoldoutCorpus('holdout'), loadHoldoutCorpus('holdout2')];
}

/** Every message of the check halves of the split sets. */
export function checkHalfTexts(sets: readonly Pool[] = splitSets()): string[] {
  return sets.flatMap((set) =>
    [...set.starts.map((s) => s.text), ...set.faq.map((q) => q.q), ...set.outOfScope.map((q) => q.q)].filter(
      (text) => halfOf(text) === 'check',
    ),
  );
}

/** Every example, first occurrence of a text kept. */
export function buildProblemExamples(): ProblemExample[] {
  const split = splitSets();
  const all = [
    ...examplesOf(loadTuningCorpus('all'), false),
    ...loadStatements().map((text) => ({ text, label: 'statement' as const })),
    ...split.flatMap((set) => examplesOf(set, true)),
  ];
  // A text some check half also holds (a tuning round may repeat a common question) stays out.
  const seen = new Set(checkHalfTexts(split));
  return all.filter((e) => !seen.has(e.text) && seen.add(e.text));
}
