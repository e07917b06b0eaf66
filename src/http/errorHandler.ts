import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { BusyError, KefuError, RateLimitError, StoreUnavailableError, describeZodIssues } from '../errors.js';

export const STATUS_BY_CODE: Record<string, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  conversation_busy: 503,
  upstream_error: 502,
  store_unavailable: 503,
  config_error: 500,
};

/** Sends the contract's error body `{error: {code, message}}`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** The one error handler of the HTTP app: named errors → status codes, never a stack trace to the client. */
export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof RateLimitError || err instanceof BusyError || err instanceof StoreUnavailableError)
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof KefuError) {
      sendError(res, STATUS_BY_CODE[err.code] ?? 500, err.code, err.message);
      return;
    }
    if (err instanceof ZodError) {
      sendError(res, 400, 'invalid_request', describeZodIssues(err.issues));
      return;
    }
    const httpErr = (typeof err === 'object' && err !== null ? err : {}) as HttpLikeError;
    const status = httpErr.status ?? httpErr.statusCode;
    if (status && status >= 400 && status < 500) {
      const code = httpErr.type === 'entity.too.large' ? 'payload_too_large' : 'invalid_request';
      const message =
        httpErr.type === 'entity.parse.failed'
          ? 'request body is not valid JSON'
          : (httpErr.message ?? 'bad request');
      sendError(res, status, code, message);
      return;
    }
    log.error({ err }, 'unhandled error');
    sendError(res, 500, 'internal_error', 'something went wrong on our side');
  };
}
