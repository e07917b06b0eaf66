import type { Clock } from '../../domain/clock.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { KeyValueStore } from '../../store/types.js';

const CACHE_KEY = 'wechat:access_token';
const LOCK_KEY = 'wechat:access_token:lock';
const REFRESH_EARLY_MS = 5 * 60_000;
const TokenReply = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const ErrorReply = z.object({ errcode: z.number(), errmsg: z.string().optional() });
const Cached = z.object({ token: z.string(), expiresAt: z.number() });

/**
 * The official account's access_token: cached in the store (shared by all workers) and refreshed
 * five minutes early; one refresh at a time across processes (a lock in the store) and within
 * this one (a shared promise).
 */
export class AccessTokenProvider {
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly deps: {
      kv: KeyValueStore;
      apiBase: string;
      appId: string;
      appSecret: string;
      fetch: typeof fetch;
      clock: Clock;
    },
  ) {}

  async get(): Promise<string> {
    const cached = await this.cached();
    if (cached) return cached;
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forget the cached token (WeChat said it is invalid or expired: 40001 / 42001). */
  async invalidate(): Promise<void> {
    await this.deps.kv.delete(CACHE_KEY);
  }

  private async cached(): Promise<string | undefined> {
    const raw = await this.deps.kv.get(CACHE_KEY);
    const parsed = raw ? Cached.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success && parsed.data.expiresAt - REFRESH_EARLY_MS > this.deps.clock.nowMs()
      ? parsed.data.token
      : undefined;
  }

  private async refresh(): Promise<string> {
    const holder = randomUUID();
    for (let waited = 0; waited < 10_000; waited += 100) {
      if (await this.deps.kv.set(LOCK_KEY, holder, { onlyIfAbsent: true, ttlSeconds: 15 })) {
        try {
          const again = await this.cached(); // another worker may have just refreshed it
          return again ?? (await this.fetchToken());
        } finally {
          await this.deps.kv.deleteIfEquals(LOCK_KEY, holder);
        }
      }
      await this.deps.clock.sleep(100);
      const fresh = await this.cached();
      if (fresh) return fresh;
    }
    throw new UpstreamError('timed out waiting for another worker to refresh the WeChat access_token');
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.deps.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.deps.appId)}&secret=${encodeURIComponent(this.deps.appSecret)}`;
    const res = await this.deps.fetch(url, { signal: AbortSignal.timeout(5000) });
    const body: unknown = await res.json().catch(() => ({}));
    const ok = TokenReply.safeParse(body);
    if (!ok.success) {
      const err = ErrorReply.safeParse(body);
      throw new UpstreamError(
        `wechat token: ${err.success ? `errcode ${err.data.errcode} ${err.data.errmsg ?? ''}` : `HTTP ${res.status}`}`.trim(),
      );
    }
    const expiresAt = this.deps.clock.nowMs() + ok.data.expires_in * 1000;
    await this.deps.kv.set(CACHE_KEY, JSON.stringify({ token: ok.data.access_token, expiresAt }), {
      ttlSeconds: ok.data.expires_in,
    });
    return ok.data.access_token;
  }
}
