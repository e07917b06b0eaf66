import type { RedisClient } from './redisKv.js';

const MARKER = 'migrated:conversation-hash-tags';

/**
 * One-time rename of conversation state written before its key carried a hash tag
 * (`conv:web:u1` → `conv:{web:u1}`), so an upgrade keeps every conversation's state. Old owner
 * records (`owner:…`) are deleted: who answers a conversation is derived from its case
 * (handoff/ownership.ts) and nothing reads them. Safe with several processes starting at once
 * (RENAMENX; a key already moved is skipped); a marker key makes later start-ups skip the scan.
 * Single Redis only: a cluster deployment starts with tagged keys.
 */
export async function migrateConversationKeys(client: RedisClient, prefix: string): Promise<number> {
  if (await client.get(prefix + MARKER)) return 0;
  let moved = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}conv:*`, COUNT: 1000 })) {
    for (const key of keys) {
      const rest = key.slice(prefix.length + 'conv:'.length);
      if (rest.startsWith('{')) continue;
      try {
        if (await client.renameNX(key, `${prefix}conv:{${rest}}`)) moved += 1;
      } catch {
        // renamed meanwhile by another process starting up
      }
    }
  }
  for await (const keys of client.scanIterator({ MATCH: `${prefix}owner:*`, COUNT: 1000 })) {
    if (keys.length) await client.del(keys);
  }
  await client.set(prefix + MARKER, new Date().toISOString());
  return moved;
}
