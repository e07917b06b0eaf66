import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyValueStore } from '../../store/types.js';

const SECRET_KEY = 'secret:web-session';

/**
 * Signed opaque web session tokens: `<random user id>.<HMAC-SHA256>`. Nothing to look up per
 * request; any worker sharing the secret can verify. The secret comes from SESSION_SECRET or
 * is generated once and kept in the store (shared by all workers in Redis mode).
 */
export class WebSessions {
  /** Tokens already verified (immutable, so safe to remember); bounded, oldest dropped first. */
  private readonly verified = new Map<string, string>();
  private static readonly CACHE_LIMIT = 10_000;

  private constructor(private readonly secret: Buffer) {}

  /** Uses `configured` when given, else the store's secret, creating it on first start. */
  static async create(kv: KeyValueStore, configured?: string): Promise<WebSessions> {
    if (configured) return new WebSessions(Buffer.from(configured, 'utf8'));
    await kv.set(SECRET_KEY, randomBytes(32).toString('base64url'), { onlyIfAbsent: true });
    const secret = await kv.get(SECRET_KEY);
    if (!secret) throw new Error('could not read the web session secret from the store');
    return new WebSessions(Buffer.from(secret, 'utf8'));
  }

  /** A new session: a fresh user id and its token. */
  issue(): { userId: string; token: string } {
    const userId = `w_${randomBytes(12).toString('base64url')}`;
    return { userId, token: `${userId}.${this.sign(userId)}` };
  }

  /** The user id of a valid token, else undefined (constant-time signature check). */
  verify(token: string | undefined): string | undefined {
    if (!token || token.length > 200) return undefined;
    const known = this.verified.get(token);
    if (known) return known;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const userId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.sign(userId), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (this.verified.size >= WebSessions.CACHE_LIMIT)
      this.verified.delete(this.verified.keys().next().value ?? '');
    this.verified.set(token, userId);
    return userId;
  }

  private sign(userId: string): string {
    return createHmac('sha256', this.secret).update(userId).digest('base64url');
  }
}
