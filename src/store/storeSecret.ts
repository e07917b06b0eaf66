import { createHmac, randomBytes } from 'node:crypto';
import type { KeyValueStore } from './types.js';

/**
 * A random secret kept in the store under `key`: created by the first process to ask (SET NX),
 * then shared by every process on the same store. For secrets no operator has to set (the web
 * session secret in development, the key of derived case ids); never expires.
 */
export async function storeSecret(kv: KeyValueStore, key: string): Promise<string> {
  await kv.set(key, randomBytes(32).toString('base64url'), { onlyIfAbsent: true });
  const secret = await kv.get(key);
  if (!secret) throw new Error(`could not read the secret ${key} from the store`);
  return secret;
}

/**
 * The key of the case ids derived from message ids (domain/caseId.ts). From SESSION_SECRET when
 * set (production requires it): the same in every process and after every restart, whatever
 * happens to the store, so a hand-over retried after a crash finds the case it opened. Without
 * it (development), a secret the store keeps: shared on Redis, new on each start of the
 * in-memory store.
 */
export async function caseIdKey(sessionSecret: string | undefined, kv: KeyValueStore): Promise<string> {
  if (sessionSecret) return createHmac('sha256', sessionSecret).update('kefu case-id key').digest('base64url');
  return storeSecret(kv, 'secret:case-ids');
}
