import { z } from 'zod';
import { ChannelNameSchema } from './conversation.js';
import { LocaleSchema } from './locale.js';

export const CategorySchema = z.enum(['quality', 'logistics', 'after_sales', 'other']);
export type Category = z.infer<typeof CategorySchema>;

export const ResolutionSchema = z.enum(['refund', 'return', 'exchange', 'repair', 'compensation', 'other']);
export type Resolution = z.infer<typeof ResolutionSchema>;

/**
 * `closed` is never set by kefu today (resolve ends a case); it stays because the public Case
 * contract (DESIGN §2) lists it and tools outside the repo may send or expect it.
 */
export const CaseStatusSchema = z.enum(['queued', 'assigned', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const TranscriptEntrySchema = z.object({
  from: z.enum(['user', 'bot', 'agent']),
  text: z.string(),
  at: z.string(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

/** Where an agent acted from, when not the agent API or console (the Slack agent desk). */
export const ActionSourceSchema = z.enum(['slack']);
export type ActionSource = z.infer<typeof ActionSourceSchema>;

/** Things that happened to a case (handoff start/end, claims, delivery errors). */
export const CaseEventSchema = z.object({
  type: z.enum([
    'created',
    'handoff_started',
    'claimed',
    'reclaimed',
    'agent_message',
    'user_message',
    'delivery_failed',
    'resolved',
    'handoff_ended',
  ]),
  at: z.string(),
  by: z.string().optional(),
  detail: z.string().optional(),
  /** Absent: the agent API or console. */
  via: ActionSourceSchema.optional(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

/** A complaint case, as stored and as served by the agent API (DESIGN §2). Times are ISO-8601 with offset. */
export const CaseSchema = z.object({
  id: z.string(),
  channel: ChannelNameSchema,
  userId: z.string(),
  category: CategorySchema,
  orderId: z.string(),
  description: z.string(),
  evidence: z.array(z.string()),
  resolution: ResolutionSchema,
  contact: z.string().optional(),
  status: CaseStatusSchema,
  assignee: z.string().optional(),
  createdAt: z.string(),
  firstResponseDue: z.string(),
  resolutionDue: z.string(),
  transcript: z.array(TranscriptEntrySchema),
  events: z.array(CaseEventSchema).default([]),
  locale: LocaleSchema.default('zh-CN'),
  resolutionNote: z.string().optional(),
  /**
   * Complaint fields the user had not given when the case was handed to a person before the
   * intake finished (an incomplete case); absent on complete complaints.
   */
  missing: z.array(z.string()).optional(),
  claimedAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type Case = z.infer<typeof CaseSchema>;
