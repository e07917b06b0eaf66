import type { Attachment } from '../domain/message.js';
import { fileEvidence, mentionedEvidence, sameEvidence, type EvidenceItem } from '../domain/evidence.js';
import type { Interpretation } from '../nlu/types.js';
import { storyFrom, storyPart } from '../nlu/slotExtractors.js';
import { SLOT_ORDER, type SlotName } from '../domain/intake.js';
import type { IntakeState } from './state.js';

/** What applying one message to the intake changed. */
export interface SlotChanges {
  filled: SlotName[];
  corrected: SlotName[];
  /** Slots a message added to (the description: "补充一下…"). */
  added: SlotName[];
}

function record(
  intake: IntakeState,
  slot: SlotName,
  value: unknown,
  how: 'given' | 'correction',
  at: string,
): void {
  (intake.history[slot] ??= []).push({ value, at, how });
}

/**
 * Applies the slots found in one message to the intake. A filled slot changes only when the
 * user answers that question, says it is a correction, or is reviewing the summary — so a
 * keyword in passing never overwrites an answer. Every change is kept in `history`.
 */
export function applySlots(
  intake: IntakeState,
  interp: Interpretation,
  text: string,
  attachments: readonly Attachment[],
  at: string,
): SlotChanges {
  const changes: SlotChanges = { filled: [], corrected: [], added: [] };
  const { slots } = intake;
  const found = interp.slots;
  const mayChange = (slot: SlotName) =>
    intake.pending === slot || intake.pending === 'confirm' || interp.correction === true;

  const set = <K extends 'category' | 'orderId' | 'description' | 'resolution' | 'contact'>(
    slot: K,
    value: NonNullable<IntakeState['slots'][K]> | undefined,
    force = false,
  ) => {
    if (value === undefined) return;
    const current = slots[slot];
    if (current === undefined) {
      slots[slot] = value;
      record(intake, slot, value, 'given', at);
      changes.filled.push(slot);
    } else if (current !== value && (force || mayChange(slot))) {
      slots[slot] = value;
      record(intake, slot, value, 'correction', at);
      changes.corrected.push(slot);
    }
  };

  set('category', found.category);
  // An order number never appears by accident: a new one is always a correction.
  set('orderId', found.orderId, true);
  set('resolution', found.resolution);
  set('contact', found.contact, true);

  let description = found.description;
  // A yes, a no or "提交" is an answer to some other question, never the story.
  const answeringDescription =
    intake.pending === 'description' &&
    interp.act === undefined &&
    !['faq', 'ask_human', 'cancel', 'case_status', 'greeting', 'thanks', 'confirm', 'deny'].includes(
      interp.intent,
    );
  // A message that corrected an earlier answer ("订单号写错了，应该是…") is not also the story.
  if (!description && answeringDescription && changes.corrected.length === 0) {
    // "no pics", "I have photos", "不留电话" answer other questions; they tell no story.
    const plain = storyFrom(text);
    if (plain && storyFrom(storyPart(text))) description = plain;
  }
  if (found.addition && slots.description !== undefined && !slots.description.includes(found.addition)) {
    const joiner = /\p{Script=Han}/u.test(found.addition) ? '；' : '; ';
    slots.description = `${slots.description}${joiner}${found.addition}`;
    record(intake, 'description', slots.description, 'given', at);
    changes.added.push('description');
  } else if (found.addition && !description) description = found.addition;
  if (description && slots.description === undefined) set('description', description);
  else if (description && answeringDescription) set('description', description);
  // "问题描述不对 应该是…" at the summary.
  else if (description && intake.pending === 'confirm' && interp.correction) set('description', description);

  const evidence: EvidenceItem[] = [
    ...(found.evidence ?? []).map(mentionedEvidence),
    ...attachments.map(fileEvidence),
  ];
  const newEvidence = evidence.filter(
    (e, i) =>
      !slots.evidence.some((s) => sameEvidence(s, e)) &&
      !evidence.slice(0, i).some((p) => sameEvidence(p, e)),
  );
  if (newEvidence.length) {
    slots.evidence.push(...newEvidence);
    record(intake, 'evidence', [...slots.evidence], 'given', at);
    if (!changes.filled.includes('evidence')) changes.filled.push('evidence');
  }
  if ((newEvidence.length || found.evidenceNone) && !slots.evidenceDone) {
    slots.evidenceDone = true;
    if (found.evidenceNone) {
      record(intake, 'evidence', [], 'given', at);
      changes.filled.push('evidence');
    }
  }
  if (
    intake.pending === 'evidence' &&
    interp.act === 'affirm' &&
    !newEvidence.length &&
    !slots.evidence.length &&
    !slots.evidenceDone
  ) {
    // "Yes, I have evidence" without saying what: recorded so an agent can ask for it.
    slots.evidence.push({ kind: 'mentioned', item: 'unspecified' });
    slots.evidenceDone = true;
    record(intake, 'evidence', [...slots.evidence], 'given', at);
    changes.filled.push('evidence');
  }
  if (found.contactNone && !slots.contact && !slots.contactDone) {
    slots.contactDone = true;
    record(intake, 'contact', null, 'given', at);
    changes.filled.push('contact');
  }
  return changes;
}

/** Records an optional slot as "not given" (evidence: none yet; contact: declined). */
export function declineSlot(intake: IntakeState, slot: SlotName, at: string): void {
  if (slot === 'evidence' && !intake.slots.evidenceDone) {
    intake.slots.evidenceDone = true;
    record(intake, 'evidence', [...intake.slots.evidence], 'given', at);
  }
  if (slot === 'contact' && !intake.slots.contactDone) {
    intake.slots.contactDone = true;
    record(intake, 'contact', null, 'given', at);
  }
}

/** Whether the user has already given anything that cancelling would throw away. */
export function hasAnswers(intake: IntakeState): boolean {
  const s = intake.slots;
  return Boolean(s.category || s.orderId || s.description || s.resolution || s.contact || s.evidence.length);
}

/** Slots a handed-over, unfinished complaint still lacks (optional ones only if never asked). */
export function missingSlots(intake: IntakeState): SlotName[] {
  const s = intake.slots;
  return SLOT_ORDER.filter((slot) => {
    switch (slot) {
      case 'evidence':
        return !s.evidenceDone && s.evidence.length === 0;
      case 'contact':
        return s.contact === undefined && !s.contactDone;
      default:
        return s[slot] === undefined;
    }
  });
}

/** The first slot still missing, in asking order; undefined when the complaint is complete. */
export function nextMissingSlot(intake: IntakeState): SlotName | undefined {
  return missingSlots(intake)[0];
}
