import { TranscriptEntrySchema, type TranscriptEntry } from '../domain/case.js';
import { conversationId, type ConversationRef } from '../domain/conversation.js';
import type { TurnContext } from './context.js';
import { RECENT_LIMIT } from './state.js';

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The conversation's recent messages (this turn's included), oldest first, as a case transcript
 * takes them. Read from the store only when a case is opened; an entry it cannot read is skipped.
 */
export async function recentTranscript(ctx: TurnContext, ref: ConversationRef): Promise<TranscriptEntry[]> {
  const stored = await ctx.conversations.transcript(conversationId(ref));
  return stored
    .flatMap((entry) => {
      const parsed = TranscriptEntrySchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(-RECENT_LIMIT);
}

/** Adds messages to the transcript (the last RECENT_LIMIT are kept, expiring with the state). */
export function remember(ctx: TurnContext, key: string, entries: readonly TranscriptEntry[]): Promise<void> {
  if (!entries.length) return Promise.resolve();
  return ctx.conversations.appendTranscript(key, entries, {
    keep: RECENT_LIMIT,
    ttlSeconds: ctx.stateTtlSeconds ?? DEFAULT_TTL_SECONDS,
  });
}
