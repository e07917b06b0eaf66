import type { RedisClientType } from 'redis';
import type { KeyValueStore, SetOptions } from '../types.js';

/** A connected node-redis client (any modules/scripts). */
export type RedisClient = RedisClientType;

const INCREMENT = `local v = redis.call('INCR', KEYS[1])
if v == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return v`;
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const EXPIRE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/** KeyValueStore on Redis strings: SET NX EX, INCR+EXPIRE and compare-and-delete as Lua scripts. */
export class RedisKeyValueStore implements KeyValueStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    const reply = await this.client.set(this.prefix + key, value, {
      ...(options.ttlSeconds
        ? { expiration: { type: 'EX' as const, value: Math.max(1, Math.ceil(options.ttlSeconds)) } }
        : {}),
      ...(options.onlyIfAbsent ? { condition: 'NX' as const } : {}),
    });
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const reply = await this.client.eval(INCREMENT, {
      keys: [this.prefix + key],
      arguments: [String(Math.max(1, Math.ceil(ttlSeconds)))],
    });
    return Number(reply);
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    const reply = await this.client.eval(DELETE_IF_EQUALS, { keys: [this.prefix + key], arguments: [value] });
    return Number(reply) === 1;
  }

  async expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.client.eval(EXPIRE_IF_EQUALS, {
      keys: [this.prefix + key],
      arguments: [value, String(Math.max(1, Math.round(ttlSeconds * 1000)))],
    });
    return Number(reply) === 1;
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const pattern = `${(this.prefix + prefix).replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
    let deleted = 0;
    for await (const keys of this.client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      if (keys.length) deleted += await this.client.del(keys);
    }
    return deleted;
  }
}
