import { join, resolve } from 'node:path';
import { createClient } from 'redis';
import { FileBlobStorage, MemoryBlobStorage, type BlobStorage } from './blobStorage.js';
import { UploadStore, type UploadQuotas } from './sql/uploadStore.js';
import { MemoryKeyValueStore } from './memory/memoryKv.js';
import { MemoryCaseQueue, MemoryConversationStore, MemoryPubSub } from './memory/memoryStores.js';
import { RedisConversationStore } from './redis/redisConversations.js';
import { RedisKeyValueStore, type RedisClient } from './redis/redisKv.js';
import { isRedisOutage } from './redis/redisOutage.js';
import { RedisCaseQueue, RedisPubSub } from './redis/redisQueue.js';
import { MemoryTurnStore } from './memory/memoryTurnStore.js';
import { RedisTurnStore } from './redis/redisTurnStore.js';
import { migrateConversationKeys } from './redis/hashTagMigration.js';
import { connectCluster, RedisClusterKeyValueStore, RedisClusterPubSub } from './redis/redisCluster.js';
import { openDatabase, type SqlDatabase } from './sql/database.js';
import { SqlCaseStore } from './sql/sqlCaseStore.js';
import { StoreCircuit } from './storeCircuit.js';
import type { KeyValueStore, PubSub, Store } from './types.js';
import type { Clock } from '../domain/clock.js';

export interface CreateStoreOptions {
  /** Redis URL; unset → in-memory hot state (conversations, locks, queue, pub/sub). */
  redisUrl?: string;
  /** Prefix of every Redis key and pub/sub channel (default `kefu:`). */
  keyPrefix?: string;
  /** Where connection errors are reported after start-up. */
  onError?: (err: unknown) => void;
  /** Give up connecting at start-up after this long (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Bound of the in-memory store (MEMORY_STORE_MAX_KEYS). */
  memoryMaxKeys?: number;
  /** Redis Cluster seed node URLs (REDIS_CLUSTER_NODES); set → the cluster client. */
  redisClusterNodes?: readonly string[];
  /** PostgreSQL URL for cases and upload records; unset → SQLite in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL schema (default: the URL's search_path, normally `public`). */
  databaseSchema?: string;
  /**
   * Folder of the SQLite file (`kefu.sqlite`) and of uploads (`uploads/`). Unset (and no
   * `database`) → SQLite in memory and uploads in memory: nothing survives (tests).
   */
  dataDir?: string;
  /** An already-open SQL database (tests share one between several stores); not closed by the store. */
  database?: SqlDatabase;
  /** Upload bytes (default: files under `dataDir/uploads`, else memory). */
  blobs?: BlobStorage;
  uploadQuotas?: Partial<UploadQuotas>;
  /** Zone of the times cases are read back with (default Asia/Shanghai). */
  timeZone?: string;
  /** Time of the in-memory hot state's TTLs and queue (tests pass a ManualClock); default the system's. */
  clock?: Clock;
  /**
   * A store call unanswered after this long fails with StoreUnavailableError and marks the store
   * down (default 1000 ms). While Redis is disconnected or marked down, calls fail at once.
   */
  commandTimeoutMs?: number;
  /** Told once when the store becomes unreachable and once when it answers again. */
  onAvailabilityChange?: (available: boolean, err?: unknown) => void;
}

type HotState = Pick<Store, 'kind' | 'kv' | 'conversations' | 'turns' | 'queue' | 'pubsub' | 'ping'> & {
  close(): Promise<void>;
};

/** A store and the promise of its database being reachable and migrated. */
type OpeningStore = Store & { readonly databaseReady: Promise<unknown> };

/** Cases and uploads: SQL (+ files), composed with a hot-state backend into one Store. */
function withRecords(hot: HotState, options: CreateStoreOptions): OpeningStore {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const database =
    options.database ??
    openDatabase({
      databaseUrl: options.databaseUrl,
      schema: options.databaseSchema,
      sqliteFile: dataDir ? join(dataDir, 'kefu.sqlite') : ':memory:',
      onError: options.onError,
    });
  const blobs =
    options.blobs ?? (dataDir ? new FileBlobStorage(join(dataDir, 'uploads')) : new MemoryBlobStorage());
  return {
    ...hot,
    database: database.dialect,
    databaseReady: database.ready,
    pingDatabase: () => database.ping(),
    cases: new SqlCaseStore(database, { timeZone: options.timeZone }),
    uploads: new UploadStore(database, blobs, options.uploadQuotas),
    close: async () => {
      await hot.close();
      if (!options.database) await database.close();
    },
  };
}

/** Hot state in process memory (one process; nothing survives a restart) + records per `options`. */
export function createMemoryStore(options: Omit<CreateStoreOptions, 'redisUrl'> = {}): OpeningStore {
  const kv = new MemoryKeyValueStore(options.clock, { maxKeys: options.memoryMaxKeys });
  return withRecords(
    {
      kind: 'memory',
      kv,
      conversations: new MemoryConversationStore(kv),
      turns: new MemoryTurnStore(kv),
      queue: new MemoryCaseQueue(options.clock),
      pubsub: new MemoryPubSub(),
      // eslint-disable-next-line @typescript-eslint/require-await
      close: async () => kv.close(),
    },
    options,
  );
}

