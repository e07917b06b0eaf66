/**
 * Storage ports. Each has a Memory and a Redis implementation that pass one shared
 * contract suite (test/store/contract.ts). Values are plain JSON-able data; callers
 * validate what they read with zod.
 */
import type { ActionSource, Case, CaseStatus, Category } from '../domain/case.js';
import type { ChannelName } from '../domain/conversation.js';
import type { UploadStore } from './sql/uploadStore.js';

export interface SetOptions {
  /** Expire the key after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist (Redis SET NX). */
  onlyIfAbsent?: boolean;
}

/** Small key/value port: dedupe keys, secrets, access tokens, locks, counters. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** Returns false when `onlyIfAbsent` was set and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Atomically increments a counter; the expiry is set when the key is created. Returns the new
   * value. Rejects when the key holds something that is not an integer.
   */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** Deletes the key only when it still holds `value` (safe lock release). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /**
   * Sets a new expiry on the key only when it still holds `value` (lease renewal by the lock
   * holder). Returns false when the key is gone or held by someone else.
   */
  expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Deletes every key that starts with `prefix`; returns how many. A scan (SCAN in Redis): for
   * rare administrative work such as erasing a person's data, never for a request's hot path.
   */
  deleteByPrefix(prefix: string): Promise<number>;
}

/** How the recent messages of a conversation are kept: the last `keep`, expiring with its state. */
export interface TranscriptRetention {
  /** At most this many messages are kept (the oldest are dropped). */
  keep: number;
  /** Expiry of the whole transcript, renewed on each append (the state's TTL). */
  ttlSeconds: number;
}

/**
 * Conversation state per `channel:userId`, as an opaque JSON value with a TTL, and beside it the
 * conversation's recent messages. The transcript is a list of its own (appended, never rewritten)
 * rather than a field of the state, so a turn does not parse, validate and re-encode thirty old
 * messages it only needs when it hands the conversation to a person.
 */
export interface ConversationStore {
  /**
   * The saved value; undefined when there is none. A stored value that is not JSON (corrupted)
   * comes back as its raw text, never as an exception: the engine discards what it cannot read.
   */
  load(conversationId: string): Promise<unknown>;
  save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void>;
  /** Removes the state and the transcript. */
  delete(conversationId: string): Promise<void>;
  /**
   * The recent messages, oldest first, as stored (JSON-parsed; an entry that is not JSON comes back
   * as its text): the caller validates them. Empty when there are none.
   */
  transcript(conversationId: string): Promise<unknown[]>;
  /** Appends messages to the transcript, keeps the last `retention.keep` and renews its expiry. */
  appendTranscript(conversationId: string, entries: readonly unknown[], retention: TranscriptRetention): Promise<void>;
}

/** Result of an atomic case update. */
export type CaseUpdateResult =
  { ok: true; case: Case } | { ok: false; reason: 'not_found' | 'conflict'; case?: Case };

/** Filters of the agents' case list (`GET /api/agent/cases`); all optional but `limit`. */
export interface CaseQuery {
  statuses?: readonly CaseStatus[];
  category?: Category;
  channel?: ChannelName;
  /** An order id, a case id, or words of the description or transcript. */
  q?: string;
  /** Created at or after / before this instant. */
  from?: Date;
  to?: Date;
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor?: string;
  limit: number;
}

/** One page of cases, oldest first; `nextCursor` when there are more. */
export interface CasePage {
  cases: Case[];
  nextCursor?: string;
}

/** Whose personal data to remove: one person's, or every case resolved before a date. */
export type AnonymizeTarget = { channel: ChannelName; userId: string } | { resolvedBefore: Date };

/** What an anonymization removed. */
export interface AnonymizeResult {
  caseIds: string[];
  /** The evidence items the cases cited (upload URLs and platform media references). */
  evidence: string[];
}

/** An assigned case as ownership needs it (handoff/ownership.ts). */
export interface AssignedCase {
  id: string;
  assignee: string;
  /** When it was claimed (its creation time when never recorded). */
  claimedAt: string;
}

/** A user's open (queued or assigned) cases, as ownership needs them. */
export interface OpenCases {
  /** How many of the user's cases are queued or assigned. */
  open: number;
  /** The assigned one claimed last, if any: it answers the conversation. */
  assigned?: AssignedCase;
}

/** Outcome of `CaseStore.create`: the stored case, and whether this call wrote it. */
export interface CaseCreateResult {
  /** false: a case with this id already existed and was left untouched. */
  created: boolean;
  /** The case as stored: `c` when created, otherwise the existing one. */
  case: Case;
}

