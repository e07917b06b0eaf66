/**
 * The few named errors kefu raises. Only the HTTP layer maps them to status codes
 * (src/http/errorHandler.ts); elsewhere they carry a stable `code` and a clear message.
 */
export class KefuError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that does not match its schema (HTTP body, webhook payload, env, knowledge file). */
export class ValidationError extends KefuError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_request', message, options);
  }
}

/** Missing or wrong credentials (token, signature). */
export class AuthError extends KefuError {
  constructor(message = 'missing or invalid credentials') {
    super('unauthorized', message);
  }
}

/** The caller may not see or touch this resource. */
export class ForbiddenError extends KefuError {
  constructor(message = 'forbidden') {
    super('forbidden', message);
  }
}

export class NotFoundError extends KefuError {
  constructor(message = 'not found') {
    super('not_found', message);
  }
}

/** A state change lost a race or is not allowed from the current state (e.g. a double claim). */
export class ConflictError extends KefuError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class RateLimitError extends KefuError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many requests, retry in ${retryAfterSeconds}s`);
  }
}

/**
 * Another turn of the same conversation holds its lock for longer than we wait. Retryable: the
 * client sends the same message (same idempotency key) again after `retryAfterSeconds`.
 */
export class BusyError extends KefuError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super('conversation_busy', message);
  }
}

/** A platform or model we call failed or answered with an error. */
export class UpstreamError extends KefuError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream_error', message, options);
  }
}

/**
 * The store (Redis) cannot be reached or did not answer in time. Answered with 503
 * `store_unavailable` and `Retry-After`: the request did nothing the caller needs to undo
 * and can be sent again once the store is back.
 */
export class StoreUnavailableError extends KefuError {
  /** Seconds the client should wait before retrying (the `Retry-After` header). */
  readonly retryAfterSeconds: number;

  constructor(
    message = 'the store is unavailable, try again shortly',
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super('store_unavailable', message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 2;
  }
}

/** Bad configuration or data at start-up (env variable, knowledge file). */
export class ConfigError extends KefuError {
  constructor(message: string) {
    super('config_error', message);
  }
}

/** One-line description of a zod error: `field: message; field: message`. */
export function describeZodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
