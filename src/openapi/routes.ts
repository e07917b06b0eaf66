/**
 * Every HTTP route kefu serves, with its schemas: the source of `GET /api/openapi.json`.
 * test/http/openapi.test.ts fails when a route express registers is missing here or a route
 * listed here is not registered, so a new route is documented in the same change.
 */
import { UPLOAD_MEDIA_TYPES, UploadIdSchema } from '../channels/web/webApiSchemas.js';
import { IdempotencyKeySchema } from '../channels/web/webRouter.js';
import { IdSchema as CaseIdSchema } from '../http/agentRouter.js';
import { CaseListQuerySchema } from '../http/caseListQuery.js';
import { ParamsSchema as ErasureParamsSchema } from '../privacy/erasureRouter.js';
import { CHANNEL_ROUTES } from './channelRoutes.js';
import { errors, json, text, type ApiRoute } from './routeTypes.js';

export type { ApiResponse, ApiRoute } from './routeTypes.js';

const WEB = 'Web chat API (the widget): CORS open to any origin, no cookies.';

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'health',
    summary: 'Liveness: the process serves HTTP (never touches the store)',
    responses: { 200: json('Alive', 'Health') },
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'health',
    summary: 'Readiness: the store answers a ping and the case queue worker runs',
    description: 'For load balancers: route traffic only to instances answering 200.',
    responses: {
      200: json('Ready', 'Readiness'),
      503: json('Not ready; `checks` names what failed', 'Readiness'),
    },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'health',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'When METRICS_TOKEN is set, only with `Authorization: Bearer <METRICS_TOKEN>`.',
    auth: ['metricsToken'],
    responses: {
      200: text('Metrics', 'text/plain; version=0.0.4'),
      401: {
        description: '`unauthorized`: METRICS_TOKEN is set and the request does not carry it',
        schema: 'Error',
        headers: ['WWW-Authenticate'],
      },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'health',
    summary: 'This document (OpenAPI 3.1)',
    responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
  },
  {
    method: 'post',
    path: '/api/web/session',
    tag: 'web',
    summary: 'Start a chat session: a token and the greeting',
    description: `${WEB} Rate-limited per address.`,
    body: { contentType: 'application/json', schema: 'WebSessionRequest' },
    responses: {
      201: json('Session created', 'WebSession'),
      ...errors('invalid_request', 'payload_too_large', 'rate_limited', 'store_unavailable'),
    },
  },
  {
    method: 'post',
    path: '/api/web/messages',
    tag: 'web',
    summary: 'Send the user’s message (text and/or uploaded images); the bot’s replies come back',
    description: `${WEB} Rate-limited per token and per address. While an agent owns the user's case the replies are empty and the message goes to the agent.`,
    auth: ['webToken'],
    headers: {
      'Idempotency-Key': IdempotencyKeySchema.describe(
        'Same as `clientMessageId` in the body (give either, or both equal): a retry with the key of a message already answered gets that answer again and runs no turn',
      ),
    },
    body: { contentType: 'application/json', schema: 'WebMessageRequest', maxBytes: 16 * 1024 },
    responses: {
      200: { ...json('The bot’s replies', 'WebMessages'), headers: ['X-Session-Token'] },
      ...errors(
        'invalid_request',
        'unauthorized',
        'conflict',
        'payload_too_large',
        'rate_limited',
        'conversation_busy',
        'store_unavailable',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/web/cases',
    tag: 'web',
    summary: 'The session user’s own cases',
    auth: ['webToken'],
    responses: {
      200: { ...json('Cases, newest first', 'WebCases'), headers: ['X-Session-Token'] },
      ...errors('unauthorized', 'store_unavailable'),
    },
  },
  {
    method: 'get',
    path: '/api/web/events',
    tag: 'web',
    summary: 'Live messages outside a request (agent replies, case updates) as Server-Sent Events',
    description:
      'Web token in `?token=` (EventSource cannot send headers). Heartbeat comment every 15 s. A session keeps at most 3 streams open per process: a fourth closes the oldest with a `superseded` event.',
    auth: ['tokenQuery'],
    responses: {
      200: {
        description: 'An event stream; each `message` event carries a Reply',
        contentType: 'text/event-stream',
        events: { message: 'Reply', superseded: 'SupersededEvent' },
      },
      ...errors('unauthorized'),
    },
  },
  {
    method: 'post',
    path: '/api/web/uploads',
    tag: 'web',
    summary: 'Upload an evidence image (≤ 2 MB); cite its url in a message’s attachments',
    description:
      '20 uploads a minute per token, 100 per address; the type is checked by the file’s first bytes.',
    auth: ['webToken'],
    body: {
      contentType: UPLOAD_MEDIA_TYPES.join(', '),
      description: 'The raw image bytes; Content-Type names the type',
      maxBytes: 2 * 1024 * 1024,
    },
    responses: {
      201: json('Stored', 'Upload'),
      ...errors(
        'unauthorized',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'store_unavailable',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/web/uploads/:id',
    tag: 'web',
    summary: 'An uploaded image, for its uploader or any agent',
    description:
      'The uploader’s web token as a header or `?token=` (for <img>); an agent token in the header only.',
    auth: ['webToken', 'agentToken', 'tokenQuery'],
    params: { id: UploadIdSchema },
    responses: {
      200: text('The image', 'image/*'),
      ...errors('unauthorized', 'not_found', 'store_unavailable'),
    },
  },
  {
    method: 'get',
    path: '/api/agent/cases',
    tag: 'agent',
    summary:
      'Cases by status, category, channel, text and time, a page at a time (default: queued and assigned)',
    auth: ['agentToken'],
    query: CaseListQuerySchema,
    responses: {
      200: json('Cases, oldest first', 'AgentCaseList'),
      ...errors('invalid_request', 'unauthorized', 'rate_limited', 'store_unavailable'),
    },
  },
  ...(
    [
      ['', 'get', 'One case with its transcript and events'],
      ['/claim', 'post', 'Claim a queued case (one winner; claiming your own again is a no-op)'],
      ['/reclaim', 'post', 'Take over an assigned case whose agent has been silent for 15 minutes'],
    ] as const
  ).map(([suffix, method, summary]): ApiRoute => ({
    method,
    path: `/api/agent/cases/:id${suffix}`,
    tag: 'agent',
    summary,
    auth: ['agentToken'],
    params: { id: CaseIdSchema },
    responses: {
      200: json('The case', 'AgentCase'),
      ...errors(
        'invalid_request',
        'unauthorized',
        'not_found',
        'conflict',
        'rate_limited',
        'store_unavailable',
      ),
    },
  })),
  ...(
    [
      ['/messages', 'AgentMessageRequest', 'Send the user a message on their own channel'],
      ['/resolve', 'AgentResolveRequest', 'Resolve the case with a note for the user; the bot resumes'],
    ] as const
  ).map(([suffix, schema, summary]): ApiRoute => ({
    method: 'post',
    path: `/api/agent/cases/:id${suffix}`,
    tag: 'agent',
    summary,
    description: 'Only the assigned agent may call it.',
    auth: ['agentToken'],
    params: { id: CaseIdSchema },
    body: { contentType: 'application/json', schema, maxBytes: 16 * 1024 },
    responses: {
      200: json('The case, and whether the user’s channel took the message', 'AgentDelivery'),
      ...errors(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'rate_limited',
        'store_unavailable',
      ),
    },
  })),
  {
    method: 'delete',
    path: '/api/agent/users/:channel/:userId/data',
    tag: 'agent',
    summary:
      'Erase one person’s data (a deletion request): conversation, uploads, personal fields of their cases',
    description: 'Needs an agent token with the `admin` role (`AGENT_TOKENS` entry `name:token:admin`).',
    auth: ['agentToken'],
    params: { channel: ErasureParamsSchema.shape.channel, userId: ErasureParamsSchema.shape.userId },
    responses: {
      200: json('What was removed', 'Erasure'),
      ...errors('invalid_request', 'unauthorized', 'forbidden', 'rate_limited', 'store_unavailable'),
    },
  },
  {
    method: 'post',
    path: '/api/agent/events/ticket',
    tag: 'agent',
    summary:
      'A single-use ticket (30 s) to open the event stream, for EventSource, which cannot send headers',
    auth: ['agentToken'],
    responses: {
      201: json('The ticket', 'AgentTicket'),
      ...errors('unauthorized', 'rate_limited', 'store_unavailable'),
    },
  },
  {
    method: 'get',
    path: '/api/agent/events',
    tag: 'agent',
    summary: 'Live events for agents (new case, claims, user messages on assigned cases) as SSE',
    description:
      'The event name is the event’s `type`. The agent token in the header, or `?ticket=` from the ticket route.',
    auth: ['agentToken', 'streamTicket'],
    responses: {
      200: {
        description: 'An event stream',
        contentType: 'text/event-stream',
        events: { '<type>': 'AgentEvent' },
      },
      ...errors('unauthorized', 'rate_limited', 'store_unavailable'),
    },
  },
  ...CHANNEL_ROUTES,
];
