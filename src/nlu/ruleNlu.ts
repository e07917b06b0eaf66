import type { ConversationState } from '../engine/state.js';
import type { FaqIndex } from '../knowledge/faqIndex.js';
import { detectLocale, normalizeText } from '../knowledge/normalize.js';
import {
  CORRECTION,
  INTENT_PATTERNS,
  NONE_YET,
  PROBLEM_STATEMENT,
  QUESTION_FORM,
  SKIP_CONTACT,
} from './lexicon.js';
import {
  findCategory,
  findEmail,
  findEvidence,
  findMobiles,
  findOrderIds,
  findResolution,
  findStrayNumbers,
  withoutNumbers,
} from './slotExtractors.js';
import type { Intent, Interpretation, Nlu, SlotValues } from './types.js';

/** Rule-based NLU: regex + keyword lexicon + FAQ retrieval score. Deterministic and fast. */
export class RuleNlu implements Nlu {
  readonly name = 'rules';

  constructor(private readonly faq: FaqIndex) {}

  // eslint-disable-next-line @typescript-eslint/require-await
  async interpret(text: string, state: ConversationState): Promise<Interpretation> {
    return this.interpretSync(text, state);
  }

  /** Synchronous core, also used by the LLM NLU as its fallback. */
  interpretSync(text: string, state: ConversationState): Interpretation {
    const norm = normalizeText(text).trim();
    const locale = detectLocale(text, state.locale);
    const pending = state.intake?.pending;
    const slots = this.extractSlots(norm, text, pending);
    const strays = findStrayNumbers(norm);
    const invalidOrderId =
      !slots.orderId &&
      (pending === 'orderId' || /订单|order/.test(norm)) &&
      !(pending === 'contact' && slots.contact)
        ? (strays[0] ?? (pending === 'orderId' ? findMobiles(norm)[0] : undefined))
        : undefined;
    const invalidContact =
      pending === 'contact' && !slots.contact && !slots.contactNone ? strays[0] : undefined;
    const correction = CORRECTION.test(norm) || undefined;

    const match = this.faq.best(text);
    const { intent, confidence } = this.classify(norm, slots, pending, match?.confidence);
    return {
      intent,
      confidence,
      slots,
      invalidOrderId,
      invalidContact,
      correction,
      faqId: match?.entry.id,
      locale,
    };
  }

  private classify(
    norm: string,
    slots: SlotValues,
    pending: string | undefined,
    faqConfidence: number | undefined,
  ): { intent: Intent; confidence: number } {
    const rule = (intent: Intent) => ({ intent, confidence: 1 });
    if (INTENT_PATTERNS.askHuman.test(norm)) return rule('ask_human');
    if (INTENT_PATTERNS.cancel.test(norm)) return rule('cancel');
    if (pending === 'confirm') {
      if (INTENT_PATTERNS.confirm.test(norm)) return rule('confirm');
      if (INTENT_PATTERNS.deny.test(norm)) return rule('deny');
    }
    if (INTENT_PATTERNS.caseStatus.test(norm)) return rule('case_status');
    if (INTENT_PATTERNS.startComplaint.test(norm)) return rule('start_complaint');
    const isQuestion = QUESTION_FORM.test(norm);
    if (
      !isQuestion &&
      (slots.orderId || (PROBLEM_STATEMENT.test(norm) && (slots.resolution || slots.category)))
    )
      return rule('start_complaint');
    if (INTENT_PATTERNS.greeting.test(norm)) return rule('greeting');
    if (INTENT_PATTERNS.thanks.test(norm)) return rule('thanks');
    // Mid-intake, only a question is an FAQ: a statement is an answer to the pending question.
    if (faqConfidence !== undefined && (!pending || isQuestion))
      return { intent: 'faq', confidence: faqConfidence };
    return { intent: 'other', confidence: 0.5 };
  }

  private extractSlots(norm: string, original: string, pending: string | undefined): SlotValues {
    const slots: SlotValues = {};
    const orderIds = findOrderIds(norm);
    if (orderIds.length) slots.orderId = orderIds[orderIds.length - 1];
    const category = findCategory(norm);
    if (category && (category !== 'other' || pending === 'category')) slots.category = category;
    const resolution = findResolution(norm);
    if (resolution && (resolution !== 'other' || pending === 'resolution')) slots.resolution = resolution;
    const evidence = findEvidence(norm);
    if (evidence.length && !/没有|没拍|no |not /.test(norm)) slots.evidence = evidence;
    if (pending === 'evidence' && !evidence.length && NONE_YET.test(norm)) slots.evidenceNone = true;
    const mobile = findMobiles(norm)[0];
    const email = findEmail(original);
    if (mobile && (pending === 'contact' || /电话|手机|联系|phone|mobile|contact|call me/.test(norm)))
      slots.contact = mobile;
    else if (email) slots.contact = email;
    if (pending === 'contact' && !slots.contact && SKIP_CONTACT.test(norm)) slots.contactNone = true;
    if (PROBLEM_STATEMENT.test(norm) && !QUESTION_FORM.test(norm)) {
      const description = withoutNumbers(original.trim());
      if ([...description].length >= 4) slots.description = description;
    }
    return slots;
  }
}
