import type { ConversationRef } from '../domain/conversation.js';
import type { CaseStore } from '../store/types.js';
import type { Owner } from './ports.js';

/**
 * Who answers a conversation, derived from its cases — the one source of truth, as in Chatwoot
 * where a conversation's status is the bot/human handoff state: an agent while one of the user's
 * cases is assigned (the one claimed last), otherwise the bot. Claim and resolve write only the
 * case, so no separate owner record can be left behind by a crash between two writes.
 *
 * Asks the case store for the user's open rows only (`findOpen`: an indexed query, no events or
 * transcript). The bot answer says whether any case is still open, so the engine can skip the
 * question while the user has none (engine/ownershipCheck.ts).
 */
export async function ownerOf(cases: CaseStore, ref: ConversationRef): Promise<Owner> {
  const { open, assigned } = await cases.findOpen(ref.channel, ref.userId);
  if (!assigned) return { type: 'bot', openCases: open };
  return { type: 'agent', caseId: assigned.id, agent: assigned.assignee, since: assigned.claimedAt };
}
