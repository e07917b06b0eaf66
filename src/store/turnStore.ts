/**
 * Keys of the turn port (`TurnStore` in types.ts): what one conversation turn needs from the
 * store, in two calls. `begin` counts the caller's rate limits, takes the conversation's lease
 * lock and reads its state and (for a message id) the stored result of an earlier copy of the
 * message; `commit` saves the state and the result, appends the turn's messages to the
 * transcript and releases the lock. In Redis each call is
 * one round trip (Lua scripts on keys of one hash slot, `{conversation id}`), so a turn costs two
 * round trips, also on Redis Cluster. Memory and Redis implement it and pass the contract suite.
 *
 * Who owns the conversation (bot or agent) is not here: it is derived from the case in SQL
 * (handoff/ownership.ts), the one source of truth, so no owner key can disagree with it.
 */

import type { TranscriptRetention } from './types.js';

/** Keys (without the store's prefix) of one conversation; all share the hash tag `{id}`. */
export function conversationKeys(conversationId: string) {
  const tag = `{${conversationId}}`;
  return {
    state: `conv:${tag}`,
    /** The recent messages, a list (Redis) of JSON entries. */
    transcript: `transcript:conv:${tag}`,
    lock: `lock:conv:${tag}`,
    result: (messageId: string) => `turn:${tag}:${messageId}`,
  };
}

/** The hash tag of a conversation's keys: a counter key containing it is counted inside `begin`'s script. */
export const conversationTag = (conversationId: string) => `{${conversationId}}`;

/** Stored state text as the turn reads it: JSON-parsed, or the text itself when it is not JSON (the engine discards it). */
export function parseStoredState(raw: string | undefined): unknown {
  return raw === undefined ? undefined : parseStoredJson(raw);
}

/**
 * A transcript retention as every store applies it: at least one message, an expiry of at least
 * one whole second (Redis counts EXPIRE in whole seconds).
 */
export function normalizedRetention(retention: TranscriptRetention): TranscriptRetention {
  return {
    keep: Math.max(1, Math.floor(retention.keep)),
    ttlSeconds: Math.max(1, Math.ceil(retention.ttlSeconds)),
  };
}

/** Stored text as JSON, or the text itself when it is not JSON (the reader validates either). */
export function parseStoredJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
