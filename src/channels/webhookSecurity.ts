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

/** The signed query parameters of a verified webhook request. */
export interface SignedParams {
  signature: string;
  /** As the platform sends it: seconds (WeChat) or milliseconds (Weibo) since the epoch. */
  timestamp: string;
  nonce: string;
}

/** Outcome of checking a webhook request's signature. */
export type SignatureCheck =
  { ok: true; params: SignedParams } | { ok: false; reason: 'missing_params' | 'bad_signature' };

/** Why a webhook request was refused. */
export type ReplayCheck =
  { ok: true } | { ok: false; reason: 'stale_timestamp' | 'bad_timestamp' | 'replayed_nonce' };

/** True when `timestamp` (digits, in `unit`) is within ±windowSeconds of `nowMs`. */
export function isFresh(timestamp: string, unit: 's' | 'ms', windowSeconds: number, nowMs: number): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  const ms = unit === 'ms' ? Number(timestamp) : Number(timestamp) * 1000;
  return Math.abs(nowMs - ms) / 1000 <= windowSeconds;
}

/**
 * Replay protection: the timestamp must be within ±windowSeconds of now, and a (timestamp, nonce)
 * pair is accepted once (remembered in the store for twice the window). The signature is not
 * part of the key: it is a function of the secret, timestamp and nonce, and the form a client
 * sends it in (e.g. upper-case hex) must not make a captured request new again.
 * `timestampUnit` is 's' for WeChat and 'ms' for Weibo.
 */
export async function checkReplay(
  kv: KeyValueStore,
  opts: {
    channel: string;
    timestamp: string;
    nonce: string;
    windowSeconds: number;
    timestampUnit: 's' | 'ms';
    /** The current time in ms (the caller's Clock). */
    now: number;
  },
): Promise<ReplayCheck> {
  if (!/^\d{1,16}$/.test(opts.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  if (!isFresh(opts.timestamp, opts.timestampUnit, opts.windowSeconds, opts.now))
    return { ok: false, reason: 'stale_timestamp' };
  const digest = createHash('sha1').update(`${opts.timestamp}|${opts.nonce}`).digest('hex');
  const key = `nonce:${opts.channel}:${digest}`;
  const fresh = await kv.set(key, '1', { onlyIfAbsent: true, ttlSeconds: opts.windowSeconds * 2 });
  return fresh ? { ok: true } : { ok: false, reason: 'replayed_nonce' };
}

/** `echostr` is echoed back verbatim: only printable ASCII, bounded, is accepted. */
export function validEchostr(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\x21-\x7e]{1,256}$/.test(value) ? value : undefined;
}
