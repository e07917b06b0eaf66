import { systemClock, type Clock } from '../../domain/clock.js';
import { EventEmitter } from 'node:events';
import type { CaseQueue, ConversationStore, PubSub, QueueEntry } from '../types.js';
import type { MemoryKeyValueStore } from './memoryKv.js';
import { conversationKeys } from '../turnStore.js';

/** Stored JSON, or the raw text when it is not JSON (the ConversationStore contract). */
function parseStored(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Conversation state kept as JSON text in the memory KV (so TTLs and isolation match Redis). */
export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly kv: MemoryKeyValueStore) {}

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.kv.get(conversationKeys(conversationId).state);
    return raw === undefined ? undefined : parseStored(raw);
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.kv.set(conversationKeys(conversationId).state, JSON.stringify(state), { ttlSeconds });
  }

  async delete(conversationId: string): Promise<void> {
    await this.kv.delete(conversationKeys(conversationId).state);
  }
}

interface MemoryEntry extends QueueEntry {
  deliveredTo?: string;
  deliveredAt?: number;
  acked: boolean;
}

/** Consumer-group semantics in memory: each entry is delivered once, then pending until acked. */
export class MemoryCaseQueue implements CaseQueue {
  private readonly entries: MemoryEntry[] = [];
  private readonly consumers = new Map<string, number>(); // name → last seen
  private seq = 0;

  private readonly now: () => number;

  constructor(clock: Clock = systemClock) {
    this.now = () => clock.nowMs();
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async enqueue(caseId: string): Promise<void> {
    this.seq += 1;
    this.entries.push({ entryId: `${this.now()}-${this.seq}`, caseId, acked: false });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async read(consumer: string, count: number): Promise<QueueEntry[]> {
    this.consumers.set(consumer, this.now());
    const fresh = this.entries.filter((e) => e.deliveredTo === undefined).slice(0, count);
    for (const e of fresh) {
      e.deliveredTo = consumer;
      e.deliveredAt = this.now();
    }
    return fresh.map(({ entryId, caseId }) => ({ entryId, caseId }));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async ack(entryId: string): Promise<void> {
    // An acked entry is done: dropped, so the queue holds only work (the stream is trimmed too).
    const i = this.entries.findIndex((x) => x.entryId === entryId);
    if (i >= 0) this.entries.splice(i, 1);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async reclaim(consumer: string, idleMs: number, count: number): Promise<QueueEntry[]> {
    this.consumers.set(consumer, this.now());
    const stale = this.entries
      .filter((e) => e.deliveredTo !== undefined && !e.acked && this.now() - (e.deliveredAt ?? 0) >= idleMs)
      .slice(0, count);
    for (const e of stale) {
      e.deliveredTo = consumer;
      e.deliveredAt = this.now();
    }
    return stale.map(({ entryId, caseId }) => ({ entryId, caseId }));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async pending(): Promise<number> {
    return this.entries.filter((e) => e.deliveredTo !== undefined && !e.acked).length;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async removeIdleConsumers(idleMs: number, keep: string): Promise<string[]> {
    const removed: string[] = [];
    for (const [name, seen] of this.consumers) {
      const holds = this.entries.some((e) => e.deliveredTo === name && !e.acked);
      if (name === keep || holds || this.now() - seen < idleMs) continue;
      this.consumers.delete(name);
      removed.push(name);
    }
    return removed;
  }
}

/** In-process pub/sub. */
export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  // eslint-disable-next-line @typescript-eslint/require-await
  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, handler);
    // eslint-disable-next-line @typescript-eslint/require-await
    return async () => {
      this.emitter.off(channel, handler);
    };
  }
}
