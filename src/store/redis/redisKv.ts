import type { KeyValueStore, SetOptions } from '../types.js';
import { LuaScript } from './luaScript.js';
import type { RedisClient } from './redisClient.js';

export type { RedisClient } from './redisClient.js';

/** INCR, with the expiry set when the counter is created. KEYS: counter; ARGV: ttl seconds. */
export const INCREMENT_SCRIPT = new LuaScript(`local v = redis.call('INCR', KEYS[1])
if v == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return v`);
const DELETE_IF_EQUALS = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
);
const EXPIRE_IF_EQUALS = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`,
);

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
    const reply = await INCREMENT_SCRIPT.run(
      this.client,
      [this.prefix + key],
      [String(Math.max(1, Math.ceil(ttlSeconds)))],
    );
    return Number(reply);
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    const reply = await DELETE_IF_EQUALS.run(this.client, [this.prefix + key], [value]);
    return Number(reply) === 1;
  }

  async expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const reply = await EXPIRE_IF_EQUALS.run(
      this.client,
      [this.prefix + key],
      [value, String(Math.max(1, Math.round(ttlSeconds * 1000)))],
    );
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
