import type { RedisClient } from './redisKv.js';

const MARKER = 'migrated:conversation-hash-tags';

/**
 * One-time rename of conversation keys written before they carried a hash tag
 * (`conv:web:u1` → `conv:{web:u1}`, same for `owner:`), so an upgrade keeps every conversation's
 * state and the agent who owns it. Safe with several processes starting at once (RENAMENX; a key
 * already moved is skipped); a marker key makes later start-ups skip the scan. Single Redis only:
 * a cluster deployment starts with tagged keys.
 */
export async function migrateConversationKeys(client: RedisClient, prefix: string): Promise<number> {
  if (await client.get(prefix + MARKER)) return 0;
  let moved = 0;
  for (const kind of ['conv:', 'owner:']) {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}${kind}*`, COUNT: 1000 })) {
      for (const key of keys) {
        const rest = key.slice(prefix.length + kind.length);
        if (rest.startsWith('{')) continue;
        try {
          if (await client.renameNX(key, `${prefix}${kind}{${rest}}`)) moved += 1;
        } catch {
          // renamed meanwhile by another process starting up
        }
      }
    }
  }
  await client.set(prefix + MARKER, new Date().toISOString());
  return moved;
}
