import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BusyError, ConflictError, RateLimitError } from '../errors.js';
import { conversationId } from '../domain/conversation.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { ConversationStore, KeyValueStore } from '../store/types.js';
import type { BegunTurn, CounterLimit, TranscriptRetention, TurnStore } from '../store/types.js';
import type { TurnContext, TurnResult } from './context.js';
import { handleTurn } from './handleTurn.js';
import { DEFAULT_LEASE, type LeaseOptions } from './leaseLock.js';
import { ReplySchema, type InboundMessage } from '../domain/message.js';
import { IntentSchema } from '../nlu/types.js';
import { newConversationState, parseConversationState } from './state.js';

/** A rate limit checked when the turn starts (in the same store call as its lock): over it → 429. */
export interface TurnLimit extends CounterLimit {
  /** Told to the client when the limit is exceeded (the rest of the window). */
  retryAfterSeconds: number;
}

/** Per-call options of a turn. */
export interface TurnOptions {
  /** Counted with the lock in one store call (web API); the first one exceeded refuses the turn. */
  limits?: readonly TurnLimit[];
}

/** Runs turns for channels. The one function every channel adapter calls. */
export type RunTurn = (msg: InboundMessage, options?: TurnOptions) => Promise<TurnResult>;

/** The turn runner with what graceful shutdown needs. */
export interface TurnRunner extends RunTurn {
  /** Turns started and not yet finished in this process. */
  inFlight(): number;
  /** Resolves true once no turn is running, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Releases the conversation locks this process still holds (shutdown after the grace period). */
  releaseLocks(): Promise<void>;
}

/** Options of the runner; defaults suit production. */
export interface TurnRunnerOptions {
  observe?: (channel: string, seconds: number) => void;
  lease?: LeaseOptions;
  /** How long the result of a message is kept for a repeat of it (default 24 h). */
  resultTtlSeconds?: number;
  /** Waits for the lock, lease renewals and `idle` (default the system's). */
  clock?: Clock;
}

const RESULT_TTL_SECONDS = 24 * 3600;
const DEFAULT_STATE_TTL_SECONDS = 7 * 24 * 3600;

/** What is kept of a turn so a repeat of its message gets the same answer without running it. */
const StoredResultSchema = z.object({
  fingerprint: z.string(),
  replies: z.array(ReplySchema),
  intent: z.union([IntentSchema, z.literal('relayed'), z.literal('event')]),
  caseId: z.string().optional(),
});

