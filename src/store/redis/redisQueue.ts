import { z } from 'zod';
import type { CaseQueue, PubSub, QueueEntry } from '../types.js';
import type { RedisClient } from './redisKv.js';

const GROUP = 'agents';

const StreamMessagesSchema = z.array(
  z.object({ id: z.string(), message: z.record(z.string(), z.string()) }).nullable(),
);
const ReadGroupReplySchema = z
  .array(z.object({ name: z.string(), messages: StreamMessagesSchema }))
  .nullable();

/** Stream messages (as node-redis returns them) → queue entries; anything unexpected is dropped. */
function toEntries(messages: unknown): QueueEntry[] {
  const parsed = StreamMessagesSchema.safeParse(messages);
  if (!parsed.success) return [];
  return parsed.data.flatMap((m) => (m?.message.caseId ? [{ entryId: m.id, caseId: m.message.caseId }] : []));
}

const ConsumersSchema = z.array(
  z.object({ name: z.string(), pending: z.coerce.number(), idle: z.coerce.number() }),
);

/** Options of the Redis queue; the defaults suit production. */
export interface RedisQueueOptions {
  /** Entries older than this are trimmed from the stream on each add (XADD MINID ~). Default 24 h. */
  retentionMs?: number;
  /** Told when the consumer group had to be recreated (after a flush or failover). */
  onGroupRecreated?: () => void;
}

const isNoGroup = (err: unknown): boolean => err instanceof Error && err.message.includes('NOGROUP');

/**
 * The agents' queue on a Redis Stream with one consumer group (delivered once, pending until
 * acked). The stream is trimmed by age as entries are added; if the group (or the whole stream)
 * disappears — FLUSHALL, a failover to a replica that never had it — the next call recreates it
 * and retries once instead of failing with NOGROUP forever.
 */
export class RedisCaseQueue implements CaseQueue {
  private groupReady: Promise<void> | undefined;
  private readonly retentionMs: number;

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly options: RedisQueueOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? 24 * 3600 * 1000;
  }

  private ensureGroup(): Promise<void> {
    this.groupReady ??= this.client
      .xGroupCreate(this.key, GROUP, '0', { MKSTREAM: true })
      .then(() => undefined)
      .catch((err: unknown) => {
        if (!(err instanceof Error && err.message.includes('BUSYGROUP'))) {
          this.groupReady = undefined;
          throw err;
        }
      });
    return this.groupReady;
  }

  /** Runs a group command; on NOGROUP recreates the group once and runs it again. */
  private async withGroup<T>(command: () => Promise<T>): Promise<T> {
    await this.ensureGroup();
    try {
      return await command();
    } catch (err) {
      if (!isNoGroup(err)) throw err;
      this.groupReady = undefined;
      await this.ensureGroup();
      this.options.onGroupRecreated?.();
      return command();
    }
  }

  async enqueue(caseId: string): Promise<void> {
    await this.ensureGroup();
    await this.client.xAdd(
      this.key,
      '*',
      { caseId },
      { TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: Date.now() - this.retentionMs } },
    );
  }

  async read(consumer: string, count: number): Promise<QueueEntry[]> {
    const raw = await this.withGroup(() =>
      this.client.xReadGroup(GROUP, consumer, { key: this.key, id: '>' }, { COUNT: count }),
    );
    const reply = ReadGroupReplySchema.safeParse(raw);
    return reply.success && reply.data ? reply.data.flatMap((stream) => toEntries(stream.messages)) : [];
  }

  async ack(entryId: string): Promise<void> {
    await this.withGroup(() => this.client.xAck(this.key, GROUP, entryId));
  }

  async reclaim(consumer: string, idleMs: number, count: number): Promise<QueueEntry[]> {
    const reply = await this.withGroup(() =>
      this.client.xAutoClaim(this.key, GROUP, consumer, idleMs, '0-0', { COUNT: count }),
    );
    return toEntries(reply.messages);
  }

  async pending(): Promise<number> {
    const reply = await this.withGroup(() => this.client.xPending(this.key, GROUP));
    return Number(reply.pending);
  }

  async removeIdleConsumers(idleMs: number, keep: string): Promise<string[]> {
    const raw = await this.withGroup(() => this.client.xInfoConsumers(this.key, GROUP));
    const consumers = ConsumersSchema.safeParse(raw);
    if (!consumers.success) return [];
    const dead = consumers.data.filter((c) => c.name !== keep && c.pending === 0 && c.idle >= idleMs);
    for (const c of dead) await this.client.xGroupDelConsumer(this.key, GROUP, c.name);
    return dead.map((c) => c.name);
  }

  /** Entries currently in the stream (trimmed ones excluded). */
  async length(): Promise<number> {
    return this.client.xLen(this.key);
  }
}

/** Pub/sub over Redis; the subscriber connection is created on first subscribe. */
export class RedisPubSub implements PubSub {
  private subscriber: Promise<RedisClient> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    this.subscriber ??= (async () => {
      const sub = this.client.duplicate();
      sub.on('error', this.onError);
      await sub.connect();
      return sub;
    })();
    const sub = await this.subscriber;
    const listener = (message: string) => handler(message);
    await sub.subscribe(this.prefix + channel, listener);
    return async () => {
      await sub.unsubscribe(this.prefix + channel, listener);
    };
  }

  async close(): Promise<void> {
    if (!this.subscriber) return;
    const sub = await this.subscriber.catch(() => undefined);
    if (sub?.isOpen) await sub.quit().catch(() => sub.destroy());
  }
}
