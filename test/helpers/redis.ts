import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createClient } from 'redis';
import { createRedisClusterStore, createRedisStore } from '../../src/store/createStore.js';
import { openDatabase, type SqlDatabase } from '../../src/store/sql/database.js';
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

/** One SQL database (SQLite in memory) per prefix: stores on one prefix share cases, as servers share PostgreSQL. */
const databases = new Map<string, { database: SqlDatabase; users: number }>();

/**
 * A Redis-backed Store on a unique prefix, and a cleanup that closes it and deletes its keys.
 * Stores made with the same prefix share their cases too (one SQL database per prefix).
 */
export async function makeRedisStore(
  prefix = uniquePrefix(),
): Promise<{ store: Store; prefix: string; cleanup: () => Promise<void> }> {
  const url = redisUrlForTests();
  return onSharedDatabase(
    prefix,
    (database) => createRedisStore({ redisUrl: url, keyPrefix: prefix, database }),
    () => deletePrefix(url, prefix),
  );
}

/** A store opened on the prefix's shared SQL database; its cleanup closes it, releases the database and deletes the keys. */
async function onSharedDatabase(
  prefix: string,
  open: (database: ReturnType<typeof shareDatabase>['database']) => Promise<Store>,
  deleteKeys: () => Promise<void>,
): Promise<{ store: Store; prefix: string; cleanup: () => Promise<void> }> {
  const shared = shareDatabase(prefix);
  const store = await open(shared.database);
  return {
    store,
    prefix,
    cleanup: async () => {
      await store.close();
      await shared.release();
      await deleteKeys();
    },
  };
}

/** The prefix's SQL database (opened by its first user, closed when its last one releases it). */
function shareDatabase(prefix: string): { database: SqlDatabase; release: () => Promise<void> } {
  const shared = databases.get(prefix) ?? { database: openDatabase({ sqliteFile: ':memory:' }), users: 0 };
  shared.users += 1;
  databases.set(prefix, shared);
  return {
    database: shared.database,
    release: async () => {
      shared.users -= 1;
      if (shared.users === 0) {
        databases.delete(prefix);
        await shared.database.close();
      }
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
  return onSharedDatabase(
    prefix,
    (database) =>
      createRedisClusterStore({
        redisClusterNodes: nodes.split(',').map((n) => `redis://${n}`),
        keyPrefix: prefix,
        database,
      }),
    () => deleteClusterPrefix(nodes, prefix),
  );
}
