import { systemClock, type Clock, type ClockTimer } from '../../domain/clock.js';
import type { KeyValueStore, SetOptions } from '../types.js';

interface Item {
  value: string;
  expiresAt?: number;
}

/** Default bound of the memory store: keys beyond it with an expiry are dropped, oldest write first. */
export const DEFAULT_MEMORY_MAX_KEYS = 100_000;

/**
 * In-memory KeyValueStore with TTLs, bounded like a Redis with `maxmemory-policy volatile-lru`:
 * expired keys are dropped lazily and by a sweep every 30 s, and beyond `maxKeys` the keys with
 * an expiry (conversation state, counters, stored results, locks) go least-recently-written
 * first. Keys without an expiry (secrets) are never evicted.
 */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly items = new Map<string, Item>();
  private readonly sweeper: ClockTimer;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(clock: Clock = systemClock, options: { maxKeys?: number } = {}) {
    this.now = () => clock.nowMs();
    this.maxKeys = Math.max(10, options.maxKeys ?? DEFAULT_MEMORY_MAX_KEYS);
    this.sweeper = clock.setInterval(() => this.sweep(), 30_000).unref();
  }

  /** Keys held now (expired ones not yet swept included). */
  get size(): number {
    return this.items.size;
  }

  /** Writes move a key to the end of the Map's order, so the front holds the least recently written. */
  private put(key: string, item: Item): void {
    this.items.delete(key);
    this.items.set(key, item);
    if (this.items.size > this.maxKeys) this.evict();
  }

  /** Drops volatile keys from the front until 5 % below the bound (amortized over many writes). */
  private evict(): void {
    const target = Math.floor(this.maxKeys * 0.95);
    for (const [key, item] of this.items) {
      if (this.items.size <= target) return;
      if (item.expiresAt !== undefined) this.items.delete(key);
    }
  }

  private live(key: string): Item | undefined {
    const item = this.items.get(key);
    if (item?.expiresAt !== undefined && item.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  private sweep(): void {
    for (const key of this.items.keys()) this.live(key);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.onlyIfAbsent && this.live(key)) return false;
    this.put(key, {
      value,
      expiresAt: options.ttlSeconds ? this.now() + options.ttlSeconds * 1000 : undefined,
    });
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async increment(key: string, ttlSeconds: number): Promise<number> {
    const item = this.live(key);
    if (!item) {
      this.put(key, { value: '1', expiresAt: this.now() + ttlSeconds * 1000 });
      return 1;
    }
    if (!/^-?\d+$/.test(item.value)) throw new Error(`value of ${key} is not an integer`);
    const next = Number(item.value) + 1;
    item.value = String(next);
    return next;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    this.items.delete(key);
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const item = this.live(key);
    if (item?.value !== value) return false;
    item.expiresAt = this.now() + ttlSeconds * 1000;
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of [...this.items.keys()]) {
      if (key.startsWith(prefix) && this.live(key)) deleted += 1;
      if (key.startsWith(prefix)) this.items.delete(key);
    }
    return deleted;
  }

  close(): void {
    this.sweeper.cancel();
  }
}
