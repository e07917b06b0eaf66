import type { PendingQuestion } from '../domain/intake.js';
import { CORRECTION } from './lexicon.js';
import { CONTENT_TONE, PLAN_OR_NEWS, TROUBLE_TONE } from './messageCues.js';
import type { ProblemClassifier } from './problemClassifier.js';
import { storyFrom, storyPart } from './slotExtractors.js';
import type { Intent, SlotValues } from './types.js';

/** How sure the classifier must be that an unread opening message states a problem. */
const PROBLEM_MIN = 0.9;
/** How sure it must be of the kind of problem to fill the category. */
const CATEGORY_MIN = 0.7;
/** …and when the message answers "which kind of problem is it?". */
const CATEGORY_MIN_ANSWERING = 0.95;
/** Characters beyond which an answer to "which kind?" also tells what happened. */
const LONG_ANSWER = 12;
/** "还没想好 就是不爽", "说不清": no kind given, whatever the words around it suggest. */
const UNDECIDED =
  /没想好|不知道|说不清|说不好|不好说|不清楚|不确定|随便|\b(not sure|don'?t know|no idea|whatever|dunno)\b/;

/**
 * What the learned classifier adds where the rules leave a message unread: an opening message
 * no rule took for anything (neither a question the FAQ answers, nor a reply, nor another
 * company's business, nor news, a plan or praise) starts a complaint when it reads as a stated
 * problem, its text kept as the story; and a complaint (or an answer to "which kind of
 * problem") whose kind no keyword names gets the kind the classifier is sure of; a complaint the
 * rules opened from a story they kept no part of keeps the message as its story. Fills `slots`
 * in place; `unread` says the rules took the message for nothing (see RuleNlu.interpretSync).
 */
export function problemFallback(
  problems: ProblemClassifier | undefined,
  text: string,
  norm: string,
  pending: PendingQuestion | undefined,
  ruled: { intent: Intent; confidence: number },
  unread: boolean,
  slots: SlotValues,
): { intent: Intent; confidence: number } {
  const opening = !pending || pending === 'offer_human';
  const wantsKind = !slots.category && (ruled.intent === 'start_complaint' || pending === 'category');
  // "杯子收到就是裂的 订单号…": the rules opened a complaint but kept no story; "it's a quality
  // issue, the zipper broke after one day" answers "which kind?" with one.
  const answersKind =
    pending === 'category' && [...storyPart(text)].length >= LONG_ANSWER && !CORRECTION.test(norm);
  const wantsStory = !slots.description && ((opening && ruled.intent === 'start_complaint') || answersKind);
  if (!problems || !((opening && unread) || wantsKind || wantsStory)) return ruled;
  const guess = problems.guess(text);
  let result = ruled;
  const settled = CONTENT_TONE.test(norm) || (PLAN_OR_NEWS.test(norm) && !TROUBLE_TONE.test(norm));
  const states = !settled && guess.problem >= PROBLEM_MIN;
  if (opening && unread && states) result = { intent: 'start_complaint', confidence: guess.problem };
  if (((result.intent === 'start_complaint' && opening) || answersKind) && states && !slots.description) {
    const story = storyFrom(text);
    if (story) slots.description = story;
  }
  const complaint = result.intent === 'start_complaint' || pending === 'category';
  // Answering "which kind?" the user sees the choices again if unsure; a wrong guess costs more.
  const sure = pending === 'category' ? CATEGORY_MIN_ANSWERING : CATEGORY_MIN;
  if (
    !slots.category &&
    complaint &&
    !UNDECIDED.test(norm) &&
    guess.problem >= 0.5 &&
    guess.categoryProbability >= sure
  )
    slots.category = guess.category;
  return result;
}
