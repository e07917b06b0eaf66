import { conversationId, type ConversationRef } from '../domain/conversation.js';
import { detectLocale } from '../knowledge/normalize.js';
import { factValues } from '../knowledge/facts.js';
import type { Interpretation, NluContext } from '../nlu/types.js';
import { repeatedConfirm, reserveCaseId } from './confirmOnce.js';
import { missingSlots } from './intakeSlots.js';
import { caseOpened, currentOwner } from './ownershipCheck.js';
import type { TurnContext, TurnRef, TurnResult } from './context.js';
import { caseStatusReplies } from './caseStatus.js';
import { continueIntake, promptNext, startIntake, type IntakeStep } from './intakeFlow.js';
import { handoffCaseId } from './intakeOutcomes.js';
import type { Attachment, InboundMessage, Reply } from '../domain/message.js';
import { PHRASES, QUICK } from './phrases.js';
import { fill } from '../domain/template.js';
import { faqReply, offHoursNote, say } from './replies.js';
import { SLOT_ORDER } from '../domain/intake.js';
import { legacyTranscript, newConversationState, parseConversationState, type ConversationState } from './state.js';
import { recentTranscript, remember } from './transcript.js';

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;
const SUBSCRIBE_EVENTS = new Set(['subscribe', 'follow', 'session_start']);

/**
 * One conversation turn: load state, interpret, decide, save, reply. Pure of transport:
 * channels turn their payloads into an InboundMessage and deliver `replies`.
 */
export async function handleTurn(ctx: TurnContext, msg: InboundMessage): Promise<TurnResult> {
  const ref: ConversationRef = { channel: msg.channel, userId: msg.userId };
  const key = conversationId(ref);
  const now = ctx.now().toISOString();
  const raw = await ctx.conversations.load(key);
  let state = parseConversationState(raw);
  if (!state) {
    if (raw !== undefined && raw !== null) ctx.hooks?.onStateDiscarded?.(key, 'unreadable state');
    state = newConversationState(now, msg.locale ?? 'zh-CN');
  }
  const text = (msg.text ?? '').trim();
  const attachments = msg.attachments ?? [];
  if (text) state.locale = detectLocale(text, state.locale);
  const line =
    text || attachments.map((a) => `[${a.type}] ${a.url ?? a.mediaId ?? ''}`).join(' ') || `[${msg.kind}]`;
  // A state saved before version 3 hands its messages to the transcript list first.
  await remember(ctx, key, [...legacyTranscript(raw), { from: 'user', text: line, at: now }]);

  const result = await decide(ctx, state, msg, ref, { text, line });
  if (result.caseId) caseOpened(state);
  await remember(ctx, key, result.replies.map((r) => ({ from: 'bot' as const, text: r.text, at: now })));
  reserveCaseId(ctx, state);
  state.turns += 1;
  state.updatedAt = now;
  await ctx.conversations.save(key, state, ctx.stateTtlSeconds ?? DEFAULT_TTL_SECONDS);
  return { ...result, state };
}

/** `text` is the message's trimmed text; `line` the message as the transcript keeps it (its text, or what it carried). */
async function decide(
  ctx: TurnContext,
  state: ConversationState,
  msg: InboundMessage,
  ref: ConversationRef,
  { text, line }: { text: string; line: string },
): Promise<Omit<TurnResult, 'state'>> {
  const locale = state.locale;
  const attachments = msg.attachments ?? [];

  // A person owns the conversation: relay to them, the bot stays silent.
  const owner = await currentOwner(ctx, state, ref, msg.newUser === true);
  if (owner.type === 'agent') {
    await ctx.desk.relayUserMessage(owner.caseId, line, attachments);
    ctx.hooks?.onTurn?.({ intent: 'relayed', channel: ref.channel, fallback: false });
    return { replies: [], intent: 'relayed' };
  }

  if (msg.kind === 'event') {
    ctx.hooks?.onTurn?.({ intent: 'event', channel: ref.channel, fallback: false });
    const replies =
      msg.event && SUBSCRIBE_EVENTS.has(msg.event) ? [say(PHRASES.greeting, locale, QUICK.greeting)] : [];
    return { replies, intent: 'event' };
  }
  if (!text && !attachments.length) {
    const phrase = msg.kind === 'voice' ? PHRASES.voiceNoText : PHRASES.sendText;
    return { replies: [say(phrase, locale)], intent: 'other' };
  }

  const interp = await ctx.nlu.interpret(text, nluContext(state));
  const intake = state.intake;
  if (intake) {
    const step = await continueIntake(
      ctx,
      state,
      intake,
      interp,
      { text, attachments },
      {
        ...ref,
        messageId: msg.messageId,
      },
    );
    return finishIntakeStep(ctx, state, interp, step, ref.channel);
  }
  const repeat = await repeatedConfirm(ctx, state, ref, text);
  if (repeat) return repeat;
  if (!text) return { replies: [say(PHRASES.imageOutsideIntake, locale, QUICK.afterFaq)], intent: 'other' };
  return answerOutsideIntake(ctx, state, interp, { text, attachments }, { ...ref, messageId: msg.messageId });
}

