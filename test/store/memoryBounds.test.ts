import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../src/store/memory/memoryKv.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import { ManualClock } from '../helpers/manualClock.js';

describe('the in-memory store is bounded', () => {
  it('beyond maxKeys drops the least recently written keys with an expiry, never an owner or a secret', async () => {
    const clock = new ManualClock();
    const kv = new MemoryKeyValueStore(clock, { maxKeys: 100 });
    await kv.set('owner:{web:kept}', '{"type":"agent"}');
    for (let i = 0; i < 1000; i++) await kv.set(`conv:{web:u${i}}`, 'x', { ttlSeconds: 3600 });
    expect(kv.size).toBeLessThanOrEqual(100);
    expect(await kv.get('owner:{web:kept}')).toBe('{"type":"agent"}');
    expect(await kv.get('conv:{web:u999}')).toBe('x');
    expect(await kv.get('conv:{web:u0}')).toBeUndefined();
    // Rewriting a key makes it recent again.
    await kv.set('conv:{web:u900}', 'y', { ttlSeconds: 3600 });
    for (let i = 1000; i < 1090; i++) await kv.set(`conv:{web:u${i}}`, 'x', { ttlSeconds: 3600 });
    expect(await kv.get('conv:{web:u900}')).toBe('y');
    // Expired keys go as in Redis.
    await clock.advance(3601_000);
    expect(await kv.get('conv:{web:u999}')).toBeUndefined();
    kv.close();
  });

  it('acked queue entries are dropped, so the queue does not grow with every case', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 50; i++) await store.queue.enqueue(`c${i}`);
    for (const e of await store.queue.read('me', 100)) await store.queue.ack(e.entryId);
    expect(await store.queue.pending()).toBe(0);
    expect(await store.queue.read('me', 100)).toEqual([]);
    expect((store.queue as unknown as { entries: unknown[] }).entries).toHaveLength(0);
    await store.close();
  });
});
