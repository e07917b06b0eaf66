import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRedisClusterStore } from '../../src/store/createStore.js';
import { makeRedisClusterStore, redisClusterNodesForTests } from '../helpers/redis.js';
import { runStoreContract } from './contract.js';

const nodes = redisClusterNodesForTests();

describe('redis cluster availability', () => {
  it('has a three-node Redis Cluster to run the contract against (the global setup fails CI without one)', () => {
    expect(nodes || process.env.CI !== 'true').toBeTruthy();
  });
});

if (nodes) {
  runStoreContract('redis cluster (3 nodes)', {
    make: async () => {
      const { store, prefix, cleanup } = await makeRedisClusterStore();
      return {
        store,
        twin: () =>
          createRedisClusterStore({
            redisClusterNodes: nodes.split(',').map((n) => `redis://${n}`),
            keyPrefix: prefix,
          }),
        elapse: (ms) => sleep(ms),
        cleanup,
      };
    },
  });
}
