import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRedisStore, createStore } from '../../src/store/createStore.js';
import { makeRedisStore, redisUrlForTests } from '../helpers/redis.js';
import { runStoreContract } from './contract.js';

const url = redisUrlForTests();

describe('redis availability', () => {
  it('has a Redis to run the contract against (the global setup fails CI without one)', () => {
    if (!url) console.warn('Redis store suite NOT RUN: no Redis available');
    expect(url || process.env.CI !== 'true').toBeTruthy();
  });

  it('fails fast with a clear message when Redis is unreachable', async () => {
    const started = Date.now();
    await expect(createStore({ redisUrl: 'redis://127.0.0.1:1', connectTimeoutMs: 1000 })).rejects.toThrow(
      /cannot connect to Redis at 127\.0\.0\.1:1/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

if (url) {
  runStoreContract('redis', {
    make: async () => {
      const { store, prefix, cleanup } = await makeRedisStore();
      return {
        store,
        twin: () => createRedisStore({ redisUrl: url, keyPrefix: prefix }),
        elapse: (ms) => sleep(ms),
        cleanup,
      };
    },
  });
}
