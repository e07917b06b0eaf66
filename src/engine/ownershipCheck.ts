import type { ConversationRef } from '../domain/conversation.js';
import type { Owner } from '../handoff/ports.js';
import type { TurnContext } from './context.js';
import type { ConversationState } from './state.js';

/**
 * How long a check that found none of the user's cases open lets the bot answer without asking
 * the case store again. Only this conversation's turns can open a case for its user, and a turn
 * that does clears the mark (`caseOpened`), so the window matters only when a process died
 * between writing a case and saving the state that says so.
 */
export const NO_OPEN_CASE_MS = 5 * 60_000;

/**
 * Who answers this turn (handoff/ownership.ts), asking the case store unless the state says the
 * user had no open case a moment ago, or the channel says the user id is brand new (`newUser`).
 * A reserved case id (a confirm that may have filed a case before a crash) always asks.
 */
export async function currentOwner(
  ctx: TurnContext,
  state: ConversationState,
  ref: ConversationRef,
  newUser = false,
): Promise<Owner> {
  const now = ctx.now().getTime();
  if (newUser && !state.intake?.caseId) {
    state.noOpenCaseUntil = new Date(now + NO_OPEN_CASE_MS).toISOString();
    return { type: 'bot', openCases: 0 };
  }
  const until = state.noOpenCaseUntil ? Date.parse(state.noOpenCaseUntil) : NaN;
  if (until > now && until - now <= NO_OPEN_CASE_MS && !state.intake?.caseId) {
    return { type: 'bot', openCases: 0 };
  }
  const owner = await ctx.desk.ownerOf(ref);
  if (owner.type === 'bot' && owner.openCases === 0) {
    state.noOpenCaseUntil = new Date(now + NO_OPEN_CASE_MS).toISOString();
  } else {
    delete state.noOpenCaseUntil;
  }
  return owner;
}

/** The turn filed (or found) a case for this user: ownership is asked again from the next turn. */
export function caseOpened(state: ConversationState): void {
  delete state.noOpenCaseUntil;
}
