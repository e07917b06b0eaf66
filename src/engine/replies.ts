import type { Reply } from '../domain/message.js';
import type { Locale } from '../domain/locale.js';
import type { FaqEntry } from '../knowledge/schema.js';
import { factValues } from '../knowledge/facts.js';
import type { TurnContext } from './context.js';
import { formatOpening } from './formatting.js';
import { PHRASES, QUICK, SLOT_QUESTIONS } from './phrases.js';
import { fill } from '../domain/template.js';
import type { SlotName } from '../domain/intake.js';

/** A plain bot reply in the user's language. */
export function say(
  text: Record<Locale, string>,
  locale: Locale,
  quickReplies?: Record<Locale, readonly string[]>,
  values?: Readonly<Record<string, string>>,
): Reply {
  const reply: Reply = { text: values ? fill(text[locale], values) : text[locale] };
  if (quickReplies) reply.quickReplies = [...quickReplies[locale]];
  return reply;
}

/** An FAQ answer citing its entry. */
export function faqReply(entry: FaqEntry, locale: Locale, quick = true): Reply {
  const lang = locale === 'en' ? 'en' : 'zh';
  const reply: Reply = { text: entry.answer[lang], source: entry.id };
  if (quick) reply.quickReplies = [...QUICK.afterFaq[locale]];
  return reply;
}

/** The question for a slot, with its quick replies. */
export function askSlot(slot: SlotName, locale: Locale): Reply {
  const q = SLOT_QUESTIONS[slot];
  return say(q.text, locale, q.quick);
}

/** "People are off now; someone answers from …" — only outside staffed hours. */
export function offHoursNote(ctx: TurnContext, locale: Locale): string | undefined {
  const staffing = ctx.desk.staffing(ctx.now());
  if (staffing.staffedNow || !staffing.nextOpening) return undefined;
  return fill(PHRASES.offHours[locale], {
    ...factValues(ctx.facts),
    when: formatOpening(staffing.nextOpening, locale, ctx.timeZone),
  });
}
