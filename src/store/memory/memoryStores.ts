import { systemClock, type Clock } from '../../domain/clock.js';
import { EventEmitter } from 'node:events';
import { CaseSchema, type Case, type CaseStatus } from '../../domain/case.js';
import type {
  CaseCreateResult,
  CaseQueue,
  CaseStore,
  CaseUpdateResult,
  ConversationStore,
  PubSub,
  QueueEntry,
} from '../types.js';
import type { MemoryKeyValueStore } from './memoryKv.js';

const clone = <T>(value: T): T => structuredClone(value);

/** Stored JSON, or the raw text when it is not JSON (the ConversationStore contract). */
function parseStored(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Oldest first by the instant of `createdAt`, ties by id — the order Redis' sorted sets give. */
const byCreation = (a: Case, b: Case): number =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Conversation state kept as JSON text in the memory KV (so TTLs and isolation match Redis). */
export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly kv: MemoryKeyValueStore) {}

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.kv.get(`conv:${conversationId}`);
    return raw === undefined ? undefined : parseStored(raw);
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.kv.set(`conv:${conversationId}`, JSON.stringify(state), { ttlSeconds });
  }

  async delete(conversationId: string): Promise<void> {
    await this.kv.delete(`conv:${conversationId}`);
  }
}

/** Cases in a Map; updates are synchronous inside one call, hence atomic. */
export class MemoryCaseStore implements CaseStore {
  private readonly cases = new Map<string, Case>();

  // eslint-disable-next-line @typescript-eslint/require-await
  async create(c: Case): Promise<CaseCreateResult> {
    const existing = this.cases.get(c.id);
    if (existing) return { created: false, case: clone(existing) };
    const valid = CaseSchema.parse(c);
    this.cases.set(c.id, clone(valid));
    return { created: true, case: clone(valid) };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async get(id: string): Promise<Case | undefined> {
    const c = this.cases.get(id);
    return c ? clone(c) : undefined;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async listByUser(channel: string, userId: string): Promise<Case[]> {
    return [...this.cases.values()]
      .filter((c) => c.channel === channel && c.userId === userId)
      .sort((a, b) => byCreation(b, a))
      .map(clone);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async listByStatus(status: CaseStatus): Promise<Case[]> {
    return [...this.cases.values()]
      .filter((c) => c.status === status)
      .sort(byCreation)
      .map(clone);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async update(
    id: string,
    expect: (current: Case) => boolean,
    change: (current: Case) => Case,
  ): Promise<CaseUpdateResult> {
    const current = this.cases.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (!expect(clone(current))) return { ok: false, reason: 'conflict', case: clone(current) };
    const next = CaseSchema.parse(change(clone(current)));
    this.cases.set(id, next);
    return { ok: true, case: clone(next) };
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
    const e = this.entries.find((x) => x.entryId === entryId);
    if (e) e.acked = true;
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
