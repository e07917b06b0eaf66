/**
 * The paraphrase corpus (test/corpus/*.json): replies to each intake question, FAQ paraphrases,
 * out-of-scope near-misses and complaint openers, written from how people type in chats. Each
 * set is split into a tuning half and a check half by a fixed rule (FNV-1a of the text): rules
 * may be tuned on the first, the second only measures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CategorySchema } from '../../src/domain/case.js';
import { PendingQuestionSchema } from '../../src/domain/intake.js';

const Lang = z.enum(['zh', 'en']);

export const IntakeReplySchema = z.object({
  pending: PendingQuestionSchema,
  text: z.string().min(1),
  lang: Lang,
  expect: z.object({
    act: z.enum([
      'fill',
      'decline',
      'none',
      'affirm',
      'deny',
      'correct',
      'cancel',
      'human',
      'question',
      'invalid',
    ]),
    value: z.string().optional(),
    slot: z.string().optional(),
  }),
});
export type IntakeReply = z.infer<typeof IntakeReplySchema>;

export const QuestionSchema = z.object({ q: z.string().min(1), expected: z.string().nullable(), lang: Lang });
export type LabelledQuestion = z.infer<typeof QuestionSchema>;

export const ComplaintStartSchema = z.object({
  text: z.string().min(1),
  lang: Lang,
  category: CategorySchema.optional(),
});
export type ComplaintStart = z.infer<typeof ComplaintStartSchema>;

const DIR = join(import.meta.dirname, '..', 'corpus');

function load<T>(file: string, schema: z.ZodType<T>): T[] {
  return z.array(schema).parse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
}

/**
 * Separately written sets used only for tuning (test/corpus/tuning/, its round3/, round5/ and round6/, each by a
 * writer who never saw the rules): never part of a check half, so rules may be fitted to all of it.
 */
export function loadTuningCorpus(round: 'round2' | 'round3' | 'round5' | 'round6' | 'all' = 'all') {
  const dirs = {
    round2: ['tuning'],
    round3: ['tuning/round3'],
    round5: ['tuning/round5'],
    round6: ['tuning/round6'],
    all: ['tuning', 'tuning/round3', 'tuning/round5', 'tuning/round6'],
  }[round];
  const all = <T>(file: string, schema: z.ZodType<T>) =>
    dirs.flatMap((dir) => load(`${dir}/${file}`, schema));
  return {
    intake: all('intake-replies.json', IntakeReplySchema),
    faq: all('faq.json', QuestionSchema),
    outOfScope: all('out-of-scope.json', QuestionSchema),
    starts: all('complaint-starts.json', ComplaintStartSchema),
  };
}

/** The sets written blind after a round of fitting, each split like the main corpus. */
export const HOLDOUT_SETS = {
  /** Written after round 3 was fitted. */
  holdout: 'holdout',
  /** Written after round 6 was fitted (round 7). */
  holdout2: 'holdout2',
} as const;

/**
 * A set written blind after a round of fitting (test/corpus/holdout/, holdout2/), split like the
 * main corpus: the tuning half may be fitted, the check half only measures phrasings nobody here
 * has read.
 */
export function loadHoldoutCorpus(set: keyof typeof HOLDOUT_SETS = 'holdout') {
  const dir = HOLDOUT_SETS[set];
  return {
    intake: load(`${dir}/intake-replies.json`, IntakeReplySchema),
    faq: load(`${dir}/faq.json`, QuestionSchema),
    outOfScope: load(`${dir}/out-of-scope.json`, QuestionSchema),
    starts: load(`${dir}/complaint-starts.json`, ComplaintStartSchema),
  };
}

/** Every labelled set of the corpus. */
export function loadCorpus() {
  return {
    intake: load('intake-replies.json', IntakeReplySchema),
    faq: load('faq-paraphrases.json', QuestionSchema),
    outOfScope: load('out-of-scope.json', QuestionSchema),
    starts: load('complaint-starts.json', ComplaintStartSchema),
  };
}

export type Half = 'tune' | 'check';

/** The fixed split: FNV-1a (32-bit) of the text, even → tune, odd → check. */
export function halfOf(text: string): Half {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0 ? 'tune' : 'check';
}

/** Accuracy of one group, per half. */
export interface GroupScore {
  group: string;
  tune: { ok: number; total: number };
  check: { ok: number; total: number };
  misses: Array<{ half: Half; text: string; why: string }>;
}

export function newScore(group: string): GroupScore {
  return { group, tune: { ok: 0, total: 0 }, check: { ok: 0, total: 0 }, misses: [] };
}

export function tally(score: GroupScore, text: string, why: string | undefined): void {
  const half = halfOf(text);
  score[half].total += 1;
  if (why === undefined) score[half].ok += 1;
  else score.misses.push({ half, text, why });
}

export const rate = (x: { ok: number; total: number }): number => (x.total ? x.ok / x.total : 1);
