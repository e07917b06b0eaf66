import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Category, Resolution } from '../domain/case.js';
import { clausesOf } from './dialogueActs.js';
import {
  CATEGORY_ANSWERS,
  CATEGORY_KEYWORDS,
  TRANSIT_DAMAGE,
  CATEGORY_OTHER_ANSWER,
  OTHER_PROBLEM,
  OTHER_IF_NOTHING_ELSE,
  RUDENESS,
  CATEGORY_NAMED,
  NONE_OF_THESE,
  ORDINAL_CHOICE,
  EVIDENCE_KEYWORDS,
  EVIDENCE_NEGATION,
  NEGATION_BEFORE,
  RESOLUTION_KEYWORDS,
  RESOLUTION_OTHER_ANSWER,
  ADDITION,
  CORRECTION,
  NO_CONTACT,
  STORY_FIX,
  NO_EVIDENCE,
  POSSESSION,
  ORDER_NARRATIVE_SUBJECT,
  ORDER_NARRATIVE_TROUBLE,
  PROBLEM_STATEMENT,
  looksLikeQuestion,
} from './lexicon.js';
import { ORDER_UNKNOWN } from './messageCues.js';
import { normalizeText } from '../knowledge/normalize.js';
import type { PendingQuestion } from '../domain/intake.js';
import type { SlotValues } from './types.js';

