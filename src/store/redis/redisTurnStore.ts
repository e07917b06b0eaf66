import { conversationKeys, parseStoredState, conversationTag } from '../turnStore.js';
import type { BeginTurn, BegunTurn, CommitTurn, CounterLimit, TurnStore } from '../types.js';
import { LuaScript } from './luaScript.js';
import type { RedisClient } from './redisKv.js';
import { INCREMENT_SCRIPT } from './redisKv.js';
import { appendTranscriptLua, transcriptArgs } from './redisConversations.js';

/**
 * KEYS: lock, state, result (or state again), counters…
 * ARGV: holder, lease ms, want result (0/1), n, then per counter its ttl and its limit.
 * Counts the counters; unless one is over its limit takes the lock (SET NX PX); when taken,
 * reads state and result. Returns {acquired, state, result, count…}.
 */
const BEGIN = new LuaScript(`local n = tonumber(ARGV[4])
local reply = {0, false, false}
local over = false
for i = 1, n do
  local v = redis.call('INCR', KEYS[3 + i])
  if v == 1 then redis.call('EXPIRE', KEYS[3 + i], ARGV[3 + 2 * i]) end
  if v > tonumber(ARGV[4 + 2 * i]) then over = true end
  reply[3 + i] = v
end
if not over and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  reply[1] = 1
  reply[2] = redis.call('GET', KEYS[2])
  if ARGV[3] == '1' then reply[3] = redis.call('GET', KEYS[3]) end
end
return reply`);

/**
 * KEYS: lock, state, result (or state again), transcript. ARGV: holder, state JSON or '', state
 * ttl, result JSON or '', result ttl, then (when the turn has messages) transcript keep, ttl and
 * the entries. Saves what is given, appends the entries, then deletes the lock if still held.
 */
const COMMIT = new LuaScript(`if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5]) end
${appendTranscriptLua(4, 8)}
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

const RENEW = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`,
);
const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
);

const seconds = (s: number) => String(Math.max(1, Math.ceil(s)));
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The turn port on Redis: `begin` and `commit` are one script each on the conversation's slot.
 * On a cluster, counters outside that slot (a per-address limit) are counted by their own script
 * sent in the same write, so `begin` is still one round trip (to two nodes, in parallel).
 */
export class RedisTurnStore implements TurnStore {
  /**
   * @param cluster on a Redis Cluster only counters in the conversation's slot can go into its
   *   script; on one Redis every counter does (one command per turn instead of two).
   */
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly cluster = false,
  ) {}

  private keys(conversationId: string) {
    const k = conversationKeys(conversationId);
    const p = this.prefix;
    return {
      state: p + k.state,
      transcript: p + k.transcript,
      lock: p + k.lock,
      result: (m: string) => p + k.result(m),
    };
  }

  async begin(input: BeginTurn): Promise<BegunTurn> {
    const k = this.keys(input.conversationId);
    const tag = conversationTag(input.conversationId);
    const limits = input.limits ?? [];
    const inSlot: Array<[number, CounterLimit]> = [];
    const elsewhere: Array<[number, CounterLimit]> = [];
    limits.forEach((l, i) => (!this.cluster || l.key.includes(tag) ? inSlot : elsewhere).push([i, l]));
    const others = elsewhere.map(([, l]) =>
      INCREMENT_SCRIPT.run(this.client, [this.prefix + l.key], [seconds(l.ttlSeconds)]).then(Number),
    );
    const main = BEGIN.run(
      this.client,
      [
        k.lock,
        k.state,
        input.messageId ? k.result(input.messageId) : k.state,
        ...inSlot.map(([, l]) => this.prefix + l.key),
      ],
      [
        input.holder,
        String(Math.max(1, Math.round(input.leaseMs))),
        input.messageId ? '1' : '0',
        String(inSlot.length),
        ...inSlot.flatMap(([, l]) => [seconds(l.ttlSeconds), String(l.limit)]),
      ],
    );
    const [reply, otherCounts] = await Promise.all([main, Promise.all(others)]);
    const r = reply as unknown[];
    const counts: number[] = new Array<number>(limits.length).fill(0);
    inSlot.forEach(([i], j) => (counts[i] = Number(r[3 + j] ?? 0)));
    elsewhere.forEach(([i], j) => (counts[i] = otherCounts[j] ?? 0));
    if (Number(r[0]) !== 1) return { acquired: false, counts };
    const state = text(r[1]);
    return {
      acquired: true,
      counts,
      state: parseStoredState(state),
      result: text(r[2]),
    };
  }

  async commit(input: CommitTurn): Promise<boolean> {
    const k = this.keys(input.conversationId);
    const reply = await COMMIT.run(
      this.client,
      [k.lock, k.state, input.result ? k.result(input.result.messageId) : k.state, k.transcript],
      [
        input.holder,
        input.state ? JSON.stringify(input.state.value) : '',
        input.state ? seconds(input.state.ttlSeconds) : '1',
        input.result?.value ?? '',
        input.result ? seconds(input.result.ttlSeconds) : '1',
        ...(input.transcript?.entries.length
          ? transcriptArgs(input.transcript.entries, input.transcript.retention)
          : []),
      ],
    );
    return Number(reply) === 1;
  }

  async renew(conversationId: string, holder: string, leaseMs: number): Promise<boolean> {
    const reply = await RENEW.run(
      this.client,
      [this.keys(conversationId).lock],
      [holder, String(Math.max(1, Math.round(leaseMs)))],
    );
    return Number(reply) === 1;
  }

  async release(conversationId: string, holder: string): Promise<boolean> {
    return Number(await RELEASE.run(this.client, [this.keys(conversationId).lock], [holder])) === 1;
  }
}
