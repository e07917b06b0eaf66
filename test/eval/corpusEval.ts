/**
 * Plays the paraphrase corpus through the whole engine (`runTurn`, any store, rules or LLM
 * mode): each intake reply is sent in a fresh conversation that was first brought to the
 * question it answers, and judged by what the turn did (slot filled, case filed, cancel asked…).
 */
import { randomUUID } from 'node:crypto';
import type { PendingQuestion } from '../../src/domain/intake.js';
import type { Reply } from '../../src/domain/message.js';
import { parseConversationState, type ConversationState } from '../../src/engine/state.js';
import type { RunTurn } from '../../src/engine/turnRunner.js';
import type { ConversationStore } from '../../src/store/types.js';
import {
  halfOf,
  newScore,
  tally,
  type ComplaintStart,
  type GroupScore,
  type IntakeReply,
  type LabelledQuestion,
} from './corpus.js';

const SETUP: Record<'zh' | 'en', string[]> = {
  zh: [
    '我要投诉',
    '商品质量',
    '4402317789012345678',
    '收到的吹风机开不了机',
    '有照片',
    '退款',
    '13812345678',
  ],
  en: [
    'I want to file a complaint',
    'Quality',
    '4402317789012345678',
    'The hair dryer I received will not turn on',
    'I have photos',
    'Refund',
    '13812345678',
  ],
};
const SLOT_STEPS: Partial<Record<PendingQuestion, number>> = {
  category: 1,
  orderId: 2,
  description: 3,
  evidence: 4,
  resolution: 5,
  contact: 6,
  confirm: 7,
};
const EVIDENCE_LABEL: Record<string, string> = {
  photos: 'photos',
  chat: 'chat',
  video: 'video',
  tracking: 'tracking',
};

/** What the evaluator needs of a running kefu. */
export interface EvalTarget {
  runTurn: RunTurn;
  conversations: ConversationStore;
}

interface Played {
  replies: Reply[];
  caseId?: string;
  state: ConversationState | undefined;
  before: ConversationState | undefined;
}

async function say(target: EvalTarget, userId: string, text: string) {
  return target.runTurn({ channel: 'web', userId, kind: 'text', text });
}

async function stateOf(target: EvalTarget, userId: string): Promise<ConversationState | undefined> {
  return parseConversationState(await target.conversations.load(`web:${userId}`));
}

/**
 * Brings a fresh conversation to `pending`, then sends `text`; undefined when the conversation
 * could not be brought there (an NLU that misreads the set-up lines counts as a miss).
 */
async function playAt(
  target: EvalTarget,
  pending: PendingQuestion,
  lang: 'zh' | 'en',
  text: string,
): Promise<Played | undefined> {
  const userId = `eval-${randomUUID()}`;
  const script = SETUP[lang];
  if (pending === 'offer_human') {
    await say(target, userId, lang === 'zh' ? '明天天气怎么样' : 'what will the weather be like tomorrow');
  } else if (pending === 'confirm_cancel') {
    for (const line of script.slice(0, 3)) await say(target, userId, line);
    await say(target, userId, lang === 'zh' ? '算了' : 'never mind');
  } else {
    for (const line of script.slice(0, SLOT_STEPS[pending] ?? 0)) await say(target, userId, line);
  }
  const before = await stateOf(target, userId);
  const reached =
    pending === 'offer_human'
      ? before?.awaiting === 'offer_human'
      : pending === 'confirm_cancel'
        ? before?.intake?.interruption === 'confirm_cancel'
        : before?.intake?.pending === pending;
  if (!reached) return undefined;
  const result = await say(target, userId, text);
  return { replies: result.replies, caseId: result.caseId, state: await stateOf(target, userId), before };
}

