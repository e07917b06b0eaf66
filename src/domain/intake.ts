import { z } from 'zod';

/** Slots of a complaint, in the order the bot asks for them. */
export const SLOT_ORDER = [
  'category',
  'orderId',
  'description',
  'evidence',
  'resolution',
  'contact',
] as const;
export const SlotNameSchema = z.enum(SLOT_ORDER);
export type SlotName = z.infer<typeof SlotNameSchema>;

/** Slots a user may decline: after two misses they are recorded as "not given". */
export const OPTIONAL_SLOTS: ReadonlySet<SlotName> = new Set<SlotName>(['evidence', 'contact']);

/**
 * The question the bot is waiting on: a slot, the summary (`confirm`), "shall I hand you over
 * to a person?" (`offer_human`) or "cancel this complaint?" (`confirm_cancel`).
 */
export const PendingQuestionSchema = z.union([
  SlotNameSchema,
  z.enum(['confirm', 'offer_human', 'confirm_cancel']),
]);
export type PendingQuestion = z.infer<typeof PendingQuestionSchema>;
