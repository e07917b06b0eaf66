import type { Category } from '../domain/case.js';
import type { PendingQuestion } from '../domain/intake.js';
import type { FaqIndex } from '../knowledge/faqIndex.js';
import { detectLocale, normalizeText } from '../knowledge/normalize.js';
import {
  clausesOf,
  isExplicitCancel,
  isSoftCancel,
  polarityOf,
  saysDecline,
  saysCancel,
  saysNone,
  wantsChange,
  wantsToContinue,
} from './dialogueActs.js';
import {
  CORRECTION,
  COMPLAINT_REQUEST,
  STORY_FIX,
  INTENT_PATTERNS,
  OTHER_PROBLEM,
  RUDENESS,
  GREETING_PREFIX,
  ORDER_NARRATIVE_SUBJECT,
  ORDER_NARRATIVE_TROUBLE,
  PROBLEM_STATEMENT,
  looksLikeQuestion,
} from './lexicon.js';
import { extractSlots, findMobiles, findStrayNumbers } from './slotExtractors.js';
import { problemFallback } from './problemFallback.js';
import type { ProblemClassifier } from './problemClassifier.js';
import type { DialogueAct, Intent, Interpretation, Nlu, NluContext, SlotValues } from './types.js';
import {
  SERVICE_LINE,
  MAYBE_OURS,
  ORDER_UNKNOWN,
  DROP_IT,
  RHETORICAL,
  STATUS_WORDS,
  ASKS_TO_SKIP,
  HOW_TO,
  HAS_SOME,
  NOT_A_REQUEST,
  EVIDENCE_WORD,
  WAIT_A_MOMENT,
} from './messageCues.js';

/** Rule-based NLU: regex + keyword lexicon + FAQ retrieval score. Deterministic and fast. */
export class RuleNlu implements Nlu {
  readonly name = 'rules';

  /**
   * @param problems the learned fallback for what the rules leave unread (problemClassifier.ts);
   *   without it the rules alone decide.
   */
  constructor(
    private readonly faq: FaqIndex,
    private readonly problems?: ProblemClassifier,
  ) {}

  // eslint-disable-next-line @typescript-eslint/require-await
  async interpret(text: string, context: NluContext): Promise<Interpretation> {
    return this.interpretSync(text, context);
  }

  /**
   * The category of a problem the keyword lists don't name, from which of the three FAQ topics
   * (quality, delivery, after-sales) retrieval ranks highest among its top results.
   */
  private categoryByTopic(text: string): Category | undefined {
    for (const hit of this.faq.search(text, 3)) {
      const category = TOPIC_CATEGORY[hit.entry.id];
      if (category && hit.score >= TOPIC_MIN_SCORE) return category;
    }
    return undefined;
  }

  /** Synchronous core, also used by the LLM NLU as its fallback. */
  interpretSync(text: string, context: NluContext): Interpretation {
    const norm = normalizeText(text)
      .trim()
      .replace(/投[素述塑]/g, '投诉');
    const locale = detectLocale(text, context.locale);
    const { pending } = context;
    const slots = extractSlots(norm, text, pending);
    const narrative = ORDER_NARRATIVE_SUBJECT.test(norm) && ORDER_NARRATIVE_TROUBLE.test(norm);
    if (!slots.category && !looksLikeQuestion(norm) && (pending === 'category' || (!pending && narrative))) {
      const byTopic = this.categoryByTopic(text);
      if (byTopic) slots.category = byTopic;
    }
    const act = readAct(norm, pending, slots);
    if (act === 'none' && pending === 'evidence') slots.evidenceNone = true;
    if (act === 'decline' && pending === 'contact') slots.contactNone = true;
    const strays = findStrayNumbers(norm);
    const invalidOrderId =
      !slots.orderId &&
      (pending === 'orderId' || /订单|单号|order/.test(norm)) &&
      !(pending === 'contact' && slots.contact)
        ? (strays[0] ?? (pending === 'orderId' ? findMobiles(norm)[0] : undefined))
        : undefined;
    const invalidContact = pending === 'contact' && !slots.contact && !act ? strays[0] : undefined;
    const correction = CORRECTION.test(norm) || (pending === 'confirm' && STORY_FIX.test(norm)) || undefined;

    // A long question with chatter around it is looked up clause by clause; a story of a problem
    // is not (its "怎么说呢" or "这不是坑人吗" is no question to the FAQ).
    const clauses = clausesOf(norm);
    const story =
      PROBLEM_STATEMENT.test(norm) || RHETORICAL.test(norm) || (narrative && slots.category !== undefined);
    const match =
      this.faq.best(text) ??
      (clauses.length > 1 && !pending && !story
        ? this.faq.bestClause(
            text,
            clauses.filter((c) => looksLikeQuestion(c)),
          )
        : undefined);
    const attempted = Boolean(invalidOrderId || invalidContact || correction);
    // A question about another company's service ("10086怎么转人工", "京东客服几点下班") or a bare
    // wish to complain about it ("我要投诉京东"). A problem stated or "转人工" said is read as usual. A courier or a
    // brand can be part of a Tmall order: with a problem stated or Tmall named, even a question is ours.
    const partOfAnOrder =
      MAYBE_OURS.test(norm) &&
      (/天猫|tmall|淘宝|taobao/.test(norm) ||
        PROBLEM_STATEMENT.test(norm) ||
        narrative ||
        INTENT_PATTERNS.startComplaint.test(norm));
    const aboutThem =
      looksLikeQuestion(norm) ||
      (INTENT_PATTERNS.startComplaint.test(norm) && !PROBLEM_STATEMENT.test(norm) && !narrative);
    const elsewhere =
      aboutThem && SERVICE_LINE.test(norm) && this.faq.namesOtherPlatform(norm) && !partOfAnOrder;
    const ruled =
      elsewhere && !pending
        ? { intent: 'other' as const, confidence: 0.5 }
        : classify(norm, slots, pending, act, match?.confidence, attempted);
    // Questions ("这个耳机有没有白色的") and other companies' business stay with the rules.
    const unread =
      ruled.intent === 'other' &&
      !match &&
      !act &&
      !attempted &&
      !looksLikeQuestion(norm) &&
      !this.faq.namesOtherPlatform(norm);
    const { intent, confidence } = problemFallback(this.problems, text, norm, pending, ruled, unread, slots);
    return {
      intent,
      confidence,
      slots,
      act,
      invalidOrderId,
      invalidContact,
      correction,
      waiting: (intent === 'other' && WAIT_A_MOMENT.test(norm)) || undefined,
      faqId: match?.entry.id,
      locale,
    };
  }
}

