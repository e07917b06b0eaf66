import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createClient } from 'redis';
import { createRedisClusterStore, createRedisStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/types.js';

/** The Redis URL the global setup found ('' when none). */
export function redisUrlForTests(): string {
  return inject('redisUrl') || process.env.KEFU_TEST_REDIS_URL || '';
}

/** A key prefix no other test uses. */
export function uniquePrefix(): string {
  return `kefu-test:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under a prefix (SCAN + DEL). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length) await client.del(keys);
    }
  } finally {
    await client.quit();
  }
}

/** A Redis-backed Store on a unique prefix, and a cleanup that closes it and deletes its keys. */
export async function makeRedisStore(
  prefix = uniquePrefix(),
): Promise<{ store: Store; prefix: string; cleanup: () => Promise<void> }> {
  const url = redisUrlForTests();
  const store = await createRedisStore({ redisUrl: url, keyPrefix: prefix });
  return {
    store,
    prefix,
    cleanup: async () => {
      await store.close();
      await deletePrefix(url, prefix);
    },
  };
}

/** Seed nodes (`host:port`) of the test Redis Cluster ('' when none). */
export function redisClusterNodesForTests(): string {
  return inject('redisClusterNodes') || '';
}

/** Deletes every key under a prefix on every master of the cluster. */
export async function deleteClusterPrefix(nodes: string, prefix: string): Promise<void> {
  for (const node of nodes.split(',')) {
    const client = createClient({ url: `redis://${node}` });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        for (const key of keys) await client.del(key);
      }
    } finally {
      await client.quit();
    }
  }
}

/** A Redis Cluster store on a unique prefix, and a cleanup that closes it and deletes its keys. */
export async function makeRedisClusterStore(
  prefix = uniquePrefix(),
): Promise<{ store: Store; prefix: string; cleanup: () => Promise<void> }> {
  const nodes = redisClusterNodesForTests();
  const store = await createRedisClusterStore({
    redisClusterNodes: nodes.split(',').map((n) => `redis://${n}`),
    keyPrefix: prefix,
  });
  return {
    store,
    prefix,
    cleanup: async () => {
      await store.close();
      await deleteClusterPrefix(nodes, prefix);
    },
  };
}
