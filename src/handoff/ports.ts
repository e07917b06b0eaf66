import { z } from 'zod';
import type { Attachment, DeliveryResult, OutboundMessage } from '../domain/message.js';
import type { ConversationRef } from '../domain/conversation.js';
import type { Locale } from '../domain/locale.js';
import type { Case, Category, Resolution, TranscriptEntry } from '../domain/case.js';
import type { EvidenceItem } from '../domain/evidence.js';

/** Who answers a conversation right now: the bot, or a human agent working a case. */
export const OwnerSchema = z.discriminatedUnion('type', [
  /** `openCases`: the user's queued or assigned cases (none assigned, or an agent would own it). */
  z.object({ type: z.literal('bot'), openCases: z.number().int().nonnegative() }),
  z.object({ type: z.literal('agent'), caseId: z.string(), agent: z.string(), since: z.string() }),
]);
export type Owner = z.infer<typeof OwnerSchema>;

/** A complete complaint, ready to become a case. */
export interface NewCaseInput extends ConversationRef {
  /**
   * Case id reserved by the engine before the confirm (kept in the intake state). Opening a case
   * with an id that this conversation already used returns that case instead of writing a second
   * one, so a retried confirm is harmless. Unset: a fresh id.
   */
  id?: string;
  category: Category;
  orderId: string;
  description: string;
  /** Typed items; the case carries them as text (`caseEvidenceText`, the public `Case.evidence`). */
  evidence: EvidenceItem[];
  resolution: Resolution;
  contact?: string;
  locale: Locale;
  transcript: TranscriptEntry[];
  /** Fields still missing when an unfinished complaint is handed over (marks the case incomplete). */
  missing?: string[];
}

/** Complaint fields known before the intake finished. */
export interface PartialComplaint {
  category: Category;
  orderId: string;
  description: string;
  evidence: EvidenceItem[];
  resolution: Resolution;
  contact: string;
}

/** When people answer: staffed now, or the next time they will be. */
export interface StaffingInfo {
  staffedNow: boolean;
  /** Next opening time (ISO with offset) when not staffed now. */
  nextOpening?: string;
}

/**
 * What the engine needs from the complaint desk (src/handoff). The engine never touches the
 * queue, pub/sub or HTTP directly.
 */
export interface ComplaintDesk {
  /** Writes the case durably, then queues it and tells agents; resolves with the stored case. */
  openCase(input: NewCaseInput): Promise<Case>;
  /** The user's own cases, newest first. */
  listCases(ref: ConversationRef): Promise<Case[]>;
  /** Who owns the conversation; checked before every bot reply. */
  ownerOf(ref: ConversationRef): Promise<Owner>;
  /** Adds a user message to a case transcript and forwards it to agents (owner = agent, or case queued). */
  relayUserMessage(caseId: string, text: string, attachments?: Attachment[]): Promise<void>;
  /**
   * Hands the conversation to a person without a complete complaint (转人工): opens a case with
   * whatever is known so far (`partial`), category/resolution `other` where unknown.
   */
  requestHuman(
    ref: ConversationRef & {
      locale: Locale;
      transcript: TranscriptEntry[];
      reason: string;
      partial?: Partial<PartialComplaint>;
      /** Fields the user had not given yet: the case is marked incomplete. */
      missing?: string[];
      /** The id to open the case under (retries of one message name the same case). */
      id?: string;
    },
  ): Promise<Case>;
  /** Whether people answer now: the hotline's hours (`knowledge/facts.json`), business time. */
  staffing(now: Date): StaffingInfo;
}

/**
 * Delivers messages outside a request (agent replies, case updates) on the user's channel:
 * web via pub/sub → SSE, WeChat via the customer-service API, Weibo via the reply API.
 */
export interface OutboundDispatcher {
  deliver(to: ConversationRef, message: OutboundMessage): Promise<DeliveryResult>;
}
