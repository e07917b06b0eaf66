import { systemClock, type Clock } from '../../domain/clock.js';
import { EventEmitter } from 'node:events';
import type { CaseQueue, ConversationStore, PubSub, QueueEntry, TranscriptRetention } from '../types.js';
import type { MemoryKeyValueStore } from './memoryKv.js';
import { conversationKeys, normalizedRetention, parseStoredJson } from '../turnStore.js';

/**
 * Appends to a transcript kept in the memory KV as one JSON array of entry texts (the Redis list's
 * items), keeping the last `keep`; the turn store's commit does the same.
 */
export async function appendMemoryTranscript(
  kv: MemoryKeyValueStore,
  key: string,
  entries: readonly unknown[],
  retention: TranscriptRetention,
): Promise<void> {
  const { keep, ttlSeconds } = normalizedRetention(retention);
  const items = [...readItems(await kv.get(key)), ...entries.map((e) => JSON.stringify(e))];
  await kv.set(key, JSON.stringify(items.slice(-keep)), { ttlSeconds });
}

function readItems(raw: string | undefined): string[] {
  const items = raw === undefined ? [] : parseStoredJson(raw);
  return Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string') : [];
}

/** Conversation state kept as JSON text in the memory KV (so TTLs and isolation match Redis). */
export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly kv: MemoryKeyValueStore) {}

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.kv.get(conversationKeys(conversationId).state);
    return raw === undefined ? undefined : parseStoredJson(raw);
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.kv.set(conversationKeys(conversationId).state, JSON.stringify(state), { ttlSeconds });
  }

  async delete(conversationId: string): Promise<void> {
    const keys = conversationKeys(conversationId);
    await this.kv.delete(keys.state);
    await this.kv.delete(keys.transcript);
  }

  async transcript(conversationId: string): Promise<unknown[]> {
    return readItems(await this.kv.get(conversationKeys(conversationId).transcript)).map(parseStoredJson);
  }

  appendTranscript(conversationId: string, entries: readonly unknown[], retention: TranscriptRetention): Promise<void> {
    return appendMemoryTranscript(this.kv, conversationKeys(conversationId).transcript, entries, retention);
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
