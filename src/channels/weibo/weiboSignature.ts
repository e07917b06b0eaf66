import {
  isFresh,
  safeEqual,
  sortedSha1,
  type SignatureCheck,
  type SignedParams,
} from '../webhookSecurity.js';

export { validEchostr } from '../webhookSecurity.js';
export type { SignatureCheck };

/** The signed query parameters of a verified Weibo request (`timestamp` in milliseconds). */
export type WeiboSignedParams = SignedParams;

function single(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/**
 * Weibo's signature (粉丝服务平台 消息推送服务): SHA-1 hex of the lexicographically sorted,
 * concatenated [app secret, timestamp, nonce]. The docs' example: secret `xyz123xyz`, timestamp
 * `1397022061823`, nonce `57155157` → `90e4c22c90a58f26526c2dd5b6c56c8822edeaa1`.
 */
export function weiboSignature(appSecret: string, timestamp: string, nonce: string): string {
  return sortedSha1([appSecret, timestamp, nonce]);
}

/**
 * Checks `signature`, `timestamp`, `nonce` of a query (GET verification and every POST push)
 * in constant time. Repeated or oversized parameters count as missing.
 */
export function verifyWeiboSignature(query: Record<string, unknown>, appSecret: string): SignatureCheck {
  const signature = single(query.signature, 128);
  const timestamp = single(query.timestamp, 32);
  const nonce = single(query.nonce, 128);
  if (!signature || !timestamp || !nonce) return { ok: false, reason: 'missing_params' };
  const expected = weiboSignature(appSecret, timestamp, nonce);
  if (!safeEqual(expected, signature.toLowerCase())) return { ok: false, reason: 'bad_signature' };
  return { ok: true, params: { signature, timestamp, nonce } };
}

/** True when a millisecond timestamp is within ±windowSeconds of `nowMs` (same rule as checkReplay). */
export function isFreshMs(timestamp: string, windowSeconds: number, nowMs: number): boolean {
  return isFresh(timestamp, 'ms', windowSeconds, nowMs);
}
