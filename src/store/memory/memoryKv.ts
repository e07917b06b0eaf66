import { systemClock, type Clock, type ClockTimer } from '../../domain/clock.js';
import type { KeyValueStore, SetOptions } from '../types.js';

interface Item {
  value: string;
  expiresAt?: number;
}

/** In-memory KeyValueStore with TTLs (expired keys are dropped lazily and by a periodic sweep). */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly items = new Map<string, Item>();
  private readonly sweeper: ClockTimer;
  private readonly now: () => number;

  constructor(clock: Clock = systemClock) {
    this.now = () => clock.nowMs();
    this.sweeper = clock.setInterval(() => this.sweep(), 30_000).unref();
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
    this.items.set(key, {
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
      this.items.set(key, { value: '1', expiresAt: this.now() + ttlSeconds * 1000 });
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
