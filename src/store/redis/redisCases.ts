import { CaseSchema, type Case, type CaseStatus } from '../../domain/case.js';
import type { CaseCreateResult, CaseStore, CaseUpdateResult, ConversationStore } from '../types.js';
import type { RedisClient } from './redisKv.js';

/** Writes the case and its index entries unless the id exists; then returns the stored JSON instead. */
const CREATE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
  return 1
end
return redis.call('GET', KEYS[1])`;

/** Compare-and-swap of a case's JSON; moves it between status indexes in the same step. */
const SWAP = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
end
return 1`;

const MAX_SWAP_ATTEMPTS = 20;

/** Cases as JSON strings with sorted-set indexes per user and per status (score = createdAt). */
export class RedisCaseStore implements CaseStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  private caseKey = (id: string) => `${this.prefix}case:${id}`;
  private userKey = (channel: string, userId: string) => `${this.prefix}cases:user:${channel}:${userId}`;
  private statusKey = (status: CaseStatus) => `${this.prefix}cases:status:${status}`;

  async create(c: Case): Promise<CaseCreateResult> {
    const valid = CaseSchema.parse(c);
    const reply = await this.client.eval(CREATE, {
      keys: [this.caseKey(valid.id), this.userKey(valid.channel, valid.userId), this.statusKey(valid.status)],
      arguments: [JSON.stringify(valid), String(Date.parse(valid.createdAt)), valid.id],
    });
    if (typeof reply === 'string') return { created: false, case: CaseSchema.parse(JSON.parse(reply)) };
    return { created: true, case: valid };
  }

  async get(id: string): Promise<Case | undefined> {
    const raw = await this.client.get(this.caseKey(id));
    return raw ? CaseSchema.parse(JSON.parse(raw)) : undefined;
  }

  private async many(indexKey: string, newestFirst: boolean): Promise<Case[]> {
    const ids = await this.client.zRange(indexKey, 0, -1, newestFirst ? { REV: true } : undefined);
    if (!ids.length) return [];
    const raws = await this.client.mGet(ids.map(this.caseKey));
    return raws.flatMap((raw) => (raw ? [CaseSchema.parse(JSON.parse(raw))] : []));
  }

  listByUser(channel: string, userId: string): Promise<Case[]> {
    return this.many(this.userKey(channel, userId), true);
  }

  listByStatus(status: CaseStatus): Promise<Case[]> {
    return this.many(this.statusKey(status), false);
  }

  async update(
    id: string,
    expect: (current: Case) => boolean,
    change: (current: Case) => Case,
  ): Promise<CaseUpdateResult> {
    for (let attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt++) {
      const raw = await this.client.get(this.caseKey(id));
      if (!raw) return { ok: false, reason: 'not_found' };
      const current = CaseSchema.parse(JSON.parse(raw));
      if (!expect(structuredClone(current))) return { ok: false, reason: 'conflict', case: current };
      const next = CaseSchema.parse(change(structuredClone(current)));
      const swapped = await this.client.eval(SWAP, {
        keys: [this.caseKey(id), this.statusKey(current.status), this.statusKey(next.status)],
        arguments: [raw, JSON.stringify(next), String(Date.parse(next.createdAt)), id],
      });
      if (Number(swapped) === 1) return { ok: true, case: next };
      // Someone else changed the case between our read and write: read again and re-check.
    }
    const latest = await this.get(id);
    return { ok: false, reason: 'conflict', case: latest };
  }
}

/** Conversation state as JSON strings with an expiry. */
export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.client.get(`${this.prefix}conv:${conversationId}`);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw; // not JSON: the engine discards it (ConversationStore contract)
    }
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.client.set(`${this.prefix}conv:${conversationId}`, JSON.stringify(state), {
      expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
    });
  }

  async delete(conversationId: string): Promise<void> {
    await this.client.del(`${this.prefix}conv:${conversationId}`);
  }
}
