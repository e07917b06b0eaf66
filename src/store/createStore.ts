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
import { MemoryTurnStore } from './memory/memoryTurnStore.js';
import { RedisTurnStore } from './redis/redisTurnStore.js';
import { migrateConversationKeys } from './redis/hashTagMigration.js';
import { connectCluster, RedisClusterPubSub } from './redis/redisCluster.js';
import { withCommandDeadline } from './redis/commandDeadline.js';

const DEFAULT_COMMAND_TIMEOUT_MS = 5000;
import type { Store } from './types.js';

export interface CreateStoreOptions {
  /** Redis URL; unset → in-memory store. */
  redisUrl?: string;
  /** Prefix of every Redis key and pub/sub channel (default `kefu:`). */
  keyPrefix?: string;
  /** Where connection errors are reported after start-up. */
  onError?: (err: unknown) => void;
  /** Give up connecting at start-up after this long (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Bound of the in-memory store (MEMORY_STORE_MAX_KEYS). */
  memoryMaxKeys?: number;
  /** A Redis command unanswered this long fails (default 5000 ms, as node-redis's own default). */
  commandTimeoutMs?: number;
  /** Redis Cluster seed node URLs (REDIS_CLUSTER_NODES); set → the cluster client. */
  redisClusterNodes?: readonly string[];
}

/** The embedded in-memory store: one process, nothing survives a restart. */
export function createMemoryStore(options: { maxKeys?: number } = {}): Store {
  const kv = new MemoryKeyValueStore(Date.now, { maxKeys: options.maxKeys });
  return {
    kind: 'memory',
    kv,
    conversations: new MemoryConversationStore(kv),
    turns: new MemoryTurnStore(kv),
    cases: new MemoryCaseStore(),
    queue: new MemoryCaseQueue(),
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
    // No per-command AbortSignal timer: withCommandDeadline bounds commands with one timer.
    commandOptions: { timeout: 0 },
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
  await migrateConversationKeys(client, prefix);
  const pubsub = new RedisPubSub(client, prefix, onError);
  const deadline = withCommandDeadline(client, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  const commands = deadline.client;
  return {
    kind: 'redis',
    kv: new RedisKeyValueStore(commands, prefix),
    conversations: new RedisConversationStore(commands, prefix),
    turns: new RedisTurnStore(commands, prefix),
    cases: new RedisCaseStore(commands, prefix),
    queue: new RedisCaseQueue(commands, `${prefix}queue:cases`, {
      onGroupRecreated: () =>
        onError(new Error('the case queue’s consumer group was missing (flush or failover): recreated it')),
    }),
    pubsub,
    close: async () => {
      deadline.stop();
      await pubsub.close();
      if (client.isOpen) await client.quit();
    },
  };
}

/**
 * The Redis store on a Redis Cluster. The store's classes send the same commands through the
 * cluster client, which routes each by its first key: a conversation's keys share the hash tag
 * `{conv-id}` (its turn scripts run on one shard), and cases with their indexes share the tag
 * `{cases}` (one shard; their scripts update a case and its index lists together). Pub/sub is
 * sharded (SPUBLISH/SSUBSCRIBE); the agents' queue is one stream key.
 */
export async function createRedisClusterStore(
  options: CreateStoreOptions & { redisClusterNodes: readonly string[] },
): Promise<Store> {
  const prefix = options.keyPrefix ?? 'kefu:';
  const onError = options.onError ?? (() => undefined);
  const cluster = await connectCluster(options.redisClusterNodes, {
    connectTimeoutMs: options.connectTimeoutMs ?? 3000,
    onError,
  });
  // The command classes use only single-slot commands, which the cluster client has too.
  const deadline = withCommandDeadline(cluster, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  const client = deadline.client as unknown as RedisClient;
  return {
    kind: 'redis',
    kv: new RedisKeyValueStore(client, prefix),
    conversations: new RedisConversationStore(client, prefix),
    turns: new RedisTurnStore(client, prefix, true),
    cases: new RedisCaseStore(client, `${prefix}{cases}:`),
    queue: new RedisCaseQueue(client, `${prefix}queue:cases`, {
      onGroupRecreated: () =>
        onError(new Error('the case queue’s consumer group was missing (flush or failover): recreated it')),
    }),
    pubsub: new RedisClusterPubSub(cluster, prefix),
    close: async () => {
      deadline.stop();
      await cluster.close();
    },
  };
}

/** Memory when no Redis is configured, else Redis or Redis Cluster (DESIGN §1 Store). */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  if (options.redisClusterNodes?.length)
    return createRedisClusterStore({ ...options, redisClusterNodes: options.redisClusterNodes });
  return options.redisUrl
    ? createRedisStore({ ...options, redisUrl: options.redisUrl })
    : createMemoryStore({ maxKeys: options.memoryMaxKeys });
}
