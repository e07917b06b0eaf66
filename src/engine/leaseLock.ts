import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../domain/clock.js';
import { BusyError } from '../errors.js';
import type { KeyValueStore } from '../store/types.js';

/** Timings of a lease lock; the defaults suit conversation turns. */
export interface LeaseOptions {
  /** Expiry of the lock key: what a lock left behind by a dead process costs the next turn. */
  leaseMs: number;
  /** The holder renews the lease this often while it works. */
  renewEveryMs: number;
  /** A waiter gives up (BusyError, retryable) after this long. */
  waitMs: number;
  /** The holder stops renewing after this long, so a hung turn cannot block a conversation forever. */
  maxHoldMs: number;
}

export const DEFAULT_LEASE: LeaseOptions = {
  leaseMs: 5_000,
  renewEveryMs: 1_500,
  waitMs: 15_000,
  maxHoldMs: 60_000,
};

/** A held lock; `release` is safe to call more than once. */
export interface Lease {
  readonly key: string;
  release(): Promise<void>;
}

/**
 * A lock in the store with a short lease the holder keeps renewing: a live holder keeps it as
 * long as its work takes (up to `maxHoldMs`), a dead one loses it after at most `leaseMs`.
 * Waiting is bounded by `waitMs`; then it throws BusyError rather than run without the lock.
 */
export async function acquireLease(
  kv: KeyValueStore,
  key: string,
  options: LeaseOptions = DEFAULT_LEASE,
  clock: Clock = systemClock,
): Promise<Lease> {
  const holder = randomUUID();
  const leaseSeconds = options.leaseMs / 1000;
  const deadline = clock.nowMs() + options.waitMs;
  let delay = 5;
  while (!(await kv.set(key, holder, { onlyIfAbsent: true, ttlSeconds: leaseSeconds }))) {
    if (clock.nowMs() > deadline) {
      throw new BusyError(`another turn of this conversation is still running (${key})`);
    }
    await clock.sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  const heldSince = clock.nowMs();
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = clock
    .setInterval(() => {
      if (clock.nowMs() - heldSince > options.maxHoldMs) return void timer.cancel();
      renewing = kv.expireIfEquals(key, holder, leaseSeconds).catch(() => false);
    }, options.renewEveryMs)
    .unref();
  let released = false;
  return {
    key,
    async release() {
      if (released) return;
      released = true;
      timer.cancel();
      await renewing;
      await kv.deleteIfEquals(key, holder);
    },
  };
}
