import type { ConversationStore } from '../types.js';
import type { RedisClient } from './redisKv.js';
import { conversationKeys } from '../turnStore.js';

/** Conversation state as JSON strings with an expiry. */
export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.client.get(this.prefix + conversationKeys(conversationId).state);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw; // not JSON: the engine discards it (ConversationStore contract)
    }
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.client.set(this.prefix + conversationKeys(conversationId).state, JSON.stringify(state), {
      expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
    });
  }

  async delete(conversationId: string): Promise<void> {
    await this.client.del(this.prefix + conversationKeys(conversationId).state);
  }
}
