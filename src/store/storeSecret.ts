import { randomBytes } from 'node:crypto';
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
