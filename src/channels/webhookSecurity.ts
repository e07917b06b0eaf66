import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyValueStore } from '../store/types.js';

/** SHA-1 hex of the lexicographically sorted, concatenated parts (WeChat and Weibo signatures). */
export function sortedSha1(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time string comparison (hashes both sides first so lengths never leak or throw). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** Why a webhook request was refused. */
export type ReplayCheck =
  { ok: true } | { ok: false; reason: 'stale_timestamp' | 'bad_timestamp' | 'replayed_nonce' };

/**
 * Replay protection: the timestamp must be within ±windowSeconds of now, and a
 * (timestamp, nonce, signature) triple is accepted once (remembered in the store for the window).
 * `timestampUnit` is 's' for WeChat and 'ms' for Weibo.
 */
export async function checkReplay(
  kv: KeyValueStore,
  opts: {
    channel: string;
    timestamp: string;
    nonce: string;
    signature: string;
    windowSeconds: number;
    timestampUnit: 's' | 'ms';
    now?: number;
  },
): Promise<ReplayCheck> {
  if (!/^\d{1,16}$/.test(opts.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const seconds = opts.timestampUnit === 'ms' ? Number(opts.timestamp) / 1000 : Number(opts.timestamp);
  const now = (opts.now ?? Date.now()) / 1000;
  if (Math.abs(now - seconds) > opts.windowSeconds) return { ok: false, reason: 'stale_timestamp' };
  const key = `nonce:${opts.channel}:${createHash('sha1').update(`${opts.timestamp}|${opts.nonce}|${opts.signature}`).digest('hex')}`;
  const fresh = await kv.set(key, '1', { onlyIfAbsent: true, ttlSeconds: opts.windowSeconds * 2 });
  return fresh ? { ok: true } : { ok: false, reason: 'replayed_nonce' };
}