/** Lowest retrieval score that counts as naming a problem topic. */
const TOPIC_MIN_SCORE = 2;

/** FAQ entries that describe a kind of problem, as complaint categories. */
const TOPIC_CATEGORY: Readonly<Record<string, Category>> = {
  'product-quality': 'quality',
  'logistics-delivery': 'logistics',
  'after-sales-service': 'after_sales',
};

/** The reply's act towards the question it answers (see DialogueActSchema). */
function readAct(
  norm: string,
  pending: PendingQuestion | undefined,
  slots: SlotValues,
): DialogueAct | undefined {
  const { polarity, pure } = polarityOf(norm);
  // A question put at a slot question is a question, not a yes or no ("需要准备啥材料").
  const asked = looksLikeQuestion(norm);
  switch (pending) {
    case 'orderId':
      // "我不记得订单号了", "I can't find it": no number to give (the re-ask says where to look).
      if (ORDER_UNKNOWN.test(norm) && !slots.orderId) return 'none';
      if (isSoftCancel(norm)) return 'abandon';
      return pure && !asked ? polarity : undefined;
    case 'contact':
      // "哦不对 订单号错了 是…" mends an earlier answer; its 不对 declines nothing.
      if (slots.contact || slots.orderId || CORRECTION.test(norm)) return undefined;
      if (saysCancel(norm)) return 'abandon';
      if (ASKS_TO_SKIP.test(norm)) return 'decline';
      if (asked) return undefined;
      if (saysDecline(norm) || polarity === 'deny' || isSoftCancel(norm)) return 'decline';
      return polarity === 'affirm' && pure ? 'affirm' : undefined;
    case 'evidence':
      // "不用留电话", "不对 不是质量问题 是售后": a no about something else says nothing of evidence.
      if (slots.evidence?.length || slots.orderId || slots.contactNone || CORRECTION.test(norm))
        return undefined;
      if (saysCancel(norm)) return 'abandon';
      if (ASKS_TO_SKIP.test(norm)) return 'none';
      // "有，要怎么发给你": yes first, then how to send it.
      if (HAS_SOME.test(clausesOf(norm)[0] ?? '') && !saysNone(norm)) return 'affirm';
      if (asked) return undefined;
      // "按开关没反应 指示灯也不亮" tells more of the problem; its 没/不 say nothing about evidence.
      if (PROBLEM_STATEMENT.test(norm) && !EVIDENCE_WORD.test(norm)) return undefined;
      if (saysNone(norm) || polarity === 'deny' || saysDecline(norm) || isSoftCancel(norm)) return 'none';
      return (polarity === 'affirm' && pure) || HAS_SOME.test(norm) ? 'affirm' : undefined;
    case 'confirm':
      if (asked && !pure) return undefined;
      if (isSoftCancel(norm)) return 'abandon';
      if (wantsChange(norm)) return 'deny';
      return polarity;
    case 'offer_human':
      if (asked && !pure) return undefined;
      if (isSoftCancel(norm)) return 'deny';
      // "就是买的东西有问题", "是这样的 我买的衣服缩水了": a story that opens with 就是/是, no yes.
      if (
        !pure &&
        (PROBLEM_STATEMENT.test(norm) ||
          (ORDER_NARRATIVE_SUBJECT.test(norm) && ORDER_NARRATIVE_TROUBLE.test(norm)))
      )
        return undefined;
      return polarity;
    case 'confirm_cancel':
      if (wantsToContinue(norm)) return 'deny';
      // "嗯 不要了" to "cancel this complaint?": the complaint is what is not wanted any more.
      if (DROP_IT.test(norm)) return 'affirm';
      if (asked && !pure) return undefined;
      if (isExplicitCancel(norm) || isSoftCancel(norm)) return 'affirm';
      return polarity;
    default:
      if (isSoftCancel(norm)) return 'abandon';
      return pure && !asked ? polarity : undefined;
  }
}