/**
 * Cases: business records in SQL (SQLite or PostgreSQL, src/store/sql). Every write is
 * durable when the promise resolves.
 */
export interface CaseStore {
  /**
   * Writes a new case. Idempotent by case id: when a case with `c.id` exists it is returned
   * untouched with `created: false` (so a retried confirm that reuses its reserved id finds the
   * case it wrote before a crash).
   */
  create(c: Case): Promise<CaseCreateResult>;
  get(id: string): Promise<Case | undefined>;
  /** Newest first: by the instant of `createdAt` (whatever its offset), then by id, descending. */
  listByUser(channel: string, userId: string): Promise<Case[]>;
  /**
   * The user's open (queued or assigned) cases and, among them, the assigned case claimed last
   * (by the instant of `claimedAt`, else `createdAt`, then id), without events, transcript or
   * evidence: who answers the conversation.
   */
  findOpen(channel: string, userId: string): Promise<OpenCases>;
  /** Oldest first: by the instant of `createdAt`, then by id, ascending. */
  listByStatus(status: CaseStatus): Promise<Case[]>;
  /**
   * Atomically applies `change` to the stored case when `expect(current)` is true (compare-and-set).
   * Concurrent updates of one case: exactly one sees its expectation met.
   */
  update(
    id: string,
    expect: (current: Case) => boolean,
    change: (current: Case) => Case,
  ): Promise<CaseUpdateResult>;
  /** Assigns a queued case to `agent` with its `claimed` event: one winner across processes. */
  claim(id: string, agent: string, at: string, via?: ActionSource): Promise<CaseUpdateResult>;
  /** The agents' filtered, paginated list. */
  search(query: CaseQuery): Promise<CasePage>;
  /** Records that the case id is on the agents' queue. */
  markEnqueued(id: string, at: string): Promise<void>;
  /** Queued cases created before `createdBefore` whose id never reached the queue. */
  listNotEnqueued(createdBefore: Date, limit: number): Promise<string[]>;
  /**
   * Removes personal fields (user id, order id, description, contact, transcript, evidence,
   * notes) and keeps the anonymous row for reports; open cases of an erased person are closed.
   */
  anonymize(target: AnonymizeTarget, at: string): Promise<AnonymizeResult>;
}

/** A delivered queue entry. */
export interface QueueEntry {
  entryId: string;
  caseId: string;
}

/** Queue of new cases for agents (Redis Streams + consumer group in Redis mode). */
export interface CaseQueue {
  enqueue(caseId: string): Promise<void>;
  /** Reads up to `count` entries not yet delivered to the group, for `consumer`. */
  read(consumer: string, count: number): Promise<QueueEntry[]>;
  ack(entryId: string): Promise<void>;
  /** Entries delivered but not acked for longer than `idleMs` are handed to `consumer`. */
  reclaim(consumer: string, idleMs: number, count: number): Promise<QueueEntry[]>;
  /** Number of entries delivered but not yet acked. */
  pending(): Promise<number>;
  /**
   * Forgets consumers (worker processes) idle for at least `idleMs` that hold no pending entries
   * (their entries are reclaimed by live workers first), except `keep`. Returns the names removed.
   */
  removeIdleConsumers(idleMs: number, keep: string): Promise<string[]>;
}

/** Live-message fan-out between processes (Redis pub/sub in Redis mode). */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
}

/* The turn port: its keys and their hash tags are described in turnStore.ts. */

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
  /** Messages of this turn appended to the conversation's transcript (as `appendTranscript`). */
  transcript?: { entries: readonly unknown[]; retention: TranscriptRetention };
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

/**
 * All storage ports: hot state (conversations, locks, limits, queue, pub/sub) in memory or
 * Redis; records (cases, upload metadata) in SQL; upload bytes in a file storage.
 */
export interface Store {
  readonly kind: 'memory' | 'redis';
  /** Where cases are kept. */
  readonly database: 'sqlite' | 'postgres';
  readonly kv: KeyValueStore;
  readonly conversations: ConversationStore;
  /** A turn's reads and writes in two calls (lock, limits, owner, state, result). */
  readonly turns: TurnStore;
  readonly cases: CaseStore;
  readonly queue: CaseQueue;
  readonly pubsub: PubSub;
  readonly uploads: UploadStore;
  /**
   * Readiness: resolves when the store answers a round trip, throws StoreUnavailableError when it
   * does not. Absent on stores that cannot be unreachable (memory).
   */
  ping?(): Promise<void>;
  /**
   * Readiness of the case database: resolves when it answers `select 1`, throws
   * (StoreUnavailableError while it cannot be reached) when it does not.
   */
  pingDatabase?(): Promise<void>;
  close(): Promise<void>;
}
