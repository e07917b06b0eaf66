/**
 * One case per intake, however often it is confirmed.
 *
 * - The case id is reserved in the intake state the first time the summary is shown (the turn
 *   that shows it saves the state anyway, so the reservation costs no extra write). Every confirm
 *   of that intake — concurrent, retried, or repeated after a crash between the case write and the
 *   state save — opens the case under that id, and the idempotent `CaseStore.create` hands back
 *   the case already written instead of a second one.
 * - After a confirm the state remembers the case; if the next message is a confirm again (the
 *   user retrying because the answer was lost), it answers with the same case id and due dates.
 */
import type { Case } from '../domain/case.js';
import { newCaseId } from '../domain/caseId.js';
import type { ConversationRef } from '../domain/conversation.js';
import type { TurnContext, TurnResult } from './context.js';
import { formatDay } from './formatting.js';
import type { Locale } from '../domain/locale.js';
import type { Reply } from '../domain/message.js';
import { PHRASES } from './phrases.js';
import { fill } from '../domain/template.js';
import { offHoursNote } from './replies.js';
import { SLOT_ORDER } from '../domain/intake.js';
import type { ConversationState } from './state.js';

/** A repeated confirm is recognised for this long after the case was filed. */
const REPEAT_WINDOW_MS = 24 * 3600 * 1000;

/** Reserves the case id once the summary is up for confirmation (kept through corrections). */
export function reserveCaseId(ctx: TurnContext, state: ConversationState): void {
  const intake = state.intake;
  if (intake?.pending === 'confirm' && !intake.caseId) intake.caseId = newCaseId(ctx.now(), ctx.timeZone);
}

/** "Your complaint is filed as case …": the same text for the first confirm and every repeat. */
export function caseCreatedReply(ctx: TurnContext, c: Case, locale: Locale): Reply {
  const text = fill(PHRASES.caseCreated[locale], {
    id: c.id,
    first: formatDay(c.firstResponseDue, locale, ctx.timeZone),
    due: formatDay(c.resolutionDue, locale, ctx.timeZone),
  });
  const note = offHoursNote(ctx, locale);
  return { text: [text, note].filter(Boolean).join('\n') };
}

/**
 * The message right after a confirm, when it is a confirm again: answers with the case filed
 * then. Anything else ends the window (returns undefined; the turn goes on as usual).
 */
export async function repeatedConfirm(
  ctx: TurnContext,
  state: ConversationState,
  ref: ConversationRef,
  text: string,
): Promise<Omit<TurnResult, 'state'> | undefined> {
  const submitted = state.submitted;
  if (!submitted) return undefined;
  state.submitted = undefined;
  if (!text || ctx.now().getTime() - Date.parse(submitted.at) > REPEAT_WINDOW_MS) return undefined;
  // Would this text have confirmed the summary? Ask the NLU as if the summary were still up.
  const probe = await ctx.nlu.interpret(text, {
    locale: state.locale,
    pending: 'confirm',
    filled: [...SLOT_ORDER],
  });
  if (probe.intent !== 'confirm') return undefined;
  const c = (await ctx.desk.listCases(ref)).find((x) => x.id === submitted.caseId);
  if (!c) return undefined;
  state.submitted = submitted;
  ctx.hooks?.onTurn?.({ intent: 'confirm', channel: ref.channel, fallback: false });
  return { replies: [caseCreatedReply(ctx, c, state.locale)], intent: 'confirm', caseId: c.id };
}