/** 16–20 digits, users may type spaces or dashes between them (DESIGN §2, §6). */
const ORDER_ID = /(?<!\d)\d(?:[ -]?\d){15,19}(?!\d)/g;
const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d){3,}(?!\d)/g;
const MOBILE = /(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/g;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** Order numbers in the text, digits only. */
export function findOrderIds(text: string): string[] {
  return [...text.matchAll(ORDER_ID)].map((m) => digitsOf(m[0]));
}

/** Valid mainland mobile numbers (libphonenumber's full metadata), as 11 digits. */
export function findMobiles(text: string): string[] {
  return [...text.matchAll(MOBILE)].flatMap((m) => {
    const phone = parsePhoneNumberFromString(m[0], 'CN');
    return phone?.isValid() && phone.getType() === 'MOBILE' ? [phone.nationalNumber] : [];
  });
}

export function findEmail(text: string): string | undefined {
  return EMAIL.exec(text)?.[0];
}

/** Digit runs (4+ digits) that are neither an order number nor a valid mobile number. */
export function findStrayNumbers(text: string): string[] {
  const orders = new Set(findOrderIds(text));
  const mobiles = new Set(findMobiles(text));
  return [...text.matchAll(DIGIT_RUN)]
    .map((m) => digitsOf(m[0]))
    .filter((d) => !orders.has(d) && !mobiles.has(d));
}

/** Removes order numbers and phone numbers (for a description that doesn't repeat them). */
const NUMBER_PHRASE = new RegExp(
  `(?:订单号?|单号|order(?: number| no\\.?)?|手机号?|电话|phone)?\\s*(?:是|为|:|：)?\\s*(?:${ORDER_ID.source}|${MOBILE.source})`,
  'gi',
);

/** Saying what evidence one has ("I have photos", "有聊天记录截图"), as a whole phrase. */
const HAVING_EVIDENCE =
  /(我)?(有|拍了?|截了?|存了?)?(照片|图片|截图|视频|录像|聊天记录)(截图)?|\b(i )?(have|had|got|took|saved)? ?(some |the )?(photos?|pictures?|pics?|screenshots?|videos?|chat (records?|logs?|history)|receipts?)\b/g;

/**
 * What is left of a message to tell a story with once numbers and what answers other questions
 * ("没有证据", "I have photos", "不留电话") are taken out.
 */
export function storyPart(text: string): string {
  const norm = normalizeText(text);
  return withoutNumbers(
    norm.replace(NO_EVIDENCE, ' ').replace(HAVING_EVIDENCE, ' ').replace(NO_CONTACT, ' '),
  );
}

/** Characters a message must keep, numbers taken out, to count as a story. */
const MIN_STORY_CHARS = 4;

/** The message without its numbers, when enough is left to tell a story with; else undefined. */
export function storyFrom(text: string): string | undefined {
  const story = withoutNumbers(text.trim());
  return [...story].length >= MIN_STORY_CHARS ? story : undefined;
}

function withoutNumbers(text: string): string {
  return text
    .replace(NUMBER_PHRASE, '')
    .replace(/([，,。.；;])\s*(?=[，,。.；;]|$)/g, '')
    .replace(/^[，,。.；;\s]+/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function notNegated(text: string, index: number): boolean {
  return !NEGATION_BEFORE.test(text.slice(Math.max(0, index - 12), index));
}

/** The quick replies in the order they are shown (engine/phrases.ts), for "选第一个". */
const CATEGORY_CHOICES: readonly Category[] = ['quality', 'logistics', 'after_sales', 'other'];
const RESOLUTION_CHOICES: readonly Resolution[] = [
  'refund',
  'return',
  'exchange',
  'repair',
  'compensation',
  'other',
];
const ORDINALS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
};

/** Words around a positional pick that add nothing ("选", "吧", "I'll take", "please"). */
const CHOICE_FILLER =
  /[吧啊呀的呢哦嗯。.!！?？,，~～\s]|选|要|我|就|那|\b(please|pls|one|option|the|i'?ll take|i want|take|ok)\b/g;

/** A quick reply picked by its position ("选第一个", "the second one", "最后一个"). */
function ordinalChoice<T>(text: string, choices: readonly T[]): T | undefined {
  const m = ORDINAL_CHOICE.exec(text);
  // Only a reply that is the choice ("选第二个吧", "the last one"), not "第二个杯子也碎了".
  if (!m) return undefined;
  const rest = text.replace(m[0], '').replace(CHOICE_FILLER, '');
  if (rest.trim() !== '') return undefined;
  if (m[4] !== undefined || m[5] === 'last') return choices[choices.length - 1];
  const word = m[1] ?? m[3] ?? m[5] ?? m[7] ?? '';
  const n = ORDINALS[word] ?? Number(word);
  return n >= 1 && n <= choices.length ? choices[n - 1] : undefined;
}

/**
 * The category the text is about: explicit answer first, else most keyword hits; when the
 * text answers "which kind of problem", "none of these" means `other`.
 */
export function findCategory(text: string, answering = false): Category | undefined {
  const trimmed = text.trim().replace(/[。.!！~～]+$/, '');
  for (const [category, pattern] of CATEGORY_ANSWERS) if (pattern.test(trimmed)) return category;
  if (answering) {
    const picked = ordinalChoice(trimmed, CATEGORY_CHOICES);
    if (picked) return picked;
    if (NONE_OF_THESE.test(text)) return 'other';
  }
  for (const [category, pattern] of CATEGORY_NAMED) {
    const m = pattern.exec(text);
    if (m && text[m.index - 1] !== '不' && notNegated(text, m.index)) return category;
  }
  if (OTHER_PROBLEM.test(text)) return 'other';
  if (TRANSIT_DAMAGE.test(text)) return 'logistics';
  let best: Category | undefined;
  let bestHits = 0;
  for (const [category, pattern] of CATEGORY_KEYWORDS) {
    const hits = [...text.matchAll(pattern)].filter((m) => notNegated(text, m.index)).length;
    if (hits > bestHits) {
      best = category;
      bestHits = hits;
    }
  }
  if (!best && (RUDENESS.test(text) || OTHER_IF_NOTHING_ELSE.test(text))) return 'other';
  if (!best && answering && CATEGORY_OTHER_ANSWER.test(text)) return 'other';
  return best;
}

/**
 * The resolution asked for: the last one mentioned that is not negated ("不是退货，我要换货" →
 * exchange); when the text answers "how should it be resolved", "whatever / an apology" is `other`.
 */
export function findResolution(text: string, answering = false): Resolution | undefined {
  const picked = answering ? ordinalChoice(text.trim(), RESOLUTION_CHOICES) : undefined;
  if (picked) return picked;
  let found: { resolution: Resolution; index: number } | undefined;
  for (const [resolution, pattern] of RESOLUTION_KEYWORDS) {
    for (const m of text.matchAll(pattern)) {
      if (!notNegated(text, m.index)) continue;
      if (!found || m.index > found.index) found = { resolution, index: m.index };
    }
  }
  if (!found && answering && RESOLUTION_OTHER_ANSWER.test(text)) return 'other';
  return found?.resolution;
}

/** NO_EVIDENCE without its global flag, for a stateless test. */
const SAYS_NO_EVIDENCE = new RegExp(NO_EVIDENCE.source);

const PHOTOS = '照片/photos';
const PHOTO_NOUN = /照片|图片|截图|截屏|相片|图|\b(photos?|pictures?|pics?|screenshots?|images?|snaps?)\b/;

/** Evidence the user says they have ("有照片和聊天记录"); a clause that negates it doesn't count. */
export function findEvidence(text: string, answering = false): string[] {
  // In passing, only what the user says they have: "跟图片完全不一样" names no evidence.
  const clauses = clausesOf(text).filter(
    (c) => !EVIDENCE_NEGATION.test(c) && (answering || POSSESSION.test(c)),
  );
  const labels = EVIDENCE_KEYWORDS.filter(([, inPassing, asAnswer]) =>
    clauses.some((c) => (answering ? asAnswer : inPassing).test(c)),
  ).map(([label]) => label);
  // "拍了视频": the 拍 is the video's, not a photo's.
  const photoOnlyByVerb = !clauses.some((c) => PHOTO_NOUN.test(c));
  return labels.length > 1 && photoOnlyByVerb ? labels.filter((l) => l !== PHOTOS) : labels;
}

/**
 * The slot values one message gives, read with the question that is pending: an order number
 * always, a category, resolution or evidence when named, a mobile number only where it is
 * offered as the contact, and the text itself as the story when it states a problem.
 */
export function extractSlots(
  norm: string,
  original: string,
  pending: PendingQuestion | undefined,
): SlotValues {
  const slots: SlotValues = {};
  const orderIds = findOrderIds(norm);
  if (orderIds.length) slots.orderId = orderIds[orderIds.length - 1];
  const category = findCategory(norm, pending === 'category');
  if (
    category &&
    (category !== 'other' ||
      pending === 'category' ||
      OTHER_PROBLEM.test(norm) ||
      (OTHER_IF_NOTHING_ELSE.test(norm) && PROBLEM_STATEMENT.test(norm)) ||
      RUDENESS.test(norm))
  )
    slots.category = category;
  const resolution = findResolution(norm, pending === 'resolution');
  if (resolution && (resolution !== 'other' || pending === 'resolution')) slots.resolution = resolution;
  const evidence = findEvidence(norm, pending === 'evidence');
  if (evidence.length) slots.evidence = evidence;
  else if (SAYS_NO_EVIDENCE.test(norm)) slots.evidenceNone = true;
  const mobile = findMobiles(norm)[0];
  const email = findEmail(original);
  if (
    mobile &&
    (pending === 'contact' ||
      pending === 'confirm' ||
      /电话|手机|联系|号码|phone|mobile|contact|call|reach/.test(norm))
  )
    slots.contact = mobile;
  else if (email) slots.contact = email;
  else if (pending !== 'contact' && NO_CONTACT.test(norm)) slots.contactNone = true;
  const narrative = ORDER_NARRATIVE_SUBJECT.test(norm) && ORDER_NARRATIVE_TROUBLE.test(norm);
  const aboutOrderNumber = pending === 'orderId' && ORDER_UNKNOWN.test(norm);
  // "订单号写错了，应该是…", "质量 哦不对 应该是物流" mend a value; their 错了/不对 tell no story.
  const mendsValue =
    CORRECTION.test(norm) && (orderIds.length > 0 || slots.contact !== undefined || pending === 'category');
  const storyFix = pending === 'confirm' ? (STORY_FIX.exec(original.trim()) ?? STORY_FIX.exec(norm)) : null;
  const newStory = storyFix?.[1] ?? storyFix?.[2];
  if (newStory) slots.description = newStory.trim();
  // "补充一下 沙发腿也是歪的" while another question waits: more story, not an answer to it.
  const addition = ADDITION.exec(norm);
  if (addition && pending && pending !== 'description' && pending !== 'confirm') {
    const said = original.trim().length === norm.length ? original.trim() : norm;
    const rest = storyFrom(said.slice(addition[0].length));
    if (rest) slots.addition = rest;
  }
  if (
    !slots.description &&
    (PROBLEM_STATEMENT.test(norm) || narrative) &&
    !looksLikeQuestion(norm) &&
    !aboutOrderNumber &&
    !mendsValue
  ) {
    const description = storyFrom(original);
    if (description) slots.description = description;
  }
  return slots;
}
