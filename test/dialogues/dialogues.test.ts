import { describe, it } from 'vitest';
import { createMemoryStore } from '../../src/store/createStore.js';
import { makeRedisStore, redisUrlForTests } from '../helpers/redis.js';
import { runScenario } from './runScenario.js';
import { loadScenarios } from './scenario.js';

const scenarios = loadScenarios();

describe('dialogue scenarios (memory store)', () => {
  for (const { file, scenario } of scenarios) {
    it(`${file}: ${scenario.name}`, async () => {
      const store = createMemoryStore();
      try {
        await runScenario(scenario, store);
      } finally {
        await store.close();
      }
    });
  }
});

describe('dialogue scenarios (redis store)', () => {
  const url = redisUrlForTests();
  for (const { file, scenario } of url ? scenarios : []) {
    it(`${file}: ${scenario.name}`, async () => {
      const { store, cleanup } = await makeRedisStore();
      try {
        await runScenario(scenario, store);
      } finally {
        await cleanup();
      }
    });
  }
});
