import type { Case } from '../domain/case.js';
import type { ConversationRef } from '../domain/conversation.js';
import type { CaseStore } from '../store/types.js';
import type { Owner } from './ports.js';

const claimed = (c: Case): number => Date.parse(c.claimedAt ?? c.createdAt);

/**
 * Who answers a conversation, derived from its cases — the one source of truth, as in Chatwoot
 * where a conversation's status is the bot/human handoff state: an agent while one of the user's
 * cases is assigned (the one claimed last), otherwise the bot. Claim and resolve write only the
 * case, so no separate owner record can be left behind by a crash between two writes.
 */
export async function ownerOf(cases: CaseStore, ref: ConversationRef): Promise<Owner> {
  const held = (await cases.listByUser(ref.channel, ref.userId)).filter(
    (c): c is Case & { assignee: string } => c.status === 'assigned' && Boolean(c.assignee),
  );
  const latest = held.reduce<(Case & { assignee: string }) | undefined>(
    (best, c) => (!best || claimed(c) > claimed(best) ? c : best),
    undefined,
  );
  if (!latest) return { type: 'bot' };
  return {
    type: 'agent',
    caseId: latest.id,
    agent: latest.assignee,
    since: latest.claimedAt ?? latest.createdAt,
  };
}
