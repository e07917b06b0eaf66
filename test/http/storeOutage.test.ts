import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKefu, type Kefu } from '../../src/kefu.js';
import { testConfig } from '../helpers/kefu.js';
import { PrivateRedis, hasRedisServer } from '../helpers/privateRedis.js';

/** node-redis' own command timeout, which requests used to wait out during an outage. */
const CLIENT_DEFAULT_TIMEOUT_MS = 5000;

interface Timed {
  status: number;
  ms: number;
  body: { error?: { code: string; message: string }; replies?: { text: string }[] };
  retryAfter: string | null;
}

describe.runIf(hasRedisServer)('a Redis outage (private redis-server, kefu in-process)', () => {
  let redis: PrivateRedis;
  let kefu: Kefu;
  let server: Server;
  let url: string;
  let token: string;

  const request = async (path: string, init: RequestInit = {}): Promise<Timed> => {
    const started = performance.now();
    const res = await fetch(url + path, init);
    const body = (await res.json()) as Timed['body'];
    return {
      status: res.status,
      ms: performance.now() - started,
      body,
      retryAfter: res.headers.get('retry-after'),
    };
  };
  const message = (text: string) =>
    request('/api/web/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text }),
    });
  const readyz = () => request('/readyz');
  const waitReady = async (withinMs: number): Promise<number> => {
    const started = performance.now();
    while (performance.now() - started < withinMs) {
      if ((await readyz()).status === 200) return performance.now() - started;
      await sleep(100);
    }
    throw new Error(`not ready within ${withinMs} ms`);
  };

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    kefu = await createKefu({
      config: testConfig({ REDIS_URL: redis.url }),
      log: pino({ level: 'silent' }),
    });
    server = kefu.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const session = await request('/api/web/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    token = (session.body as { token: string }).token;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await kefu.close();
    await redis.stop();
  });

  it('is ready while Redis answers', async () => {
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ok: true,
      checks: { store: { ok: true }, queueWorker: { ok: true } },
    });
    expect((await message('投诉电话多少')).status).toBe(200);
  });

  it('Redis stopped: 503 store_unavailable with Retry-After at once, /readyz 503, /healthz still 200', async () => {
    await redis.stop();
    for (let i = 0; i < 3; i++) {
      const res = await message('打电话要钱吗');
      expect(res.status).toBe(503);
      expect(res.body.error?.code).toBe('store_unavailable');
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
      // Fails fast (≤ 1 s required; generous bound for a shared machine), never the 5 s wait.
      expect(res.ms).toBeLessThan(1500);
    }
    const session = await request('/api/web/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(session.status).toBe(503);
    expect(session.body.error?.code).toBe('store_unavailable');
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      ok: false,
      checks: { store: { ok: false }, queueWorker: { ok: true } },
      error: { code: 'not_ready' },
    });
    expect(ready.ms).toBeLessThan(1500);
    const health = await request('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, store: 'redis', llm: false });
  });

  it('Redis back on the same port: ready again and messages answered, without a restart', async () => {
    await redis.start();
    await waitReady(10_000);
    const res = await message('投诉电话多少');
    expect(res.status).toBe(200);
    expect(res.body.replies?.[0]?.text).toContain('400-860-8608');
  });

  it('Redis frozen (connection open, no answers): 503 after one command timeout, then at once', async () => {
    redis.freeze();
    try {
      const first = await message('投诉电话多少');
      expect(first.status).toBe(503);
      expect(first.body.error?.code).toBe('store_unavailable');
      expect(first.ms).toBeLessThan(CLIENT_DEFAULT_TIMEOUT_MS - 2000);
      const second = await message('投诉电话多少');
      expect(second.status).toBe(503);
      expect(second.ms).toBeLessThan(500);
      expect((await readyz()).status).toBe(503);
    } finally {
      redis.thaw();
    }
    await waitReady(10_000);
    expect((await message('投诉电话多少')).status).toBe(200);
  });
});
