import type { Locale } from '../domain/locale.js';
import type { Reply } from '../domain/message.js';
import type { ConversationRef } from '../domain/conversation.js';
import type { TurnContext } from './context.js';
import { formatCaseLine } from './formatting.js';
import { PHRASES } from './phrases.js';
import { faqReply, say } from './replies.js';

/** The FAQ entry on following a complaint up, shown to a user with no case here. */
const FOLLOW_UP_FAQ = 'follow-up-progress';

/**
 * "我的投诉进度": the user's own cases (at most ten) with status and due dates, or, with none filed
 * here (maybe filed by phone), that there is none and how a complaint is followed up.
 */
export async function caseStatusReplies(
  ctx: TurnContext,
  ref: ConversationRef,
  locale: Locale,
): Promise<Reply[]> {
  const cases = await ctx.desk.listCases(ref);
  if (!cases.length) {
    const followUp = ctx.faq.byId(FOLLOW_UP_FAQ);
    return [say(PHRASES.noCases, locale), ...(followUp ? [faqReply(followUp, locale)] : [])];
  }
  const header =
    locale === 'en' ? `Your complaints (${cases.length}):` : `您的投诉（共 ${cases.length} 个）：`;
  const lines = cases.slice(0, 10).map((c) => formatCaseLine(c, locale, ctx.timeZone));
  return [{ text: [header, ...lines].join('\n') }];
}
