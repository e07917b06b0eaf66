/**
 * Reading short replies to a question: yes/no polarity with negation scope, "none", "won't
 * give", "never mind", "cancel the complaint". Text is expected normalized (normalizeText:
 * NFKC, lowercase, simplified Chinese).
 *
 * A clause is scanned for cue words, longest and most specific first ("不错" and "不用改" are
 * read before "不"), each replaced by a marker; what is left over is the clause's content. A
 * clause made only of cues is *pure* ("好的，没问题" → affirm); a clause that opens with a cue
 * and goes on ("不用留电话") has *leading* polarity.
 */
import {
  AFFIRM_COMPOUNDS,
  HEDGE_CUES,
  AFFIRM_CUES,
  CHANGE_WISH,
  CONTINUE_WISH,
  DECLINE_CUES,
  DENY_COMPOUNDS,
  DENY_CUES,
  EXPLICIT_CANCEL,
  FILLER_CUES,
  NO_CHANGE,
  NONE_CUES,
  SOFT_CANCEL,
} from './actLexicon.js';
import { rememberRecent } from '../knowledge/rememberRecent.js';

export type Polarity = 'affirm' | 'deny';

const A = '\u{E001}';
const D = '\u{E002}';
const F = '\u{E003}';

const EMOJI_YES = /[👍👌✅🙆🆗✔☑💯🙏]/gu;
const EMOJI_NO = /[👎🙅❌✖⛔🚫]/gu;
const OTHER_SYMBOLS = /[\p{Extended_Pictographic}\p{So}\uFE0F\u200D]/gu;
const CLAUSE_BREAK =
  /[，,。.!！?？;；:：~～、…\n\r/()（）【】[\]"“”'‘’]+|但是|不过|可是|\bbut\b|\bhowever\b|\bthough\b/;

/** Emoji read as words, other symbols dropped, whitespace collapsed. */
export const cleanReply: (norm: string) => string = rememberRecent((norm) =>
  norm
    .replace(EMOJI_YES, ' ok ')
    .replace(EMOJI_NO, ' no ')
    .replace(OTHER_SYMBOLS, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** A space between Chinese words separates clauses the way a comma does ("物流信息能证明 一直没更新"). */
const HAN_SPACE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;

/** The reply cut into clauses at punctuation, spaces between Chinese words, and "but". */
export const clausesOf: (norm: string) => readonly string[] = rememberRecent((norm) =>
  cleanReply(norm)
    .split(CLAUSE_BREAK)
    .flatMap((c) => c.split(HAN_SPACE))
    .map((c) => c.trim())
    .filter(Boolean),
);

interface ClauseReading {
  affirm: boolean;
  deny: boolean;
  /** Only cue words, nothing else. */
  pure: boolean;
  /** Polarity of the first cue when the clause starts with one. */
  leading?: Polarity;
}

function markCues(clause: string): string {
  let s = ` ${clause} `;
  for (const [pattern, marker] of [
    [HEDGE_CUES, F],
    [AFFIRM_COMPOUNDS, A],
    [DENY_COMPOUNDS, D],
    [AFFIRM_CUES, A],
    [DENY_CUES, D],
    [FILLER_CUES, F],
  ] as const) {
    s = s.replace(pattern, ` ${marker} `);
  }
  return s.replace(/\s+/g, '');
}

const ANY_MARKER = new RegExp(`[${A}${D}${F}]`, 'gu');
const FILLER_MARKER = new RegExp(F, 'gu');

function readClause(clause: string): ClauseReading {
  const marked = markCues(clause);
  const affirm = marked.includes(A);
  const deny = marked.includes(D);
  const content = marked.replace(ANY_MARKER, '');
  const first = marked.replace(FILLER_MARKER, '')[0];
  const leading = first === A ? 'affirm' : first === D ? 'deny' : undefined;
  return { affirm, deny, pure: content.length === 0 && (affirm || deny), leading };
}

/** Reading of a whole reply: pure polarity, or the polarity it opens with. */
export interface PolarityReading {
  polarity?: Polarity;
  /** Every clause is made only of yes/no words and fillers ("嗯嗯，没错"). */
  pure: boolean;
}

/**
 * Yes or no. Deny wins over affirm within a reply ("好的，不用了" is a polite no); a reply that
 * only opens with a yes/no word and goes on says that much ("不用留电话" → deny, not pure).
 */
export function polarityOf(norm: string): PolarityReading {
  const readings = clausesOf(norm).map(readClause);
  if (!readings.length) return { pure: false };
  const withPolarity = readings.filter((r) => r.affirm || r.deny);
  if (!withPolarity.length) return { pure: false };
  const pure = readings.every((r) => r.pure);
  if (pure) return { polarity: withPolarity.some((r) => r.deny) ? 'deny' : 'affirm', pure };
  const lead = readings.find((r) => r.leading)?.leading;
  return { polarity: lead, pure: false };
}

/** "取消投诉", "不投诉了", "cancel the complaint": the user means to drop the whole complaint. */
export function isExplicitCancel(norm: string): boolean {
  const text = cleanReply(norm);
  return EXPLICIT_CANCEL.test(text) && !CONTINUE_WISH.test(text);
}

const CANCEL_WORD =
  /^(?:(?:那|那就)?取消(?:吧|了|掉|掉吧)?|(?:never mind,? )?cancel(?: it| that| this)?(?: please)?)[.!。！]*$/;

/** A bare "取消" / "cancel": at an optional question it may mean the complaint, not the question. */
export function saysCancel(norm: string): boolean {
  return CANCEL_WORD.test(cleanReply(norm));
}

/** "算了", "不弄了", "never mind": may mean "skip this" or "stop" — context decides. */
export function isSoftCancel(norm: string): boolean {
  return clausesOf(norm).some((c) => SOFT_CANCEL.test(c));
}

/** "没拍", "什么都没有", "no, I don't have any". */
export function saysNone(norm: string): boolean {
  return NONE_CUES.test(cleanReply(norm));
}

/** "不方便", "不想留", "I'd rather not": won't give an optional value. */
export function saysDecline(norm: string): boolean {
  return DECLINE_CUES.test(cleanReply(norm));
}

/** "继续", "不取消", "keep going": carry on with the complaint. */
export function wantsToContinue(norm: string): boolean {
  return CONTINUE_WISH.test(cleanReply(norm));
}

/** "要改一下", "订单号不对", "wrong": something in the summary should change. */
export function wantsChange(norm: string): boolean {
  return CHANGE_WISH.test(cleanReply(norm).replace(NO_CHANGE, ' '));
}