function classify(
  norm: string,
  slots: SlotValues,
  pending: PendingQuestion | undefined,
  act: DialogueAct | undefined,
  faqConfidence: number | undefined,
  attemptedValue: boolean,
): { intent: Intent; confidence: number } {
  const rule = (intent: Intent) => ({ intent, confidence: 1 });
  const isQuestion = looksLikeQuestion(norm.replace(GREETING_PREFIX, '') || norm);
  const faq = faqConfidence !== undefined ? { intent: 'faq' as const, confidence: faqConfidence } : undefined;
  if (isExplicitCancel(norm) && pending !== 'confirm_cancel') return rule('cancel');
  if (COMPLAINT_REQUEST.test(norm) && (!pending || pending === 'offer_human')) return rule('start_complaint');
  // What is left once "不要人工", "你是机器人吗" and "转人工一直等" (a story about the phone line) are
  // taken out: "我不要客服机器人，我要真人" and "你是机器人吗？转人工" still ask for a person.
  const request = NOT_A_REQUEST.reduce((rest, pattern) => rest.replace(pattern, ' '), norm);
  if (INTENT_PATTERNS.askHuman.test(request)) return rule('ask_human');
  // "the customer service agent was rude to me" is a complaint about a person, not a request for one.
  if (INTENT_PATTERNS.mentionsHuman.test(request) && !(isQuestion && faq) && !PROBLEM_STATEMENT.test(norm))
    return rule('ask_human');
  if (INTENT_PATTERNS.identity.test(norm)) return rule('greeting');
  if (INTENT_PATTERNS.noHuman.test(norm) && pending === 'offer_human') return rule('deny');
  if (pending === 'confirm' || pending === 'offer_human' || pending === 'confirm_cancel') {
    if (act === 'affirm') return rule('confirm');
    if (act === 'deny') return rule('deny');
  }
  // "我的投诉进度" asks for the user's cases; "how do I check my complaint's status" asks how.
  if (
    INTENT_PATTERNS.caseStatus.test(norm) &&
    !(faq && (HOW_TO.test(norm) || (isQuestion && !STATUS_WORDS.test(norm))))
  )
    return rule('case_status');
  // Out of intake, a statement of a problem with an order starts one ("收到的杯子是裂的").
  const statesProblem =
    PROBLEM_STATEMENT.test(norm) ||
    // A defect named ("wobbles", "一掰就掉") is a problem; the bare word 质量 is not ("质量很好").
    (slots.category === 'quality' && !/质量|quality/.test(norm)) ||
    // "other" by a strong sign only: "想了解一下满减规则" asks, it does not complain.
    (slots.category === 'other' && (OTHER_PROBLEM.test(norm) || RUDENESS.test(norm))) ||
    (slots.category !== undefined &&
      (ORDER_NARRATIVE_TROUBLE.test(norm) || ORDER_NARRATIVE_SUBJECT.test(norm))) ||
    (ORDER_NARRATIVE_SUBJECT.test(norm) && ORDER_NARRATIVE_TROUBLE.test(norm));
  const opening = !pending || pending === 'offer_human';
  // "…用了一次就坏了，这不是坑人吗": a rhetorical question at the end of a complaint does not make it one.
  if (RHETORICAL.test(norm) && (slots.orderId || statesProblem) && opening) return rule('start_complaint');
  // A question about the process is answered even when it mentions 投诉.
  if (isQuestion && faq) return faq;
  if (!isQuestion && INTENT_PATTERNS.startComplaint.test(norm)) return rule('start_complaint');
  const givesValues = attemptedValue || Object.values(slots).some((v) => v !== undefined);
  if (!isQuestion && (slots.orderId || statesProblem) && opening) return rule('start_complaint');
  if (INTENT_PATTERNS.greeting.test(norm)) return rule('greeting');
  if (INTENT_PATTERNS.thanks.test(norm)) return rule('thanks');
  if (faq && !act && !givesValues) {
    // Mid-intake a statement is an answer; a confident FAQ match is still a question when it
    // does not answer the pending slot ("客服几点上班" typed without a question mark).
    if (!pending || pending === 'offer_human' || (pending !== 'description' && pending !== 'confirm'))
      return faq;
  }
  return { intent: 'other', confidence: 0.5 };
}
