import type { SlotName } from '../domain/intake.js';
import type { Interpretation, SlotValues } from '../nlu/types.js';
import type { TurnContext, TurnRef } from './context.js';
import { cancelIntake, handOver, submitIntake, type IntakeStep } from './intakeOutcomes.js';
import { missedAnswer } from './intakeMisses.js';
import { applySlots, hasAnswers, type SlotChanges } from './intakeSlots.js';
import { formatSlotList } from './formatting.js';
import { caseStatusReplies } from './caseStatus.js';
import { fill } from '../domain/template.js';
import type { Locale } from '../domain/locale.js';
import type { Attachment, Reply } from '../domain/message.js';
import { PHRASES, QUICK } from './phrases.js';
import { faqReply, say } from './replies.js';
import { promptNext } from './intakePrompt.js';
import type { ConversationState, IntakeState } from './state.js';

export type { IntakeStep } from './intakeOutcomes.js';
export { promptNext } from './intakePrompt.js';

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

/** Only the pending slot's value, for a message that is mainly a question. */
function onlyPendingSlot(interp: Interpretation, pending: IntakeState['pending']): Interpretation {
  if (pending === 'confirm') return { ...interp, slots: {} };
  const slots: SlotValues = {};
  const key = pending as keyof SlotValues;
  if (interp.slots[key] !== undefined) Object.assign(slots, { [key]: interp.slots[key] });
  return { ...interp, slots };
}

/**
 * A line saying what a message changed besides the answer to the question asked ("好的，已记下诉求：
 * 换货。" when the bot had asked for evidence), so an answer given out of turn, or a correction, is
 * never taken in silence. Nothing at the summary, which shows every change itself.
 */
function notedBesides(
  asked: IntakeState['pending'],
  changes: SlotChanges,
  intake: IntakeState,
  locale: Locale,
): Reply[] {
  if (asked === 'confirm') return [];
  const filled = changes.filled.filter((slot) => slot !== asked);
  const corrected = changes.corrected.filter((slot) => slot !== asked);
  // A cut value ends the line with its "…", not "…。".
  const line = (phrase: 'noted' | 'updated', slots: SlotName[]) =>
    fill(PHRASES[phrase][locale], { items: formatSlotList(intake.slots, slots, locale) }).replace(
      /…[.。]$/,
      '…',
    );
  const lines = [
    ...(filled.length ? [line('noted', filled)] : []),
    ...(corrected.length ? [line('updated', corrected)] : []),
    ...(changes.added.length ? [PHRASES.addedToStory[locale]] : []),
  ];
  return lines.length ? [{ text: lines.join(locale === 'zh-CN' ? '' : ' ') }] : [];
}

/**
 * One user message while a complaint is being taken: cancel (explicit, or confirmed when the
 * intake already holds answers), a person, submit, an FAQ question, answers and corrections —
 * and for anything else the failure policy of intakeMisses.ts, which always ends.
 */
export async function continueIntake(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  interp: Interpretation,
  msg: { text: string; attachments: readonly Attachment[] },
  ref: TurnRef,
): Promise<IntakeStep> {
  const locale = state.locale;
  const at = ctx.now().toISOString();

  if (intake.interruption === 'confirm_cancel') {
    delete intake.interruption;
    if (interp.intent === 'confirm' || interp.intent === 'cancel') return cancelIntake(locale);
    if (interp.intent === 'deny')
      return { replies: [say(PHRASES.cancelKept, locale), promptNext(intake, locale)], intake };
    // Neither yes nor no: read the message as an answer to the question that was pending.
  }
  if (interp.intent === 'cancel') return cancelIntake(locale);
  if (interp.intent === 'ask_human')
    return handOver(ctx, state, intake, ref, 'user asked for a person during complaint intake');

  if (interp.act === 'abandon') {
    // A vague "never mind" never silently drops answers: with some given, it asks first. (At an
    // optional question the rules read "算了" as "skip this" — decline or none — and only a bare
    // "取消" as abandon, which may mean the complaint.)
    if (!hasAnswers(intake)) return cancelIntake(locale);
    intake.interruption = 'confirm_cancel';
    return { replies: [say(PHRASES.confirmCancel, locale, QUICK.yesNo)], intake };
  }

  if (intake.pending === 'confirm' && interp.intent === 'confirm')
    return submitIntake(ctx, state, intake, ref);

  const entry = interp.intent === 'faq' && interp.faqId ? ctx.faq.byId(interp.faqId) : undefined;
  const asked = intake.pending;
  const changes = applySlots(
    intake,
    entry ? onlyPendingSlot(interp, intake.pending) : interp,
    entry ? '' : msg.text,
    msg.attachments,
    at,
  );
  const progressed = changes.filled.length + changes.corrected.length + changes.added.length > 0;
  if (progressed) delete intake.failures[intake.pending];

  if (entry) {
    const replies = [faqReply(entry, locale, false), say(PHRASES.askAgainAfterFaq, locale)];
    return { replies: [...replies, promptNext(intake, locale)], intake };
  }
  if (progressed)
    return { replies: [...notedBesides(asked, changes, intake, locale), promptNext(intake, locale)], intake };

  if (interp.intent === 'case_status') {
    // "我的投诉进度" mid-complaint: the cases already filed, then back to this one.
    const status = await caseStatusReplies(ctx, ref, locale);
    return {
      replies: [...status, say(PHRASES.askAgainAfterFaq, locale), promptNext(intake, locale)],
      intake,
    };
  }
  // "等一下我查查": no answer yet, and no miss either.
  if (interp.waiting) return { replies: [say(PHRASES.takeYourTime, locale)], intake };
  if (interp.intent === 'greeting' || interp.intent === 'thanks')
    return { replies: [say(PHRASES.askAgainAfterFaq, locale), promptNext(intake, locale)], intake };
  return missedAnswer(ctx, state, intake, interp, ref);
}
