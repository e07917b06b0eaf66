import { describe, expect, it } from 'vitest';
import { RedisCommandTimeoutError, withCommandDeadline } from '../../src/store/redis/commandDeadline.js';

describe('Redis command deadline (one sweep timer instead of a timer per command)', () => {
  it('passes answers and errors through, rejects a command unanswered past the deadline, leaves other members alone', async () => {
    const fake = {
      isOpen: true,
      get: (key: string) => Promise.resolve(`value of ${key}`),
      fail: () => Promise.reject(new Error('WRONGTYPE')),
      hang: () => new Promise<string>(() => undefined),
      duplicate() {
        return this;
      },
    };
    const { client, stop } = withCommandDeadline(fake, 200);
    expect(client.isOpen).toBe(true);
    expect(await client.get('a')).toBe('value of a');
    await expect(client.fail()).rejects.toThrow('WRONGTYPE');
    expect(client.duplicate()).toBe(fake);
    const started = Date.now();
    await expect(client.hang()).rejects.toBeInstanceOf(RedisCommandTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1000);
    stop();
  });
});
