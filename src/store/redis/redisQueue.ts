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

/** The agents' queue on a Redis Stream with one consumer group (delivered once, pending until acked). */
export class RedisCaseQueue implements CaseQueue {
  private groupReady: Promise<void> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
  ) {}

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

  async enqueue(caseId: string): Promise<void> {
    await this.ensureGroup();
    await this.client.xAdd(this.key, '*', { caseId });
  }

  async read(consumer: string, count: number): Promise<QueueEntry[]> {
    await this.ensureGroup();
    const reply = ReadGroupReplySchema.safeParse(
      await this.client.xReadGroup(GROUP, consumer, { key: this.key, id: '>' }, { COUNT: count }),
    );
    return reply.success && reply.data ? reply.data.flatMap((stream) => toEntries(stream.messages)) : [];
  }

  async ack(entryId: string): Promise<void> {
    await this.ensureGroup();
    await this.client.xAck(this.key, GROUP, entryId);
  }

  async reclaim(consumer: string, idleMs: number, count: number): Promise<QueueEntry[]> {
    await this.ensureGroup();
    const reply = await this.client.xAutoClaim(this.key, GROUP, consumer, idleMs, '0-0', { COUNT: count });
    return toEntries(reply.messages);
  }

  async pending(): Promise<number> {
    await this.ensureGroup();
    const reply = await this.client.xPending(this.key, GROUP);
    return Number(reply.pending);
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
    if (sub?.isOpen) await sub.quit();
  }
}