/** Why the turn did not do what the label says, or undefined when it did. */
function judge(item: IntakeReply, p: Played): string | undefined {
  const intake = p.state?.intake;
  const slots = intake?.slots;
  const { act, value, slot } = item.expect;
  const filed = p.caseId !== undefined;
  const summary = `→ ${p.replies.map((r) => r.text.slice(0, 60)).join(' | ')}`;
  const fail = (what: string) => `${what} ${summary}`;
  switch (act) {
    case 'fill': {
      const pending = item.pending;
      if (pending === 'description') return slots?.description ? undefined : fail('description not taken');
      if (pending === 'evidence') {
        const want = EVIDENCE_LABEL[value ?? ''] ?? value ?? '';
        return slots?.evidence.some((e) => e.kind === 'mentioned' && e.item.includes(want))
          ? undefined
          : fail(`evidence ${want} not taken`);
      }
      const got = (slots as Record<string, unknown> | undefined)?.[pending];
      return got === value ? undefined : fail(`${pending}=${String(got)} not ${value}`);
    }
    case 'correct': {
      const got = (slots as Record<string, unknown> | undefined)?.[slot ?? ''];
      return got === value ? undefined : fail(`${slot}=${String(got)} not ${value}`);
    }
    case 'decline':
      return slots?.contactDone && !slots.contact && !filed ? undefined : fail('contact not declined');
    case 'none':
      return slots?.evidenceDone && slots.evidence.length === 0 ? undefined : fail('evidence not none');
    case 'affirm':
      if (item.pending === 'confirm_cancel') return !intake && !filed ? undefined : fail('not cancelled');
      return filed ? undefined : fail('no case filed');
    case 'deny':
      if (filed) return fail('a case was filed');
      if (item.pending === 'offer_human') return p.state?.awaiting ? fail('still offering') : undefined;
      if (item.pending === 'confirm_cancel')
        return intake && !intake.interruption ? undefined : fail('complaint not kept');
      return intake?.pending === 'confirm' ? undefined : fail('left the summary');
    case 'cancel':
      if (filed) return fail('a case was filed');
      return !intake || intake.interruption === 'confirm_cancel' ? undefined : fail('not cancelled or asked');
    case 'human':
      return filed && !intake ? undefined : fail('not handed to a person');
    case 'question': {
      const answered = p.replies.some((r) => r.source === value);
      const kept = intake?.pending === p.before?.intake?.pending;
      return answered && kept ? undefined : fail(`not answered with ${value}`);
    }
    case 'invalid': {
      const key = item.pending as 'orderId' | 'contact';
      const reasked =
        intake?.pending === item.pending && slots?.[key] === undefined && (intake.failures[key] ?? 0) >= 1;
      return reasked ? undefined : fail('invalid value not re-asked');
    }
  }
}

/** Accuracy on the intake replies, one group per question. */
export async function evalIntakeReplies(
  target: EvalTarget,
  items: readonly IntakeReply[],
): Promise<GroupScore[]> {
  const groups = new Map<string, GroupScore>();
  for (const item of items) {
    const score = groups.get(item.pending) ?? newScore(item.pending);
    groups.set(item.pending, score);
    const played = await playAt(target, item.pending, item.lang, item.text);
    tally(score, item.text, played ? judge(item, played) : `set-up never reached "${item.pending}"`);
  }
  return [...groups.values()];
}

/** FAQ paraphrases answered with the right entry (and no intake started); near-misses refused. */
export async function evalQuestions(
  target: EvalTarget,
  faq: readonly LabelledQuestion[],
  outOfScope: readonly LabelledQuestion[],
): Promise<GroupScore[]> {
  const inScope = newScore('faq');
  const refused = newScore('out-of-scope');
  for (const item of [...faq, ...outOfScope]) {
    const userId = `eval-${randomUUID()}`;
    const r = await say(target, userId, item.q);
    const state = await stateOf(target, userId);
    const sources = r.replies.map((x) => x.source).filter(Boolean);
    const shown = `→ ${sources.join(',') || 'no source'} ${state?.intake ? '(intake started)' : ''}`;
    if (item.expected === null)
      tally(refused, item.q, !sources.length && !state?.intake && !r.caseId ? undefined : shown);
    else tally(inScope, item.q, sources[0] === item.expected && !state?.intake ? undefined : shown);
  }
  return [inScope, refused];
}

/** Stated problems and wishes to complain start an intake (with the right category when clear). */
export async function evalComplaintStarts(
  target: EvalTarget,
  items: readonly ComplaintStart[],
): Promise<GroupScore> {
  const score = newScore('complaint-starts');
  for (const item of items) {
    const userId = `eval-${randomUUID()}`;
    const r = await say(target, userId, item.text);
    const state = await stateOf(target, userId);
    const why = !state?.intake
      ? `no intake → ${r.replies.map((x) => x.source ?? x.text.slice(0, 30)).join(' | ')}`
      : item.category && state.intake.slots.category !== item.category
        ? `category ${state.intake.slots.category ?? 'none'} not ${item.category}`
        : undefined;
    tally(score, item.text, why);
  }
  return score;
}

export { halfOf };
