import { OPTIONAL_SLOTS } from '../domain/intake.js';
import type { Reply } from '../domain/message.js';
import type { Interpretation } from '../nlu/types.js';
import type { TurnContext, TurnRef } from './context.js';
import { handOver, type IntakeStep } from './intakeOutcomes.js';
import { declineSlot } from './intakeSlots.js';
import { PHRASES, QUICK, REASK, REASK_WITH_EXAMPLES, SLOT_QUESTIONS } from './phrases.js';
import { fill } from '../domain/template.js';
import { say } from './replies.js';
import type { ConversationState, IntakeState } from './state.js';
import { promptNext } from './intakePrompt.js';

/** Misses on one optional question before it is recorded as "not given". */
export const OPTIONAL_MISSES = 2;
/** Misses on one required question before the complaint goes to a person as it stands. */
export const REQUIRED_MISSES = 3;

/**
 * The failure policy: a reply that did not answer the pending question. An optional slot is
 * skipped after two misses; a required one (or the summary) is re-asked specifically, then with
 * examples and buttons, and the third miss hands the complaint to a person with what is filled.
 * No question is asked more than three times.
 */
export async function missedAnswer(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  interp: Interpretation,
  ref: TurnRef,
): Promise<IntakeStep> {
  const locale = state.locale;
  const pending = intake.pending;
  const misses = (intake.failures[pending] ?? 0) + 1;
  intake.failures[pending] = misses;

  if (pending !== 'confirm' && OPTIONAL_SLOTS.has(pending)) {
    if (misses >= OPTIONAL_MISSES) {
      declineSlot(intake, pending, ctx.now().toISOString());
      delete intake.failures[pending];
      return { replies: [say(PHRASES.slotSkipped, locale), promptNext(intake, locale)], intake };
    }
    return { replies: [firstReask(intake, interp, state.locale)], intake };
  }
  if (misses >= REQUIRED_MISSES)
    return handOver(
      ctx,
      state,
      intake,
      ref,
      `complaint intake stalled at "${pending}"`,
      PHRASES.handedOverIncomplete,
    );
  if (misses === 1) return { replies: [firstReask(intake, interp, locale)], intake };
  const quick =
    pending === 'confirm'
      ? QUICK.confirm
      : pending === 'orderId'
        ? QUICK.human
        : SLOT_QUESTIONS[pending].quick;
  return { replies: [say(REASK_WITH_EXAMPLES[pending], locale, quick)], intake };
}

/** The first re-ask: specific to what was wrong when we can tell, else the question again. */
function firstReask(intake: IntakeState, interp: Interpretation, locale: ConversationState['locale']): Reply {
  const slot = intake.pending;
  if (slot === 'confirm' && interp.intent === 'deny') return say(PHRASES.whichToChange, locale);
  if (slot === 'orderId' && interp.act === 'none')
    return say(REASK_WITH_EXAMPLES.orderId, locale, QUICK.human);
  if (slot === 'orderId' && interp.invalidOrderId)
    return { text: fill(REASK.orderId[locale], { value: interp.invalidOrderId }) };
  if (slot === 'contact' && interp.invalidContact)
    return {
      text: fill(REASK.contact[locale], { value: interp.invalidContact }),
      quickReplies: [...(SLOT_QUESTIONS.contact.quick?.[locale] ?? [])],
    };
  if (slot === 'contact' && interp.act === 'affirm')
    return say(PHRASES.contactNumberPlease, locale, SLOT_QUESTIONS.contact.quick);
  if (slot === 'description') return say(REASK.description, locale);
  const again = promptNext(intake, locale);
  return { ...again, text: `${REASK.generic[locale]}${locale === 'en' ? ' ' : ''}${again.text}` };
}