/** Same message id with other content is a client bug, not a retry: refuse it (409). */
function fingerprint(msg: InboundMessage): string {
  const content = [msg.kind, msg.text ?? '', msg.event ?? '', msg.attachments ?? []];
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

function exceeded(limits: readonly TurnLimit[], counts: readonly number[]): TurnLimit | undefined {
  return limits.find((l, i) => (counts[i] ?? 0) > l.limit);
}

/** A held conversation lock: renewed while the turn runs, released by `commit` or `release`. */
interface HeldTurn {
  release(): Promise<void>;
}

/** The lock goes with the commit: `stop` ends the renewals and forgets it without another call. */
interface HeldLock extends HeldTurn {
  stop(): Promise<void>;
}

/**
 * Serializes turns per conversation — in this process by chaining them, across workers with a
 * lease lock in the store (renewed while the turn runs, so a dead holder costs at most one
 * lease) — and makes them idempotent on `messageId`: under the lock, a message whose result is
 * stored gets that result again and no turn runs. Two copies of one message, concurrent or
 * retried, on one process or two: exactly one turn.
 *
 * A turn costs two store calls (`TurnStore`): `begin` counts the rate limits, takes the lock and
 * reads state and stored result; `commit` saves state and result and releases the lock.
 * The engine reads the preloaded state through a per-turn view of its context; who owns the
 * conversation it asks the desk, which derives it from the case (handoff/ownership.ts).
 */
export function createTurnRunner(
  ctx: TurnContext,
  store: { kv: KeyValueStore; turns: TurnStore },
  options: TurnRunnerOptions = {},
): TurnRunner {
  const { turns, kv } = store;
  const chains = new Map<string, Promise<unknown>>();
  const held = new Set<HeldTurn>();
  let running = 0;
  let idleWaiters: Array<() => void> = [];
  const lease = options.lease ?? DEFAULT_LEASE;
  const resultTtl = options.resultTtlSeconds ?? RESULT_TTL_SECONDS;
  const clock = options.clock ?? systemClock;

  /** `begin` until the lock is ours (limits counted on the first attempt only), bounded by `waitMs`. */
  const begin = async (conversationId: string, msg: InboundMessage, limits: readonly TurnLimit[]) => {
    const holder = randomUUID();
    const deadline = clock.nowMs() + lease.waitMs;
    let delay = 5;
    for (let attempt = 0; ; attempt++) {
      const begun = await turns.begin({
        conversationId,
        holder,
        leaseMs: lease.leaseMs,
        ...(attempt === 0 && limits.length ? { limits } : {}),
        ...(msg.messageId ? { messageId: msg.messageId } : {}),
      });
      const over = attempt === 0 ? exceeded(limits, begun.counts) : undefined;
      if (over) {
        if (begun.acquired) await turns.release(conversationId, holder);
        throw new RateLimitError(over.retryAfterSeconds);
      }
      if (begun.acquired) return { holder, begun };
      if (clock.nowMs() > deadline) {
        throw new BusyError(`another turn of this conversation is still running (${conversationId})`);
      }
      await clock.sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  };

  const hold = (conversationId: string, holder: string): HeldLock => {
    const heldSince = clock.nowMs();
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = clock
      .setInterval(() => {
        if (clock.nowMs() - heldSince > lease.maxHoldMs) return void timer.cancel();
        renewing = turns.renew(conversationId, holder, lease.leaseMs).catch(() => false);
      }, lease.renewEveryMs)
      .unref();
    let released = false;
    const handle: HeldTurn = {
      async release() {
        if (released) return;
        released = true;
        timer.cancel();
        held.delete(handle);
        await renewing;
        await turns.release(conversationId, holder);
      },
    };
    held.add(handle);
    return Object.assign(handle, {
      stop: async () => {
        timer.cancel();
        await renewing;
      },
    });
  };

  const runLocked = async (msg: InboundMessage, limits: readonly TurnLimit[]): Promise<TurnResult> => {
    const key = conversationId(msg);
    const { holder, begun } = await begin(key, msg, limits);
    const lock = hold(key, holder);
    const started = performance.now();
    let committed = false;
    try {
      const print = msg.messageId ? fingerprint(msg) : '';
      const replay = msg.messageId ? parseStoredResult(begun.result) : undefined;
      if (replay) {
        if (replay.fingerprint !== print) {
          throw new ConflictError('this message id was already used for a different message');
        }
        const state = parseConversationState(begun.state) ?? newConversationState(ctx.now().toISOString());
        const { fingerprint: _f, ...rest } = replay;
        return { ...rest, state, replayed: true };
      }
      const writes: TurnWrites = { transcript: [] };
      const result = await handleTurn(turnView(ctx, key, begun, writes), msg);
      const stored: z.infer<typeof StoredResultSchema> | undefined = msg.messageId
        ? {
            fingerprint: print,
            replies: result.replies,
            intent: result.intent,
            ...(result.caseId ? { caseId: result.caseId } : {}),
          }
        : undefined;
      await lock.stop();
      const { state: saved, transcript, retention } = writes;
      await turns.commit({
        conversationId: key,
        holder,
        ...(saved ? { state: saved } : {}),
        ...(transcript.length && retention ? { transcript: { entries: transcript, retention } } : {}),
        ...(stored && msg.messageId
          ? { result: { messageId: msg.messageId, value: JSON.stringify(stored), ttlSeconds: resultTtl } }
          : {}),
      });
      committed = true;
      held.delete(lock);
      return result;
    } finally {
      options.observe?.(msg.channel, (performance.now() - started) / 1000);
      if (!committed) await lock.release();
    }
  };

  const run = async (msg: InboundMessage, turnOptions: TurnOptions = {}): Promise<TurnResult> => {
    const key = conversationId(msg);
    let limits = turnOptions.limits ?? [];
    // Another turn of this conversation is queued here: check the limits now (a flood is refused
    // at once, not after waiting in line), and not again when the turn starts.
    if (limits.length && chains.has(key)) {
      const counts = await Promise.all(limits.map((l) => kv.increment(l.key, l.ttlSeconds)));
      const over = exceeded(limits, counts);
      if (over) throw new RateLimitError(over.retryAfterSeconds);
      limits = [];
    }
    running += 1;
    const previous = chains.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => runLocked(msg, limits));
    const tail = turn.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
      running -= 1;
      if (running === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const wake of waiters) wake();
      }
    });
    return turn;
  };

  return Object.assign(run, {
    inFlight: () => running,
    idle: (timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        if (running === 0) return resolve(true);
        const timer = clock.setTimeout(() => resolve(false), timeoutMs);
        idleWaiters.push(() => {
          timer.cancel();
          resolve(true);
        });
      }),
    releaseLocks: async () => {
      await Promise.all([...held].map((l) => l.release().catch(() => undefined)));
      held.clear();
    },
  });
}

/** What a turn writes to its own conversation, held for `commit`. */
interface TurnWrites {
  state?: { value: unknown; ttlSeconds: number };
  /** Messages to append to the transcript, in order. */
  transcript: unknown[];
  retention?: TranscriptRetention;
}

/**
 * The engine's context for one turn: the conversation's state comes from `begin` (no further
 * reads), and its state save and transcript appends are handed to `commit` instead of written at
 * once. The transcript is read from the store only when the turn asks for it (a case is opened),
 * with this turn's messages after the stored ones.
 */
function turnView(ctx: TurnContext, key: string, begun: BegunTurn, writes: TurnWrites): TurnContext {
  const conversations: ConversationStore = {
    load: (id) => (id === key ? Promise.resolve(begun.state) : ctx.conversations.load(id)),
    save: (id, state, ttlSeconds) => {
      if (id !== key) return ctx.conversations.save(id, state, ttlSeconds);
      // Serialized by commit right after the turn returns; nothing changes it in between.
      writes.state = { value: state, ttlSeconds: ttlSeconds ?? DEFAULT_STATE_TTL_SECONDS };
      return Promise.resolve();
    },
    delete: (id) => ctx.conversations.delete(id),
    transcript: async (id) =>
      id === key ? [...(await ctx.conversations.transcript(id)), ...writes.transcript] : ctx.conversations.transcript(id),
    appendTranscript: (id, entries, retention) => {
      if (id !== key) return ctx.conversations.appendTranscript(id, entries, retention);
      writes.transcript.push(...entries);
      writes.retention = retention;
      return Promise.resolve();
    },
  };
  return { ...ctx, conversations };
}

function parseStoredResult(raw: string | undefined): z.infer<typeof StoredResultSchema> | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = StoredResultSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
