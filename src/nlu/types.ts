import { z } from 'zod';
import { CategorySchema, ResolutionSchema } from '../domain/case.js';
import type { ConversationState } from '../engine/state.js';

export const IntentSchema = z.enum([
  'faq',
  'greeting',
  'thanks',
  'ask_human',
  'start_complaint',
  'case_status',
  'cancel',
  'confirm',
  'deny',
  'other',
]);
export type Intent = z.infer<typeof IntentSchema>;

/** Slot values the NLU can pull out of one message (any subset). */
export const SlotValuesSchema = z.object({
  category: CategorySchema.optional(),
  orderId: z.string().optional(),
  description: z.string().optional(),
  /** Evidence mentioned in text (photos, chat records) or "none yet" (`[]` with evidenceNone). */
  evidence: z.array(z.string()).optional(),
  evidenceNone: z.boolean().optional(),
  resolution: ResolutionSchema.optional(),
  contact: z.string().optional(),
  contactNone: z.boolean().optional(),
});
export type SlotValues = z.infer<typeof SlotValuesSchema>;

/** What one message means: an intent, the slots it fills, and hints about malformed values. */
export const InterpretationSchema = z.object({
  intent: IntentSchema,
  /** 0..1; rule mode reports 1 for explicit rules and the retrieval confidence for FAQ. */
  confidence: z.number().min(0).max(1),
  slots: SlotValuesSchema,
  /** A digit run that looks like an attempted order number but has the wrong length. */
  invalidOrderId: z.string().optional(),
  /** A phone-like number that is not a valid mainland mobile number. */
  invalidContact: z.string().optional(),
  /** The user is correcting an earlier answer ("订单号错了，应该是…"). */
  correction: z.boolean().optional(),
  /** The FAQ entry retrieval matched confidently, if any. */
  faqId: z.string().optional(),
  /** Language of the message. */
  locale: z.enum(['zh-CN', 'en']),
});
export type Interpretation = z.infer<typeof InterpretationSchema>;

/**
 * Extension point: turns a user's text into an Interpretation. The rule NLU is the default;
 * the LLM NLU implements the same interface and falls back to rules on timeout or error.
 */
export interface Nlu {
  readonly name: string;
  interpret(text: string, state: ConversationState): Promise<Interpretation>;
}