/** Connects to Redis for hot state, failing fast (with the URL's host named) when it cannot be reached. */
export async function createRedisStore(
  options: CreateStoreOptions & { redisUrl: string },
): Promise<OpeningStore> {
  const prefix = options.keyPrefix ?? 'kefu:';
  const onError = options.onError ?? (() => undefined);
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  let connected = false;
  const client = createClient({
    url: options.redisUrl,
    // Fail fast during an outage: no queueing while disconnected, bounded queue. Commands are
    // bounded by the StoreCircuit's deadline alone: no node-redis AbortSignal timer per command.
    disableOfflineQueue: true,
    commandsQueueMaxLength: 10_000,
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: timeoutMs,
      // At start-up fail at once; later reconnect with backoff.
      reconnectStrategy: (retries: number) => (connected ? Math.min(100 * 2 ** retries, 2000) : false),
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
  return guardedRedisStore(
    {
      client,
      kv: new RedisKeyValueStore(client, prefix),
      pubsub,
      cluster: false,
      probe: async () => {
        await client.ping();
      },
      close: async () => {
        await pubsub.close();
        // QUIT cannot be sent while Redis is down: then drop the connection instead.
        if (client.isOpen) await client.quit().catch(() => client.destroy());
      },
    },
    options,
  );
}

/** What a single Redis and a Redis Cluster differ in; the ports built on them are the same. */
interface RedisBackend {
  client: RedisClient;
  kv: KeyValueStore;
  pubsub: PubSub;
  /** Cluster mode: turn scripts keep to one conversation's slot. */
  cluster: boolean;
  /** Answers when every node the store needs answers. */
  probe: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The hot-state ports on Redis behind one StoreCircuit: while Redis is down (or does not answer
 * within the deadline) every call fails at once with StoreUnavailableError → 503.
 */
function guardedRedisStore(backend: RedisBackend, options: CreateStoreOptions): OpeningStore {
  const prefix = options.keyPrefix ?? 'kefu:';
  const onError = options.onError ?? (() => undefined);
  const { client } = backend;
  const circuit = new StoreCircuit({
    isOutage: isRedisOutage,
    probe: backend.probe,
    timeoutMs: options.commandTimeoutMs ?? 1000,
    onChange: options.onAvailabilityChange,
  });
  return withRecords(
    {
      kind: 'redis',
      kv: circuit.guard(backend.kv),
      conversations: circuit.guard(new RedisConversationStore(client, prefix)),
      turns: circuit.guard(new RedisTurnStore(client, prefix, backend.cluster)),
      queue: circuit.guard(
        new RedisCaseQueue(client, `${prefix}queue:cases`, {
          onGroupRecreated: () =>
            onError(
              new Error('the case queue’s consumer group was missing (flush or failover): recreated it'),
            ),
        }),
      ),
      pubsub: circuit.guard(backend.pubsub),
      ping: () => circuit.check(),
      close: async () => {
        circuit.dispose();
        await backend.close();
      },
    },
    options,
  );
}

/**
 * Hot state on a Redis Cluster. The store's classes send the same commands through the cluster
 * client, which routes each by its first key: a conversation's keys share the hash tag
 * `{conv-id}` (its turn scripts run on one shard). Pub/sub is sharded (SPUBLISH/SSUBSCRIBE); the
 * agents' queue is one stream key. Cases are in SQL, as with one Redis. Calls go through the
 * same StoreCircuit (fail fast while the cluster cannot be reached).
 */
export async function createRedisClusterStore(
  options: CreateStoreOptions & { redisClusterNodes: readonly string[] },
): Promise<OpeningStore> {
  const prefix = options.keyPrefix ?? 'kefu:';
  const onError = options.onError ?? (() => undefined);
  const cluster = await connectCluster(options.redisClusterNodes, {
    connectTimeoutMs: options.connectTimeoutMs ?? 3000,
    onError,
  });
  // The command classes use only single-slot commands, which the cluster client has too.
  const client = cluster as unknown as RedisClient;
  return guardedRedisStore(
    {
      client,
      kv: new RedisClusterKeyValueStore(cluster, prefix),
      pubsub: new RedisClusterPubSub(cluster, prefix),
      cluster: true,
      probe: async () => {
        await Promise.all(cluster.masters.map(async (m) => (await cluster.nodeClient(m)).ping()));
      },
      close: () => cluster.close().catch(() => cluster.destroy()),
    },
    options,
  );
}

/**
 * The server's store (DESIGN §1 Store): hot state in Redis Cluster when `redisClusterNodes` is
 * set, else in Redis when `redisUrl` is set, else in memory; cases in PostgreSQL when
 * `databaseUrl` is set, else SQLite in `dataDir`. Resolves once the database answers and is migrated.
 */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  const store = options.redisClusterNodes?.length
    ? await createRedisClusterStore({ ...options, redisClusterNodes: options.redisClusterNodes })
    : options.redisUrl
      ? await createRedisStore({ ...options, redisUrl: options.redisUrl })
      : createMemoryStore(options);
  try {
    await store.databaseReady; // the connection and the migrations
  } catch (err) {
    await store.close().catch(() => undefined);
    const where = options.databaseUrl
      ? `PostgreSQL at ${new URL(options.databaseUrl).host}`
      : 'the SQLite database';
    throw new Error(`cannot open ${where}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  return store;
}
