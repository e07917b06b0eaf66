import type { ConversationStore, TranscriptRetention } from '../types.js';
import type { RedisClient } from './redisKv.js';
import { conversationKeys, normalizedRetention, parseStoredJson } from '../turnStore.js';
import { LuaScript } from './luaScript.js';

/**
 * Lua lines appending ARGV[from…] to the list KEYS[key], keeping the last ARGV[from-2] and
 * setting its expiry to ARGV[from-1] seconds. Shared by `appendTranscript` and the turn's commit.
 */
export function appendTranscriptLua(key: number, from: number): string {
  return `if #ARGV >= ${from} then
  redis.call('RPUSH', KEYS[${key}], unpack(ARGV, ${from}))
  redis.call('LTRIM', KEYS[${key}], -tonumber(ARGV[${from - 2}]), -1)
  redis.call('EXPIRE', KEYS[${key}], ARGV[${from - 1}])
end`;
}

const APPEND_TRANSCRIPT = new LuaScript(appendTranscriptLua(1, 3));

/**
 * ARGV of the transcript lines: keep, ttl, then the entries as JSON (only the last `keep`: more
 * would be trimmed anyway, and Lua's `unpack` has a limit of a few thousand values).
 */
export function transcriptArgs(entries: readonly unknown[], retention: TranscriptRetention): string[] {
  const { keep, ttlSeconds } = normalizedRetention(retention);
  return [String(keep), String(ttlSeconds), ...entries.slice(-keep).map((e) => JSON.stringify(e))];
}

/** Conversation state as JSON strings with an expiry; the transcript a list of JSON entries beside it. */
export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  private keys(conversationId: string) {
    const k = conversationKeys(conversationId);
    return { state: this.prefix + k.state, transcript: this.prefix + k.transcript };
  }

  async load(conversationId: string): Promise<unknown> {
    const raw = await this.client.get(this.keys(conversationId).state);
    // Not JSON: the text itself, which the engine discards (ConversationStore contract).
    return raw === null ? undefined : parseStoredJson(raw);
  }

  async save(conversationId: string, state: unknown, ttlSeconds: number): Promise<void> {
    await this.client.set(this.keys(conversationId).state, JSON.stringify(state), {
      expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
    });
  }

  async delete(conversationId: string): Promise<void> {
    const k = this.keys(conversationId);
    // Both keys share the conversation's hash tag: one command, also on a cluster.
    await this.client.del([k.state, k.transcript]);
  }

  async transcript(conversationId: string): Promise<unknown[]> {
    return (await this.client.lRange(this.keys(conversationId).transcript, 0, -1)).map(parseStoredJson);
  }

  async appendTranscript(
    conversationId: string,
    entries: readonly unknown[],
    retention: TranscriptRetention,
  ): Promise<void> {
    if (!entries.length) return;
    await APPEND_TRANSCRIPT.run(this.client, [this.keys(conversationId).transcript], transcriptArgs(entries, retention));
  }
}
