import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConflictError } from '../errors.js';
import { conversationId } from '../domain/conversation.js';
import type { KeyValueStore } from '../store/types.js';
import type { TurnContext, TurnResult } from './context.js';
import { handleTurn } from './handleTurn.js';
import { acquireLease, DEFAULT_LEASE, type Lease, type LeaseOptions } from './leaseLock.js';
import { ReplySchema, type InboundMessage } from '../domain/message.js';
import { IntentSchema } from '../nlu/types.js';
import { newConversationState, parseConversationState } from './state.js';

/** Runs turns for channels. The one function every channel adapter calls. */
export type RunTurn = (msg: InboundMessage) => Promise<TurnResult>;

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
}

const RESULT_TTL_SECONDS = 24 * 3600;

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

/**
 * Serializes turns per conversation — in this process by chaining them, across workers with a
 * lease lock in the store (renewed while the turn runs, so a dead holder costs at most one
 * lease) — and makes them idempotent on `messageId`: under the lock, a message whose result is
 * stored gets that result again and no turn runs. Two copies of one message, concurrent or
 * retried, on one process or two: exactly one turn.
 */
export function createTurnRunner(
  ctx: TurnContext,
  kv: KeyValueStore,
  options: TurnRunnerOptions = {},
): TurnRunner {
  const chains = new Map<string, Promise<unknown>>();
  const held = new Set<Lease>();
  let running = 0;
  let idleWaiters: Array<() => void> = [];
  const lease = options.lease ?? DEFAULT_LEASE;
  const resultTtl = options.resultTtlSeconds ?? RESULT_TTL_SECONDS;

  const runLocked = async (msg: InboundMessage): Promise<TurnResult> => {
    const key = conversationId(msg);
    const lock = await acquireLease(kv, `lock:conv:${key}`, lease);
    held.add(lock);
    const started = performance.now();
    try {
      const resultKey = msg.messageId ? `turn:${key}:${msg.messageId}` : undefined;
      const print = fingerprint(msg);
      if (resultKey) {
        const replay = await storedResult(kv, resultKey);
        if (replay) {
          if (replay.fingerprint !== print) {
            throw new ConflictError('this message id was already used for a different message');
          }
          const state =
            parseConversationState(await ctx.conversations.load(key)) ??
            newConversationState(ctx.now().toISOString());
          const { fingerprint: _f, ...rest } = replay;
          return { ...rest, state, replayed: true };
        }
      }
      const result = await handleTurn(ctx, msg);
      if (resultKey) {
        const stored: z.infer<typeof StoredResultSchema> = {
          fingerprint: print,
          replies: result.replies,
          intent: result.intent,
          ...(result.caseId ? { caseId: result.caseId } : {}),
        };
        await kv.set(resultKey, JSON.stringify(stored), { ttlSeconds: resultTtl });
      }
      return result;
    } finally {
      options.observe?.(msg.channel, (performance.now() - started) / 1000);
      held.delete(lock);
      await lock.release();
    }
  };

  const run = (msg: InboundMessage): Promise<TurnResult> => {
    const key = conversationId(msg);
    running += 1;
    const previous = chains.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => runLocked(msg));
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
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    releaseLocks: async () => {
      await Promise.all([...held].map((l) => l.release().catch(() => undefined)));
      held.clear();
    },
  });
}

async function storedResult(
  kv: KeyValueStore,
  key: string,
): Promise<z.infer<typeof StoredResultSchema> | undefined> {
  const raw = await kv.get(key);
  if (raw === undefined) return undefined;
  try {
    const parsed = StoredResultSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
