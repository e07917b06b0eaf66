import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a Slack request was refused before its body was trusted. */
export type SlackSignatureCheck =
  | { ok: true; timestamp: string; signature: string }
  | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'bad_timestamp' | 'stale_timestamp' };

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Header checks that need no body: `X-Slack-Signature` present and shaped `v0=<64 hex>` (so a
 * short or missing signature is refused here, never compared), `X-Slack-Request-Timestamp` a
 * number of seconds within ±windowSeconds of now.
 */
export function checkSlackHeaders(
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number,
  windowSeconds: number,
): SlackSignatureCheck {
  if (!signature) return { ok: false, reason: 'missing_signature' };
  if (signature.length !== 67 || !SIGNATURE.test(signature)) return { ok: false, reason: 'bad_signature' };
  if (!timestamp || !TIMESTAMP.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > windowSeconds)
    return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, timestamp, signature };
}

/** `v0=` + HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`), as Slack signs requests. */
export function slackSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** Compares the request's signature with ours in constant time (lengths checked first). */
export function signatureMatches(
  secret: string,
  timestamp: string,
  rawBody: Buffer,
  signature: string,
): boolean {
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
