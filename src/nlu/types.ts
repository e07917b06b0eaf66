import { z } from 'zod';
import { CategorySchema, ResolutionSchema } from '../domain/case.js';
import type { PendingQuestion, SlotName } from '../domain/intake.js';
import { LocaleSchema, type Locale } from '../domain/locale.js';

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

/**
 * What a reply does to the question the bot asked, read in that question's context:
 * - `affirm` yes / submit / go ahead; `deny` no / something is wrong / carry on;
 * - `decline` won't give an optional value ("不用留电话"); `none` has nothing to give ("没拍");
 * - `abandon` a soft "never mind" (算了, 不弄了) that may mean "skip this" or "stop" — the engine
 *   decides from the context and asks before throwing anything away.
 */
export const DialogueActSchema = z.enum(['affirm', 'deny', 'decline', 'none', 'abandon']);
export type DialogueAct = z.infer<typeof DialogueActSchema>;

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
  /** More to the story, said later ("补充一下 沙发腿也是歪的"): added to the description. */
  addition: z.string().optional(),
});
export type SlotValues = z.infer<typeof SlotValuesSchema>;

/** What one message means: an intent, the slots it fills, and hints about malformed values. */
export const InterpretationSchema = z.object({
  intent: IntentSchema,
  /** 0..1; rule mode reports 1 for explicit rules and the retrieval confidence for FAQ. */
  confidence: z.number().min(0).max(1),
  slots: SlotValuesSchema,
  /** The reply's act towards the pending question, when it has one. */
  act: DialogueActSchema.optional(),
  /** A digit run that looks like an attempted order number but has the wrong length. */
  invalidOrderId: z.string().optional(),
  /** A phone-like number that is not a valid mainland mobile number. */
  invalidContact: z.string().optional(),
  /** The user is correcting an earlier answer ("订单号错了，应该是…"). */
  correction: z.boolean().optional(),
  /** "等一下我查查", "hold on": the user is looking something up; no answer, and no miss. */
  waiting: z.boolean().optional(),
  /** The FAQ entry retrieval matched confidently, if any. */
  faqId: z.string().optional(),
  /** Language of the message. */
  locale: LocaleSchema,
});
export type Interpretation = z.infer<typeof InterpretationSchema>;

/**
 * The narrow context a reply is read in: the language so far, the question the bot is waiting
 * on, and which complaint slots already hold a value. Never the whole stored conversation.
 */
export interface NluContext {
  locale: Locale;
  pending?: PendingQuestion;
  filled: readonly SlotName[];
}

/**
 * Extension point: turns a user's text into an Interpretation. The rule NLU is the default;
 * the LLM NLU implements the same interface and falls back to rules on timeout or error.
 */
export interface Nlu {
  readonly name: string;
  interpret(text: string, context: NluContext): Promise<Interpretation>;
}
