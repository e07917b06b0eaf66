import type { ConversationRef } from '../domain/conversation.js';
import type { ComplaintDesk } from '../handoff/ports.js';
import type { FaqIndex } from '../knowledge/faqIndex.js';
import type { Facts } from '../knowledge/schema.js';
import type { Intent, Nlu } from '../nlu/types.js';
import type { ConversationStore } from '../store/types.js';
import type { Reply } from '../domain/message.js';
import type { ConversationState } from './state.js';

/** Observers the server plugs metrics and logs into; all optional. */
export interface EngineHooks {
  onTurn?(info: { intent: Intent | 'relayed' | 'event'; channel: string; fallback: boolean }): void;
  onIntake?(event: 'started' | 'completed' | 'cancelled' | 'handed_over', durationMs?: number): void;
  onStateDiscarded?(conversationId: string, reason: string): void;
}

/** The conversation a turn is in, and the id of the message it answers (when the channel gives one). */
export type TurnRef = ConversationRef & { messageId?: string };

/** Everything a turn needs, injected: the engine imports no HTTP, Redis or channel code. */
export interface TurnContext {
  now(): Date;
  faq: FaqIndex;
  /** Hotline number and hours for the phrases that state them (`knowledge/facts.json`). */
  facts: Facts;
  nlu: Nlu;
  conversations: ConversationStore;
  desk: ComplaintDesk;
  /** Time zone dates are shown in (TZ_BUSINESS). */
  timeZone: string;
  /** Secret that keys the case ids derived from message ids (hand-overs; domain/caseId.ts). */
  caseIdKey: string;
  /** Idle conversations expire after this many seconds (default 7 days). */
  stateTtlSeconds?: number;
  hooks?: EngineHooks;
}

/** Outcome of one turn. `replies` is empty when a person owns the conversation. */
export interface TurnResult {
  replies: Reply[];
  intent: Intent | 'relayed' | 'event';
  state: ConversationState;
  /** Id of a case this turn created, if any. */
  caseId?: string;
  /** The message was seen before (same messageId): this is the stored result, no turn ran. */
  replayed?: boolean;
}
