import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { conversationId } from '../domain/conversation.js';
import type { KeyValueStore } from '../store/types.js';
import type { TurnContext, TurnResult } from './context.js';
import { handleTurn } from './handleTurn.js';
import type { InboundMessage } from '../domain/message.js';

/** Runs turns for channels. The one function every channel adapter calls. */
export type RunTurn = (msg: InboundMessage) => Promise<TurnResult>;

const LOCK_TTL_SECONDS = 30;
const LOCK_WAIT_MS = 10_000;

/**
 * Serializes turns per conversation — in this process by chaining them, across workers with a
 * lock in the store — so two messages of one user never interleave their state updates; and
 * times each turn.
 */
export function createTurnRunner(
  ctx: TurnContext,
  kv: KeyValueStore,
  observe?: (channel: string, seconds: number) => void,
): RunTurn {
  const chains = new Map<string, Promise<unknown>>();
  const runLocked = lockedRunner(ctx, kv, observe);
  return (msg) => {
    const key = conversationId(msg);
    const previous = chains.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => runLocked(msg));
    const tail = turn.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return turn;
  };
}

function lockedRunner(
  ctx: TurnContext,
  kv: KeyValueStore,
  observe?: (channel: string, seconds: number) => void,
): RunTurn {
  return async (msg) => {
    const lockKey = `lock:conv:${conversationId(msg)}`;
    const holder = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    let delay = 5;
    while (!(await kv.set(lockKey, holder, { onlyIfAbsent: true, ttlSeconds: LOCK_TTL_SECONDS }))) {
      if (Date.now() > deadline) break; // a stuck holder: go ahead rather than drop the message
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
    const started = performance.now();
    try {
      return await handleTurn(ctx, msg);
    } finally {
      observe?.(msg.channel, (performance.now() - started) / 1000);
      await kv.deleteIfEquals(lockKey, holder);
    }
  };
}
