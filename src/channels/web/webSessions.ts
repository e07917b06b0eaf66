import { systemClock, type Clock } from '../../domain/clock.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { bearerToken } from '../../http/requestToken.js';
import type { KeyValueStore } from '../../store/types.js';
import { storeSecret } from '../../store/storeSecret.js';

const SECRET_KEY = 'secret:web-session';
/** Response header carrying a refreshed token; the widget stores it in place of the old one. */
export const SESSION_TOKEN_HEADER = 'X-Session-Token';
/** A token older than this is replaced by a fresh one (new expiry) when it is used. */
const REFRESH_AFTER_SECONDS = 3600;
/** Accepted clock difference between workers for the expiry bound. */
const SKEW_SECONDS = 60;

/** Options of the web session tokens (from SESSION_SECRET, SESSION_SECRET_PREVIOUS, SESSION_TTL_DAYS). */
export interface WebSessionOptions {
  /** SESSION_SECRET; unset → generated once and kept in the store (development only). */
  secret?: string;
  /** SESSION_SECRET_PREVIOUS: still verifies tokens during a rotation, never signs. */
  previousSecret?: string;
  /** Lifetime of a token from its last refresh (default 30 days). */
  ttlSeconds?: number;
  /** Clock in ms (tests). */
  clock?: Clock;
}

/** A valid token's session; `refreshed` is a fresh token to use from now on, when one is due. */
export interface SessionCheck {
  userId: string;
  refreshed?: string;
}

interface Verified {
  userId: string;
  expires: number;
  previous: boolean;
}

/**
 * Signed opaque web session tokens: `<random user id>.<expiry, base36 seconds>-<HMAC-SHA256>`.
 * Nothing to look up per request; any worker sharing the secret can verify. A token expires
 * `ttlSeconds` after it was issued; using it refreshes it (a new token with a new expiry, see
 * `check`), so an active conversation never expires. During a rotation, tokens signed with the
 * previous secret are accepted and replaced by tokens signed with the current one.
 */
export class WebSessions {
  /** Tokens already verified (immutable, so safe to remember); bounded, oldest dropped first. */
  private readonly verified = new Map<string, Verified>();
  private static readonly CACHE_LIMIT = 10_000;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  private constructor(
    private readonly secret: Buffer,
    private readonly previous: Buffer | undefined,
    options: WebSessionOptions,
  ) {
    this.ttlSeconds = Math.max(60, Math.round(options.ttlSeconds ?? 30 * 86_400));
    const clock = options.clock ?? systemClock;
    this.now = () => clock.nowMs();
  }

  /** Uses `options.secret` when given, else the store's secret, creating it on first start. */
  static async create(kv: KeyValueStore, options: WebSessionOptions = {}): Promise<WebSessions> {
    const previous = options.previousSecret ? Buffer.from(options.previousSecret, 'utf8') : undefined;
    if (options.secret) return new WebSessions(Buffer.from(options.secret, 'utf8'), previous, options);
    const secret = await storeSecret(kv, SECRET_KEY);
    return new WebSessions(Buffer.from(secret, 'utf8'), previous, options);
  }

  /** A new session (a fresh user id), or a new token for an existing `userId`. */
  issue(userId = `w_${randomBytes(12).toString('base64url')}`): { userId: string; token: string } {
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const payload = `${userId}.${expires.toString(36)}`;
    return { userId, token: `${payload}-${this.mac(this.secret, payload)}` };
  }

  /** The user id of a valid, unexpired token, else undefined. */
  verify(token: string | undefined): string | undefined {
    return this.lookup(token)?.userId;
  }

  /** Like `verify`, plus a refreshed token when this one is over an hour old or signed with the previous secret. */
  check(token: string | undefined): SessionCheck | undefined {
    const found = this.lookup(token);
    if (!found) return undefined;
    const left = found.expires - Math.floor(this.now() / 1000);
    const due = found.previous || left < this.ttlSeconds - REFRESH_AFTER_SECONDS;
    return due
      ? { userId: found.userId, refreshed: this.issue(found.userId).token }
      : { userId: found.userId };
  }

  private lookup(token: string | undefined): Verified | undefined {
    if (!token || token.length > 200) return undefined;
    const found = this.verified.get(token) ?? this.verifySignature(token);
    if (!found) return undefined;
    const nowSeconds = Math.floor(this.now() / 1000);
    // Expired, or issued for longer than the lifetime configured now (SESSION_TTL_DAYS lowered).
    if (found.expires <= nowSeconds || found.expires > nowSeconds + this.ttlSeconds + SKEW_SECONDS) {
      this.verified.delete(token);
      return undefined;
    }
    return found;
  }

  private verifySignature(token: string): Verified | undefined {
    const m = /^(w_[\w-]{1,64})\.([0-9a-z]{1,10})-([\w-]{43})$/.exec(token);
    if (!m) return undefined;
    const [, userId = '', expires36 = '', given = ''] = m;
    const payload = `${userId}.${expires36}`;
    const current = this.matches(this.secret, payload, given);
    const previous = this.previous ? this.matches(this.previous, payload, given) : false;
    if (!current && !previous) return undefined;
    const verified: Verified = { userId, expires: parseInt(expires36, 36), previous: !current };
    if (this.verified.size >= WebSessions.CACHE_LIMIT)
      this.verified.delete(this.verified.keys().next().value ?? '');
    this.verified.set(token, verified);
    return verified;
  }

  private matches(secret: Buffer, payload: string, given: string): boolean {
    const a = Buffer.from(this.mac(secret, payload), 'utf8');
    const b = Buffer.from(given, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private mac(secret: Buffer, payload: string): string {
    return createHmac('sha256', secret).update(payload).digest('base64url');
  }
}

/**
 * Refresh on use: a request with a valid session token that is due for renewal gets a fresh
 * token in the `X-Session-Token` response header (exposed to the widget by CORS). Routes still
 * authenticate on their own; an invalid token passes through untouched.
 */
export function sessionRefresh(sessions: WebSessions): RequestHandler {
  return (req, res, next) => {
    const refreshed = sessions.check(bearerToken(req.headers.authorization))?.refreshed;
    if (refreshed) res.setHeader(SESSION_TOKEN_HEADER, refreshed);
    next();
  };
}
