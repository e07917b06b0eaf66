import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_EVENTS_TOPIC } from '../../src/handoff/agentEvents.js';
import { CaseQueueWorker } from '../../src/handoff/queueWorker.js';
import { RedisCaseQueue } from '../../src/store/redis/redisQueue.js';
import type { RedisClient } from '../../src/store/redis/redisKv.js';
import { makeRedisStore, redisUrlForTests } from '../helpers/redis.js';
import { sampleCase } from './caseContract.js';

const url = redisUrlForTests();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function raw(): Promise<RedisClient> {
  const client = createClient({ url }) as RedisClient;
  await client.connect();
  cleanups.push(async () => void (await client.quit()));
  return client;
}

describe.runIf(Boolean(url))('Redis case queue under faults', () => {
  it('the worker recreates a consumer group that disappeared (stream deleted, then group destroyed) and announces new cases again', async () => {
    const { store, prefix, cleanup } = await makeRedisStore();
    cleanups.push(cleanup);
    const redis = await raw();
    const announced: string[] = [];
    await store.pubsub.subscribe(AGENT_EVENTS_TOPIC, (m) => announced.push(m));
    const worker = new CaseQueueWorker(store, pino({ level: 'silent' }), { intervalMs: 20 });
    worker.start();
    cleanups.push(() => worker.stop());
    const openCase = async (id: string) => {
      await store.cases.create(sampleCase({ id }));
      await store.queue.enqueue(id);
    };
    await openCase('KF-BEFORE');
    await expect.poll(() => announced.join()).toContain('KF-BEFORE');

    await redis.del(`${prefix}queue:cases`); // FLUSHALL / failover to an empty replica, for this stream
    await openCase('KF-AFTER-DEL');
    await expect.poll(() => announced.join(), { timeout: 5000 }).toContain('KF-AFTER-DEL');

    await redis.xGroupDestroy(`${prefix}queue:cases`, 'agents');
    await openCase('KF-AFTER-DESTROY');
    await expect.poll(() => announced.join(), { timeout: 5000 }).toContain('KF-AFTER-DESTROY');
    expect(await store.queue.pending()).toBe(0);
  });

  it('a case someone already took is acked without announcing it again', async () => {
    const { store, cleanup } = await makeRedisStore();
    cleanups.push(cleanup);
    const worker = new CaseQueueWorker(store, pino({ level: 'silent' }));
    await store.cases.create(sampleCase({ id: 'KF-TAKEN', status: 'assigned', assignee: 'wang' }));
    await store.queue.enqueue('KF-TAKEN');
    expect(await worker.drain()).toBe(0);
    expect(await store.queue.pending()).toBe(0);
  });

  it('the stream is trimmed by age as entries are added', async () => {
    const { prefix, cleanup } = await makeRedisStore();
    cleanups.push(cleanup);
    const redis = await raw();
    const queue = new RedisCaseQueue(redis, `${prefix}queue:trim`, { retentionMs: 500 });
    for (let i = 0; i < 300; i++) await queue.enqueue(`old-${i}`);
    await sleep(600);
    for (let i = 0; i < 5; i++) await queue.enqueue(`new-${i}`);
    const left = await queue.length();
    // Approximate trimming drops whole stream nodes (100 entries each): the 300 old ones go.
    expect(left).toBeLessThanOrEqual(105);
    const entries = (await redis.xRange(`${prefix}queue:trim`, '-', '+')) ?? [];
    const ids = entries.flatMap((e) => (e ? [e.message.caseId] : []));
    expect(ids.slice(-5)).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
  });

  it('dead consumers are removed from the group; the live worker stays', async () => {
    const { store, prefix, cleanup } = await makeRedisStore();
    cleanups.push(cleanup);
    const redis = await raw();
    await store.queue.enqueue('c1');
    await store.queue.enqueue('c2');
    const ghost = await store.queue.read('kefu-dead-process', 1);
    await store.queue.ack(ghost[0]!.entryId);
    const worker = new CaseQueueWorker(store, pino({ level: 'silent' }), { deadConsumerIdleMs: 100 });
    expect(await worker.drain()).toBe(1); // c2, to the live worker
    await sleep(150);
    expect(await worker.pruneDeadConsumers()).toEqual(['kefu-dead-process']);
    const names = (await redis.xInfoConsumers(`${prefix}queue:cases`, 'agents')).map((c) => c.name);
    expect(names).toEqual([worker.consumer]);
  });
});
