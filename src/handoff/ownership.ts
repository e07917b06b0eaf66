import type { ConversationRef } from '../domain/conversation.js';
import type { CaseStore } from '../store/types.js';
import type { Owner } from './ports.js';

/**
 * Who answers a conversation, derived from its cases — the one source of truth, as in Chatwoot
 * where a conversation's status is the bot/human handoff state: an agent while one of the user's
 * cases is assigned (the one claimed last), otherwise the bot. Claim and resolve write only the
 * case, so no separate owner record can be left behind by a crash between two writes.
 *
 * Read on every turn, so it asks the case store for that one row (`findAssigned`: an indexed
 * query, no events or transcript), not for the user's cases.
 */
export async function ownerOf(cases: CaseStore, ref: ConversationRef): Promise<Owner> {
  const held = await cases.findAssigned(ref.channel, ref.userId);
  if (!held) return { type: 'bot' };
  return { type: 'agent', caseId: held.id, agent: held.assignee, since: held.claimedAt };
}
