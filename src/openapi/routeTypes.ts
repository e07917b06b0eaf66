/** How a route is described for the OpenAPI document (see routes.ts). */
import type { z } from 'zod';
import { ERROR_CODES } from '../http/errorBody.js';
import type { RequestSchemaName, ResponseSchemaName } from './components.js';

/** A response: a named schema (JSON), or a media type with a free description. */
export interface ApiResponse {
  description: string;
  /** Default `application/json` when `schema` is set. */
  contentType?: string;
  schema?: ResponseSchemaName;
  /** Response headers worth naming (documented in document.ts `HEADERS`). */
  headers?: readonly ('Retry-After' | 'X-Session-Token' | 'WWW-Authenticate')[];
  /** For `text/event-stream`: event name → data schema. */
  events?: Record<string, ResponseSchemaName>;
}

/** One route: `path` is written as express writes it (`/api/agent/cases/:id`). */
export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  path: string;
  tag: 'health' | 'web' | 'agent' | 'pages' | 'webhooks';
  summary: string;
  description?: string;
  /** Security scheme names (any one suffices); omitted = public. */
  auth?: readonly ('webToken' | 'agentToken' | 'tokenQuery' | 'streamTicket' | 'metricsToken')[];
  params?: Record<string, z.ZodType>;
  /** Request headers the route reads (besides Authorization). */
  headers?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: {
    contentType: string;
    schema?: RequestSchemaName;
    description?: string;
    maxBytes?: number;
    /** Other media types the route takes, each with its schema. */
    alternatives?: readonly { contentType: string; schema: RequestSchemaName }[];
  };
  responses: Record<number, ApiResponse>;
}

export const json = (description: string, schema: ResponseSchemaName): ApiResponse => ({
  description,
  schema,
});
export const text = (description: string, contentType = 'text/plain'): ApiResponse => ({
  description,
  contentType,
});

/** Error responses for the given codes (one entry per status, codes of a status joined). */
export function errors(...codes: (keyof typeof ERROR_CODES)[]): Record<number, ApiResponse> {
  const byStatus: Record<number, ApiResponse> = {};
  for (const code of codes) {
    const entry = ERROR_CODES[code];
    if (!entry) throw new Error(`undocumented error code ${code}`);
    const previous = byStatus[entry.status];
    byStatus[entry.status] = {
      description: previous ? `${previous.description}; \`${code}\`` : `\`${code}\`: ${entry.meaning}`,
      schema: 'Error',
      headers: ['rate_limited', 'store_unavailable', 'conversation_busy'].includes(code)
        ? ['Retry-After']
        : previous?.headers,
    };
  }
  return byStatus;
}

/** The routes, in the order docs/api.md presents them. */
