import { createCluster, type RedisClusterType } from 'redis';
import type { PubSub } from '../types.js';
import { RedisKeyValueStore, type RedisClient } from './redisKv.js';

/** A connected node-redis cluster client. */
export type RedisCluster = RedisClusterType;

/**
 * Connects to a Redis Cluster from seed nodes (`redis://host:port`), failing fast with the seeds
 * named when none answers. Credentials and TLS of the URL apply to every discovered node.
 */
export async function connectCluster(
  nodes: readonly string[],
  options: { connectTimeoutMs: number; onError: (err: unknown) => void },
): Promise<RedisCluster> {
  const first = new URL(nodes[0] ?? 'redis://127.0.0.1:6379');
  const cluster = createCluster({
    rootNodes: nodes.map((url) => ({ url })),
    // Bounded by the StoreCircuit's deadline instead of an AbortSignal timer per command.
    commandOptions: { timeout: 0 },
    defaults: {
      // Fail fast during an outage, as with one Redis (createRedisStore).
      disableOfflineQueue: true,
      commandsQueueMaxLength: 10_000,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      socket: {
        connectTimeout: options.connectTimeoutMs,
        ...(first.protocol === 'rediss:' ? { tls: true } : {}),
      },
    },
  }) as RedisCluster;
  let connected = false;
  cluster.on('error', (err: unknown) => {
    if (connected) options.onError(err);
  });
  try {
    await Promise.race([
      cluster.connect(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out')), options.connectTimeoutMs).unref(),
      ),
    ]);
  } catch (err) {
    cluster.destroy();
    throw new Error(
      `cannot connect to the Redis Cluster at ${nodes.map((n) => new URL(n).host).join(',')}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  connected = true;
  return cluster;
}

/**
 * Pub/sub on a Redis Cluster with sharded channels (SPUBLISH/SSUBSCRIBE, Redis 7): a message
 * goes only to the shard that owns the channel's slot instead of to every node, so live
 * messages scale with the cluster. The cluster client keeps one subscriber connection per shard.
 */
export class RedisClusterPubSub implements PubSub {
  constructor(
    private readonly cluster: RedisCluster,
    private readonly prefix: string,
  ) {}

  async publish(channel: string, message: string): Promise<void> {
    await this.cluster.sPublish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    const listener = (message: string) => handler(message);
    await this.cluster.sSubscribe(this.prefix + channel, listener);
    return async () => {
      await this.cluster.sUnsubscribe(this.prefix + channel, listener);
    };
  }
}

/**
 * The key/value port on a cluster: single-key commands are routed by the cluster client;
 * `deleteByPrefix` scans every master (a prefix spans slots).
 */
export class RedisClusterKeyValueStore extends RedisKeyValueStore {
  constructor(
    private readonly cluster: RedisCluster,
    private readonly keyPrefix: string,
  ) {
    super(cluster as unknown as RedisClient, keyPrefix);
  }

  override async deleteByPrefix(prefix: string): Promise<number> {
    const pattern = `${(this.keyPrefix + prefix).replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
    let deleted = 0;
    for (const master of this.cluster.masters) {
      const node = await this.cluster.nodeClient(master);
      for await (const keys of node.scanIterator({ MATCH: pattern, COUNT: 500 })) {
        // One DEL per key: keys of one scan page may be in different slots.
        for (const key of keys) deleted += await node.del(key);
      }
    }
    return deleted;
  }
}
