import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { acquireLease } from '../../src/engine/leaseLock.js';
import { BusyError } from '../../src/errors.js';
import { MemoryKeyValueStore } from '../../src/store/memory/memoryKv.js';

const fast = { leaseMs: 1_000, renewEveryMs: 200, waitMs: 10_000, maxHoldMs: 60_000 };

describe('lease lock', () => {
  it('a live holder keeps renewing past its lease; the waiter gets the lock only after release', async () => {
    const kv = new MemoryKeyValueStore();
    const order: string[] = [];
    const a = await acquireLease(kv, 'lock:x', fast);
    const waiter = acquireLease(kv, 'lock:x', fast).then((lease) => {
      order.push('b acquired');
      return lease;
    });
    await sleep(2_500); // 2.5 leases
    order.push('a releasing');
    await a.release();
    const b = await waiter;
    expect(order).toEqual(['a releasing', 'b acquired']);
    await b.release();
    expect(await kv.get('lock:x')).toBeUndefined();
    kv.close();
  });

  it('a lock left by a dead process is taken over once its lease runs out', async () => {
    const kv = new MemoryKeyValueStore();
    await kv.set('lock:y', 'dead-holder', { ttlSeconds: 1 });
    const started = Date.now();
    const lease = await acquireLease(kv, 'lock:y', fast);
    expect(Date.now() - started).toBeLessThan(fast.waitMs); // not the wait bound: the lease ended
    expect(await kv.get('lock:y')).not.toBe('dead-holder');
    await lease.release();
    kv.close();
  });

  it('waiting is bounded: a waiter gives up with a retryable BusyError; release never frees another holder', async () => {
    const kv = new MemoryKeyValueStore();
    const a = await acquireLease(kv, 'lock:z', fast);
    await expect(acquireLease(kv, 'lock:z', { ...fast, waitMs: 300 })).rejects.toBeInstanceOf(BusyError);
    await kv.set('lock:z', 'someone-else');
    await a.release();
    expect(await kv.get('lock:z')).toBe('someone-else');
    kv.close();
  });
});
