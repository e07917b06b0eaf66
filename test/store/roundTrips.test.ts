import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/types.js';
import { startKefu } from '../helpers/kefu.js';
import { deletePrefix, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { startRoundTripProxy, type RoundTripProxy } from '../helpers/roundTripProxy.js';

const url = redisUrlForTests();

describe.runIf(Boolean(url))('Redis round trips of one web turn', () => {
  const prefix = uniquePrefix();
  let proxy: RoundTripProxy;
  let store: Store;
  let server: Awaited<ReturnType<typeof startKefu>>;
  let token = '';
  beforeAll(async () => {
    proxy = await startRoundTripProxy(url);
    store = await createRedisStore({ redisUrl: proxy.url, keyPrefix: prefix });
    server = await startKefu({ store });
    // Their polling and sweeps would share the connection (the sweeper first runs 5 s after start).
    await server.kefu.queueWorker.stop();
    await server.kefu.jobs.stop();
    const res = await fetch(`${server.url}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await proxy.close();
    await deletePrefix(url, prefix);
  });

  const send = async (text: string, key?: string) => {
    proxy.reset();
    const res = await fetch(`${server.url}/api/web/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(200);
    return { trips: proxy.roundTrips(), body: (await res.json()) as { replies: { text: string }[] } };
  };

  it('an FAQ turn (rate limits, lock, state, save, release) takes at most two', async () => {
    const { trips, body } = await send('投诉电话收费吗');
    expect(body.replies[0]?.text).toContain('免费');
    console.info(`FAQ turn: ${trips} Redis round trips`);
    expect(trips).toBeLessThanOrEqual(2);
  });

  it('with an idempotency key, the turn and its replay take at most two each', async () => {
    const first = await send('天猫投诉电话多少', 'round-trip-key-0001');
    const replay = await send('天猫投诉电话多少', 'round-trip-key-0001');
    expect(replay.body).toEqual(first.body);
    console.info(`keyed turn: ${first.trips}, replay: ${replay.trips} Redis round trips`);
    expect(first.trips).toBeLessThanOrEqual(2);
    expect(replay.trips).toBeLessThanOrEqual(2);
  });
});

describe.runIf(Boolean(url))('upgrade to hash-tagged conversation keys', () => {
  it('keeps state written under the old key names; old owner records (ownership is the case now) are dropped', async () => {
    const prefix = uniquePrefix();
    const { createClient } = await import('redis');
    const raw = createClient({ url });
    await raw.connect();
    try {
      await raw.set(`${prefix}conv:web:old-user`, JSON.stringify({ version: 1, legacy: true }), { EX: 60 });
      await raw.set(
        `${prefix}owner:web:old-user`,
        '{"type":"agent","caseId":"KF1","agent":"wang","since":"x"}',
      );
      const upgraded = await createRedisStore({ redisUrl: url, keyPrefix: prefix });
      expect(await upgraded.conversations.load('web:old-user')).toEqual({ version: 1, legacy: true });
      expect(await raw.exists(`${prefix}owner:web:old-user`)).toBe(0);
      expect(await raw.ttl(`${prefix}conv:{web:old-user}`)).toBeGreaterThan(0);
      await upgraded.close();
    } finally {
      await raw.quit();
      await deletePrefix(url, prefix);
    }
  });
});
