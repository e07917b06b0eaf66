import { createClient } from 'redis';
import { MemoryKeyValueStore } from './memory/memoryKv.js';
import {
  MemoryCaseQueue,
  MemoryCaseStore,
  MemoryConversationStore,
  MemoryPubSub,
} from './memory/memoryStores.js';
import { RedisCaseStore, RedisConversationStore } from './redis/redisCases.js';
import { RedisKeyValueStore, type RedisClient } from './redis/redisKv.js';
import { RedisCaseQueue, RedisPubSub } from './redis/redisQueue.js';
import type { Store } from './types.js';
import type { Clock } from '../domain/clock.js';

export interface CreateStoreOptions {
  /** Redis URL; unset → in-memory store. */
  redisUrl?: string;
  /** Prefix of every Redis key and pub/sub channel (default `kefu:`). */
  keyPrefix?: string;
  /** Where connection errors are reported after start-up. */
  onError?: (err: unknown) => void;
  /** Give up connecting at start-up after this long (default 3000 ms). */
  connectTimeoutMs?: number;
}

/** The embedded in-memory store: one process, nothing survives a restart. TTLs follow `clock`. */
export function createMemoryStore(options: { clock?: Clock } = {}): Store {
  const kv = new MemoryKeyValueStore(options.clock);
  return {
    kind: 'memory',
    kv,
    conversations: new MemoryConversationStore(kv),
    cases: new MemoryCaseStore(),
    queue: new MemoryCaseQueue(options.clock),
    pubsub: new MemoryPubSub(),
    // eslint-disable-next-line @typescript-eslint/require-await
    close: async () => kv.close(),
  };
}

/** Connects to Redis, failing fast (with the URL's host named) when it cannot be reached. */
export async function createRedisStore(options: CreateStoreOptions & { redisUrl: string }): Promise<Store> {
  const prefix = options.keyPrefix ?? 'kefu:';
  const onError = options.onError ?? (() => undefined);
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  let connected = false;
  const client = createClient({
    url: options.redisUrl,
    socket: {
      connectTimeout: timeoutMs,
      // At start-up fail at once; later reconnect with backoff.
      reconnectStrategy: (retries: number) => (connected ? Math.min(100 * 2 ** retries, 3000) : false),
    },
  }) as RedisClient;
  client.on('error', (err: unknown) => {
    if (connected) onError(err);
  });
  const host = new URL(options.redisUrl).host;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
    ]);
  } catch (err) {
    client.destroy();
    throw new Error(
      `cannot connect to Redis at ${host}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  connected = true;
  const pubsub = new RedisPubSub(client, prefix, onError);
  return {
    kind: 'redis',
    kv: new RedisKeyValueStore(client, prefix),
    conversations: new RedisConversationStore(client, prefix),
    cases: new RedisCaseStore(client, prefix),
    queue: new RedisCaseQueue(client, `${prefix}queue:cases`, {
      onGroupRecreated: () =>
        onError(new Error('the case queue’s consumer group was missing (flush or failover): recreated it')),
    }),
    pubsub,
    close: async () => {
      await pubsub.close();
      if (client.isOpen) await client.quit();
    },
  };
}

/** Memory when no Redis URL is given, else Redis (DESIGN §1 Store). */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  return options.redisUrl
    ? createRedisStore({ ...options, redisUrl: options.redisUrl })
    : createMemoryStore();
}
