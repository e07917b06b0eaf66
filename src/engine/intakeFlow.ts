import type { Interpretation } from '../nlu/types.js';
import type { ConversationRef } from '../handoff/ports.js';
import type { TurnContext } from './context.js';
import { caseCreatedReply } from './confirmOnce.js';
import { formatSummary } from './formatting.js';
import type { Attachment, Reply } from './message.js';
import { PHRASES, QUICK, REASK, SLOT_QUESTIONS, fill } from './phrases.js';
import { askSlot, faqReply, offHoursNote, say } from './replies.js';
import { applySlots, nextMissingSlot } from './intakeSlots.js';
import type { ConversationState, IntakeState } from './state.js';

/** Result of one intake step. `intake: null` ends the intake. */
export interface IntakeStep {
  replies: Reply[];
  intake: IntakeState | null;
  caseId?: string;
  outcome?: 'completed' | 'cancelled' | 'handed_over';
}

const MAX_FAILURES = 3;

/** A new intake, pre-filled from the message that started it. */
export function startIntake(
  interp: Interpretation,
  text: string,
  attachments: readonly Attachment[],
  at: string,
): IntakeState {
  const intake: IntakeState = {
    slots: { evidence: [], evidenceDone: false, contactDone: false },
    history: {},
    pending: 'category',
    failures: {},
    startedAt: at,
  };
  applySlots(intake, interp, text, attachments, at);
  return intake;
}

/** Asks for what is missing next, or shows the summary for confirmation. */
export function promptNext(intake: IntakeState, locale: ConversationState['locale']): Reply {
  const missing = nextMissingSlot(intake);
  if (missing) {
    intake.pending = missing;
    return askSlot(missing, locale);
  }
  intake.pending = 'confirm';
  return {
    text: `${formatSummary(intake.slots, locale)}\n${PHRASES.confirmHint[locale]}`,
    quickReplies: [...QUICK.confirm[locale]],
  };
}

/** One user message while a complaint is being taken. */
export async function continueIntake(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  interp: Interpretation,
  msg: { text: string; attachments: readonly Attachment[] },
  ref: ConversationRef,
): Promise<IntakeStep> {
  const locale = state.locale;
  const at = ctx.now().toISOString();

  if (interp.intent === 'cancel')
    return { replies: [say(PHRASES.intakeCancelled, locale)], intake: null, outcome: 'cancelled' };
  if (interp.intent === 'ask_human') {
    const { evidenceDone: _e, contactDone: _c, ...known } = intake.slots;
    const c = await ctx.desk.requestHuman({
      ...ref,
      locale,
      transcript: state.recent,
      reason: 'user asked for a person during complaint intake',
      partial: known,
    });
    const note = offHoursNote(ctx.desk.staffing(ctx.now()), locale, ctx.timeZone);
    const text = [fill(PHRASES.humanQueued[locale], { id: c.id }), note].filter(Boolean).join('\n');
    return { replies: [{ text }], intake: null, caseId: c.id, outcome: 'handed_over' };
  }

  if (intake.pending === 'confirm' && interp.intent === 'confirm') return submit(ctx, state, intake, ref);

  const changes = applySlots(intake, interp, msg.text, msg.attachments, at);
  const progressed = changes.filled.length + changes.corrected.length > 0;
  const replies: Reply[] = [];

  if (!progressed) {
    const entry = interp.intent === 'faq' && interp.faqId ? ctx.faq.byId(interp.faqId) : undefined;
    if (entry) {
      replies.push(faqReply(entry, locale, false), say(PHRASES.askAgainAfterFaq, locale));
    } else if (interp.intent === 'greeting' || interp.intent === 'thanks') {
      replies.push(say(PHRASES.askAgainAfterFaq, locale));
    } else if (interp.intent === 'deny' && intake.pending === 'confirm') {
      return { replies: [say(PHRASES.whichToChange, locale)], intake };
    } else if (interp.intent === 'case_status') {
      return { replies: [say(PHRASES.askAgainAfterFaq, locale), promptNext(intake, locale)], intake };
    } else {
      return reask(intake, interp, locale);
    }
  } else {
    delete intake.failures[intake.pending];
  }
  replies.push(promptNext(intake, locale));
  return { replies, intake };
}

function reask(intake: IntakeState, interp: Interpretation, locale: ConversationState['locale']): IntakeStep {
  const slot = intake.pending;
  const failures = (intake.failures[slot] ?? 0) + 1;
  intake.failures[slot] = failures;
  if (failures >= MAX_FAILURES) {
    return { replies: [say(PHRASES.offerHuman, locale, QUICK.human), promptNext(intake, locale)], intake };
  }
  if (slot === 'orderId' && interp.invalidOrderId) {
    return { replies: [{ text: fill(REASK.orderId[locale], { value: interp.invalidOrderId }) }], intake };
  }
  if (slot === 'contact' && interp.invalidContact) {
    return {
      replies: [
        {
          text: fill(REASK.contact[locale], { value: interp.invalidContact }),
          quickReplies: [...(SLOT_QUESTIONS.contact.quick?.[locale] ?? [])],
        },
      ],
      intake,
    };
  }
  if (slot === 'description') return { replies: [say(REASK.description, locale)], intake };
  const again = promptNext(intake, locale);
  return {
    replies: [{ ...again, text: `${REASK.generic[locale]}${locale === 'en' ? ' ' : ''}${again.text}` }],
    intake,
  };
}

async function submit(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  ref: ConversationRef,
): Promise<IntakeStep> {
  const s = intake.slots;
  if (!s.category || !s.orderId || !s.description || !s.resolution) {
    return { replies: [promptNext(intake, state.locale)], intake };
  }
  const locale = state.locale;
  // The case is durable in the store before the user hears its id; the reserved id makes a
  // retried confirm find the case instead of filing a second one (confirmOnce.ts).
  const c = await ctx.desk.openCase({
    ...ref,
    id: intake.caseId,
    category: s.category,
    orderId: s.orderId,
    description: s.description,
    evidence: s.evidence,
    resolution: s.resolution,
    contact: s.contact,
    locale,
    transcript: state.recent,
  });
  state.submitted = { caseId: c.id, at: ctx.now().toISOString() };
  return {
    replies: [caseCreatedReply(ctx, c, locale)],
    intake: null,
    caseId: c.id,
    outcome: 'completed',
  };
}
