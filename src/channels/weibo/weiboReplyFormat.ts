/**
 * Longest text one Weibo message may carry, in characters (code points). The docs of both the
 * passive reply and messages/reply say "文本大小必须小于300个汉字" — *less than* 300.
 */
export const WEIBO_TEXT_LIMIT = 299;

/** The passive reply body Weibo accepts as the HTTP answer to a push (发送被动响应消息, text). */
export interface WeiboPassiveReply {
  result: true;
  /** The user who gets the reply (the push's `sender_id`). */
  receiver_id: string;
  /** Our account (the push's `receiver_id`). */
  sender_id: string;
  type: 'text';
  /** URL-encoded (UTF-8) JSON `{"text": …}`. */
  data: string;
}

/** Passive text reply to a push from `userId` to our account `accountId`. */
export function passiveReply(userId: string, accountId: string, text: string): WeiboPassiveReply {
  return {
    result: true,
    receiver_id: userId,
    sender_id: accountId,
    type: 'text',
    data: encodeURIComponent(JSON.stringify({ text })),
  };
}

/** Several engine replies as one plain text (the shared renderer, under its Weibo name). */
export { repliesText as joinReplies, outboundText } from '../outboundText.js';

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';', '…']);
const CLAUSE_END = new Set(['，', ',', '、', '：', ':', ' ', '\t', '）', ')', '】']);
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Where to cut `chars` (longer than `limit`): after a line break, else a sentence, else a clause. */
function cutIndex(chars: readonly string[], limit: number): number {
  const floor = Math.floor(limit * 0.3);
  const lastWhere = (test: (c: string, i: number) => boolean): number => {
    for (let i = limit - 1; i >= floor; i--) {
      const c = chars[i];
      if (c !== undefined && test(c, i)) return i + 1;
    }
    return -1;
  };
  const byLine = lastWhere((c) => c === '\n');
  if (byLine > 0) return byLine;
  const bySentence = lastWhere((c, i) => SENTENCE_END.has(c) || (c === '.' && isSpace(chars[i + 1])));
  if (bySentence > 0) return bySentence;
  const byClause = lastWhere((c) => CLAUSE_END.has(c));
  return byClause > 0 ? byClause : limit;
}

/**
 * Splits a text into messages of at most `limit` characters, on line, then sentence, then clause
 * boundaries (a hard cut only when a stretch has none). Parts are trimmed; empty parts dropped.
 */
export function splitWeiboText(text: string, limit = WEIBO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = Array.from(text.trim());
  while (rest.length > limit) {
    const cut = cutIndex(rest, limit);
    const part = rest.slice(0, cut).join('').trim();
    if (part) parts.push(part);
    rest = rest.slice(cut);
    while (rest.length && isSpace(rest[0])) rest = rest.slice(1);
  }
  const last = rest.join('').trim();
  if (last) parts.push(last);
  return parts;
}
