import { conversationKeys, parseStoredState } from '../turnStore.js';
import type { BeginTurn, BegunTurn, CommitTurn, TurnStore } from '../types.js';
import type { MemoryKeyValueStore } from './memoryKv.js';
import { appendMemoryTranscript } from './memoryStores.js';

/** The turn port on the memory KV: the same keys and steps as the Redis scripts, with nothing in between. */
export class MemoryTurnStore implements TurnStore {
  constructor(private readonly kv: MemoryKeyValueStore) {}

  async begin(input: BeginTurn): Promise<BegunTurn> {
    const keys = conversationKeys(input.conversationId);
    const limits = input.limits ?? [];
    const counts: number[] = [];
    for (const l of limits) counts.push(await this.kv.increment(l.key, l.ttlSeconds));
    const over = limits.some((l, i) => (counts[i] ?? 0) > l.limit);
    const acquired =
      !over &&
      (await this.kv.set(keys.lock, input.holder, { onlyIfAbsent: true, ttlSeconds: input.leaseMs / 1000 }));
    if (!acquired) return { acquired, counts };
    const state = await this.kv.get(keys.state);
    return {
      acquired,
      counts,
      state: parseStoredState(state),
      result: input.messageId ? await this.kv.get(keys.result(input.messageId)) : undefined,
    };
  }

  async commit(input: CommitTurn): Promise<boolean> {
    const keys = conversationKeys(input.conversationId);
    if (input.state)
      await this.kv.set(keys.state, JSON.stringify(input.state.value), {
        ttlSeconds: input.state.ttlSeconds,
      });
    if (input.result)
      await this.kv.set(keys.result(input.result.messageId), input.result.value, {
        ttlSeconds: input.result.ttlSeconds,
      });
    if (input.transcript?.entries.length)
      await appendMemoryTranscript(this.kv, keys.transcript, input.transcript.entries, input.transcript.retention);
    return this.kv.deleteIfEquals(keys.lock, input.holder);
  }

  renew(conversationId: string, holder: string, leaseMs: number): Promise<boolean> {
    return this.kv.expireIfEquals(conversationKeys(conversationId).lock, holder, leaseMs / 1000);
  }

  release(conversationId: string, holder: string): Promise<boolean> {
    return this.kv.deleteIfEquals(conversationKeys(conversationId).lock, holder);
  }
}
