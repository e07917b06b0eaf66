import { OwnerSchema, type Owner } from './ports.js';
import { conversationId, type ConversationRef } from '../domain/conversation.js';
import type { KeyValueStore } from '../store/types.js';
import { conversationKeys } from '../store/turnStore.js';

const key = (ref: ConversationRef) => conversationKeys(conversationId(ref)).owner;

/**
 * Who answers a conversation: the single source of truth, one key per conversation.
 * Missing (or unreadable) means the bot.
 */
export class Ownership {
  constructor(private readonly kv: KeyValueStore) {}

  async get(ref: ConversationRef): Promise<Owner> {
    return Ownership.parse(await this.kv.get(key(ref)));
  }

  /** The owner from its stored JSON (as the turn store reads it): missing or unreadable → the bot. */
  static parse(raw: string | undefined): Owner {
    if (!raw) return { type: 'bot' };
    try {
      const parsed = OwnerSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : { type: 'bot' };
    } catch {
      return { type: 'bot' };
    }
  }

  async setAgent(ref: ConversationRef, caseId: string, agent: string, since: string): Promise<void> {
    await this.kv.set(key(ref), JSON.stringify({ type: 'agent', caseId, agent, since } satisfies Owner));
  }

  /** Gives the conversation back to the bot, only if this case still owns it. */
  async release(ref: ConversationRef, caseId: string): Promise<void> {
    const current = await this.get(ref);
    if (current.type === 'agent' && current.caseId === caseId) await this.kv.delete(key(ref));
  }
}
