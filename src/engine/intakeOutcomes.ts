import type { ConversationRef } from '../domain/conversation.js';
import type { Locale } from '../domain/locale.js';
import type { Reply } from '../domain/message.js';
import type { TurnContext, TurnRef } from './context.js';
import { caseIdForMessage } from '../domain/caseId.js';
import { conversationId } from '../domain/conversation.js';
import { caseCreatedReply } from './confirmOnce.js';
import { missingSlots } from './intakeSlots.js';
import { PHRASES } from './phrases.js';
import { fill } from '../domain/template.js';
import { offHoursNote, say } from './replies.js';
import type { ConversationState, IntakeState } from './state.js';
import { recentTranscript } from './transcript.js';

/** Result of one intake step. `intake: null` ends the intake. */
export interface IntakeStep {
  replies: Reply[];
  intake: IntakeState | null;
  caseId?: string;
  outcome?: 'completed' | 'cancelled' | 'handed_over';
}

/** Ends the intake without a case. */
export function cancelIntake(locale: Locale): IntakeStep {
  return { replies: [say(PHRASES.intakeCancelled, locale)], intake: null, outcome: 'cancelled' };
}

/**
 * The id a hand-over opens its case under: derived from the message when it has an id, so the
 * same message retried after a crash names the same case; else a fresh one.
 */
export function handoffCaseId(ctx: TurnContext, ref: TurnRef): string | undefined {
  return ref.messageId
    ? caseIdForMessage(ctx.caseIdKey, conversationId(ref), ref.messageId, ctx.now(), ctx.timeZone)
    : undefined;
}

/**
 * Hands the complaint to a person as it stands: a case with what has been filled, marked
 * incomplete with the fields still missing, queued like any other.
 */
export async function handOver(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  ref: TurnRef,
  reason: string,
  phrase: Record<Locale, string> = PHRASES.humanQueued,
): Promise<IntakeStep> {
  const locale = state.locale;
  const { evidenceDone: _e, contactDone: _c, ...known } = intake.slots;
  const c = await ctx.desk.requestHuman({
    channel: ref.channel,
    userId: ref.userId,
    id: handoffCaseId(ctx, ref),
    locale,
    transcript: await recentTranscript(ctx, ref),
    reason,
    partial: known,
    missing: missingSlots(intake),
  });
  const note = offHoursNote(ctx, locale);
  const text = [fill(phrase[locale], { id: c.id }), note].filter(Boolean).join('\n');
  return { replies: [{ text }], intake: null, caseId: c.id, outcome: 'handed_over' };
}

/** Files the complete complaint; the case is durable before the user hears its id. */
export async function submitIntake(
  ctx: TurnContext,
  state: ConversationState,
  intake: IntakeState,
  ref: ConversationRef,
): Promise<IntakeStep> {
  const s = intake.slots;
  const locale = state.locale;
  if (!s.category || !s.orderId || !s.description || !s.resolution) {
    return { replies: [say(PHRASES.confirmHint, locale)], intake };
  }
  // The reserved id makes a retried confirm find the case instead of filing a second one (confirmOnce.ts).
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
    transcript: await recentTranscript(ctx, ref),
  });
  state.submitted = { caseId: c.id, at: ctx.now().toISOString() };
  return {
    replies: [caseCreatedReply(ctx, c, locale)],
    intake: null,
    caseId: c.id,
    outcome: 'completed',
  };
}