/** The narrow view of the conversation the NLU reads a reply in. */
function nluContext(state: ConversationState): NluContext {
  const intake = state.intake;
  return {
    locale: state.locale,
    pending: intake ? (intake.interruption ?? intake.pending) : state.awaiting,
    filled: intake ? SLOT_ORDER.filter((slot) => !missingSlots(intake).includes(slot)) : [],
  };
}

function finishIntakeStep(
  ctx: TurnContext,
  state: ConversationState,
  interp: Interpretation,
  step: IntakeStep,
  channel: string,
): Omit<TurnResult, 'state'> {
  if (step.outcome) {
    const started = state.intake ? Date.parse(state.intake.startedAt) : NaN;
    ctx.hooks?.onIntake?.(step.outcome, Number.isNaN(started) ? undefined : ctx.now().getTime() - started);
  }
  state.intake = step.intake;
  ctx.hooks?.onTurn?.({ intent: interp.intent, channel, fallback: false });
  return { replies: step.replies, intent: interp.intent, caseId: step.caseId };
}

async function answerOutsideIntake(
  ctx: TurnContext,
  state: ConversationState,
  heard: Interpretation,
  msg: { text: string; attachments: readonly Attachment[] },
  ref: TurnRef,
): Promise<Omit<TurnResult, 'state'>> {
  const locale = state.locale;
  let interp = heard;
  const awaitingHuman = state.awaiting === 'offer_human';
  delete state.awaiting;
  const done = (replies: Reply[], fallback = false, caseId?: string): Omit<TurnResult, 'state'> => {
    state.misses = fallback ? state.misses + 1 : 0;
    if (fallback) state.awaiting = 'offer_human';
    ctx.hooks?.onTurn?.({ intent: interp.intent, channel: ref.channel, fallback });
    return { replies, intent: interp.intent, caseId };
  };

  if (awaitingHuman && interp.intent === 'confirm') interp = { ...interp, intent: 'ask_human' };
  if (awaitingHuman && interp.intent === 'deny') return done([say(PHRASES.humanDeclined, locale)]);
  switch (interp.intent) {
    case 'greeting':
      return done([say(PHRASES.greeting, locale, QUICK.greeting)]);
    case 'thanks':
      return done([say(PHRASES.thanks, locale)]);
    case 'cancel':
      return done([say(PHRASES.nothingToCancel, locale)]);
    case 'ask_human': {
      const c = await ctx.desk.requestHuman({
        channel: ref.channel,
        userId: ref.userId,
        id: handoffCaseId(ctx, ref),
        locale,
        transcript: await recentTranscript(ctx, ref),
        reason: 'user asked for a person',
      });
      const note = offHoursNote(ctx, locale);
      return done(
        [{ text: [fill(PHRASES.humanQueued[locale], { id: c.id }), note].filter(Boolean).join('\n') }],
        false,
        c.id,
      );
    }
    case 'case_status':
      return done(await caseStatusReplies(ctx, ref, locale));
    case 'start_complaint': {
      const intake = startIntake(interp, msg.text, msg.attachments, ctx.now().toISOString());
      state.intake = intake;
      ctx.hooks?.onIntake?.('started');
      return done([say(PHRASES.intakeStart, locale), promptNext(intake, locale)]);
    }
    case 'faq': {
      const entry = interp.faqId ? ctx.faq.byId(interp.faqId) : undefined;
      if (entry) return done([faqReply(entry, locale)]);
      break;
    }
    default:
      break;
  }
  if (interp.act === 'affirm') return done([say(PHRASES.ack, locale)]);
  if (interp.act === 'abandon' || interp.act === 'deny') return done([say(PHRASES.humanDeclined, locale)]);
  const phrase = state.misses >= 1 ? PHRASES.notSureAgain : PHRASES.notSure;
  return done([say(phrase, locale, QUICK.notSure, factValues(ctx.facts))], true);
}
