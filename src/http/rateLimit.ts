import { systemClock, type Clock } from '../domain/clock.js';
import type { RequestHandler, Request } from 'express';
import { RateLimitError } from '../errors.js';
import type { KeyValueStore } from '../store/types.js';
import type { TurnLimit } from '../engine/turnRunner.js';

/** A fixed-window limit: `limit` requests per `windowSeconds` per key. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
  /** Key of the caller for this rule (IP, token…); undefined skips the rule. */
  key(req: Request): string | undefined;
}

/**
 * Checks every rule against counters in the store (shared by all workers in Redis mode);
 * the first exceeded rule rejects with RateLimitError (429 + Retry-After).
 */
export async function checkRateLimits(
  kv: KeyValueStore,
  rules: readonly RateLimitRule[],
  req: Request,
  clock: Clock = systemClock,
): Promise<void> {
  const now = Math.floor(clock.nowMs() / 1000);
  const checks = rules.flatMap((rule) => {
    const key = rule.key(req);
    if (key === undefined) return [];
    const window = Math.floor(now / rule.windowSeconds);
    return [{ rule, promise: kv.increment(`rl:${rule.name}:${key}:${window}`, rule.windowSeconds + 1) }];
  });
  const counts = await Promise.all(checks.map((c) => c.promise));
  checks.forEach(({ rule }, i) => {
    if ((counts[i] ?? 0) > rule.limit)
      throw new RateLimitError(rule.windowSeconds - (now % rule.windowSeconds));
  });
}

/**
 * The rules as limits for the turn runner, which counts them in the same store call that takes
 * the conversation's lock (one round trip instead of one more per rule).
 */
export function turnLimits(rules: readonly RateLimitRule[], req: Request): TurnLimit[] {
  const now = Math.floor(Date.now() / 1000);
  return rules.flatMap((rule) => {
    const key = rule.key(req);
    if (key === undefined) return [];
    const window = Math.floor(now / rule.windowSeconds);
    return [
      {
        key: `rl:${rule.name}:${key}:${window}`,
        limit: rule.limit,
        ttlSeconds: rule.windowSeconds + 1,
        retryAfterSeconds: rule.windowSeconds - (now % rule.windowSeconds),
      },
    ];
  });
}

/** Express middleware form of checkRateLimits. */
export function rateLimit(kv: KeyValueStore, rules: readonly RateLimitRule[]): RequestHandler {
  return async (req, _res, next) => {
    await checkRateLimits(kv, rules, req);
    next();
  };
}

/** The client address as express sees it (honours `trust proxy` when set). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
