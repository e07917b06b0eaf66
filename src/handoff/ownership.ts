import { OwnerSchema, type Owner } from './ports.js';
import { conversationId, type ConversationRef } from '../domain/conversation.js';
import type { KeyValueStore } from '../store/types.js';

const key = (ref: ConversationRef) => `owner:${conversationId(ref)}`;

/**
 * Who answers a conversation: the single source of truth, one key per conversation.
 * Missing (or unreadable) means the bot.
 */
export class Ownership {
  constructor(private readonly kv: KeyValueStore) {}

  async get(ref: ConversationRef): Promise<Owner> {
    const raw = await this.kv.get(key(ref));
    if (!raw) return { type: 'bot' };
    const parsed = OwnerSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { type: 'bot' };
  }

  async setAgent(ref: ConversationRef, caseId: string, agent: string, since: string): Promise<void> {
    await this.kv.set(key(ref), JSON.stringify({ type: 'agent', caseId, agent, since } satisfies Owner));
  }

  /** Gives the conversation back to the bot, only if this case still owns it. */
  async release(ref: ConversationRef, caseId: string): Promise<void> {
    const current = await this.get(ref);
    if (current.type === 'agent' && current.caseId === caseId) await this.kv.delete(key(ref));
  }

  /** Forgets the conversation's owner entirely (erasure of the person's data). */
  async clear(ref: ConversationRef): Promise<void> {
    await this.kv.delete(key(ref));
  }
}
