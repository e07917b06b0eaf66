/**
 * The turn port: what one conversation turn needs from the store, in two calls. `begin` counts
 * the caller's rate limits, takes the conversation's lease lock and reads its owner, state and
 * (for a message id) the stored result of an earlier copy of the message; `commit` saves the
 * state and the result and releases the lock. In Redis each call is one round trip (Lua scripts
 * on keys of one hash slot, `{conversation id}`), so a turn costs two round trips, also on
 * Redis Cluster. Memory and Redis implement it and pass the contract suite.
 */

/** Keys (without the store's prefix) of one conversation; all share the hash tag `{id}`. */
export function conversationKeys(conversationId: string) {
  const tag = `{${conversationId}}`;
  return {
    state: `conv:${tag}`,
    lock: `lock:conv:${tag}`,
    owner: `owner:${tag}`,
    result: (messageId: string) => `turn:${tag}:${messageId}`,
  };
}

/** The hash tag of a conversation's keys: a counter key containing it is counted inside `begin`'s script. */
export const conversationTag = (conversationId: string) => `{${conversationId}}`;

/** A fixed-window counter the turn must stay within (`limit` per window); `key` is the counter's key. */
export interface CounterLimit {
  key: string;
  limit: number;
  /** The counter expires this long after it is created. */
  ttlSeconds: number;
}

export interface BeginTurn {
  conversationId: string;
  /** Unique value of this attempt's lock (released only by its holder). */
  holder: string;
  leaseMs: number;
  /** Counted once (pass them on the first attempt only); when one is over its limit no lock is taken. */
  limits?: readonly CounterLimit[];
  /** The message's id: its stored result (if any) comes back in `result`. */
  messageId?: string;
}

export interface BegunTurn {
  /** false: another holder has the lock (or a limit was exceeded): nothing below is read. */
  acquired: boolean;
  /** The counters' new values, in the order of `limits`. */
  counts: number[];
  /** Conversation state as stored (JSON-parsed), undefined when none. */
  state?: unknown;
  /** The owner record as stored (JSON text), undefined when the bot owns the conversation. */
  owner?: string;
  /** The stored result of this message id (JSON text), undefined when none. */
  result?: string;
}

export interface CommitTurn {
  conversationId: string;
  holder: string;
  /** The new conversation state, when the turn produced one. */
  state?: { value: unknown; ttlSeconds: number };
  /** The result to keep for repeats of this message id. */
  result?: { messageId: string; value: string; ttlSeconds: number };
}

/** Two-call turns on one conversation (see the module comment). */
export interface TurnStore {
  begin(input: BeginTurn): Promise<BegunTurn>;
  /** Saves what is given (even when the lock was lost, as a plain save would), then releases the lock if still held. Returns whether it was. */
  commit(input: CommitTurn): Promise<boolean>;
  /** Renews the lease while the holder works; false when the lock is gone or someone else's. */
  renew(conversationId: string, holder: string, leaseMs: number): Promise<boolean>;
  /** Releases the lock if `holder` still has it. */
  release(conversationId: string, holder: string): Promise<boolean>;
}
