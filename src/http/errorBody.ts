import { z } from 'zod';

/** Every error response: `{error: {code, message}}` with a 4xx/5xx status. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, machine-readable; see the table in docs/api.md'),
    message: z.string().describe('For people; may change'),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * Error codes and their statuses, as documented (docs/api.md, OpenAPI). The error handler's map
 * of named errors must agree with it (test/http/openapi.test.ts).
 */
export const ERROR_CODES: Record<string, { status: number; meaning: string }> = {
  invalid_request: { status: 400, meaning: 'body, query or parameter does not match its schema' },
  unauthorized: { status: 401, meaning: 'missing or invalid token or signature' },
  forbidden: { status: 403, meaning: 'authenticated, but not allowed (another agent owns the case)' },
  not_found: { status: 404, meaning: 'no such route, case or upload' },
  conflict: { status: 409, meaning: 'the state changed (case already claimed, not assigned…)' },
  payload_too_large: { status: 413, meaning: 'body over the route’s limit' },
  quota_exceeded: { status: 413, meaning: 'an upload quota (per session, or all uploads) is used up' },
  unsupported_media_type: { status: 415, meaning: 'upload is not a PNG, JPEG, WebP or GIF image' },
  rate_limited: { status: 429, meaning: 'too many requests; `Retry-After` says when to retry' },
  internal_error: { status: 500, meaning: 'a bug on our side (logged, never detailed)' },
  config_error: { status: 500, meaning: 'bad configuration or data' },
  upstream_error: { status: 502, meaning: 'a platform or model kefu called failed' },
  conversation_busy: {
    status: 503,
    meaning:
      'another turn of this conversation is still running; retry (same idempotency key) after `Retry-After`',
  },
  store_unavailable: {
    status: 503,
    meaning: 'the store (Redis) is unreachable; nothing was done; retry after `Retry-After`',
  },
};
