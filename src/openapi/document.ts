/**
 * Builds the OpenAPI 3.1 document from the route table (routes.ts) and the zod schemas
 * (components.ts) with zod 4's own `z.toJSONSchema`: OpenAPI 3.1 schemas are JSON Schema
 * 2020-12, which is what it emits, so no generator library is needed. Served at
 * `GET /api/openapi.json`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './components.js';
import { API_ROUTES, type ApiResponse, type ApiRoute } from './routes.js';

type Json = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document kefu produces. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

/** Version of the HTTP contract described (not of the package). */
export const API_CONTRACT_VERSION = '1.1.0';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A zod registry → `{name: JSON schema}` with cross-references as `$ref`s to components. */
function componentSchemas(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    // Responses may gain fields: clients must not reject unknown ones.
    override: (ctx) => {
      if (io === 'output' && ctx.jsonSchema.additionalProperties === false)
        delete ctx.jsonSchema.additionalProperties;
    },
  });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(converted.schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

/** Express path → OpenAPI path (`/cases/:id` → `/cases/{id}`). */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operationId(route: ApiRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
  return `${route.method}${name || 'Root'}`;
}

function parameters(route: ApiRoute): Json[] {
  const out: Json[] = [];
  for (const name of route.path.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? []) {
    const schema = route.params?.[name];
    if (!schema) throw new Error(`${route.path}: no schema for path parameter ${name}`);
    const { $schema: _d, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    out.push({ name, in: 'path', required: true, schema: json });
  }
  for (const [name, schema] of Object.entries(route.headers ?? {})) {
    const {
      $schema: _d,
      description,
      ...json
    } = z.toJSONSchema(schema.optional(), {
      io: 'input',
      unrepresentable: 'any',
    }) as Json;
    out.push({ name, in: 'header', required: false, description, schema: json });
  }
  if (route.query) {
    const json = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = schema;
      out.push({
        name,
        in: 'query',
        required: json.required?.includes(name) ?? false,
        description,
        schema: rest,
      });
    }
  }
  return out;
}

/** Response headers routes may name. */
const HEADERS: Record<NonNullable<ApiResponse['headers']>[number], Json> = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
  'X-Session-Token': {
    description: 'A renewed web session token (sent when the old one is due for renewal): use it from now on',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } },
};

function response(r: ApiResponse): Json {
  const headers = r.headers?.length ? Object.fromEntries(r.headers.map((h) => [h, HEADERS[h]])) : undefined;
  let content: Json | undefined;
  if (r.events) {
    content = {
      'text/event-stream': {
        schema: { type: 'string' },
        'x-events': Object.fromEntries(Object.entries(r.events).map(([name, schema]) => [name, ref(schema)])),
      },
    };
  } else if (r.schema) {
    content = { [r.contentType ?? 'application/json']: { schema: ref(r.schema) } };
  } else if (r.contentType) {
    content = { [r.contentType]: { schema: { type: 'string' } } };
  }
  return { description: r.description, ...(headers ? { headers } : {}), ...(content ? { content } : {}) };
}

/** Media type → schema of a request body (binary types without a schema get a string of that type). */
function requestContent(body: NonNullable<ApiRoute['body']>): Record<string, Json> {
  const content: Record<string, Json> = {};
  for (const type of body.contentType.split(/,\s*/))
    content[type] = { schema: body.schema ? ref(body.schema) : { type: 'string', contentMediaType: type } };
  for (const alt of body.alternatives ?? []) content[alt.contentType] = { schema: ref(alt.schema) };
  return content;
}

function operation(route: ApiRoute): Json {
  const body = route.body;
  const limit = body?.maxBytes ? ` At most ${body.maxBytes} bytes.` : '';
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.auth ? { security: route.auth.map((scheme) => ({ [scheme]: [] })) } : {}),
    parameters: parameters(route),
    ...(body
      ? {
          requestBody: {
            required: true,
            description: `${body.description ?? ''}${limit}`.trim() || undefined,
            content: requestContent(body),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, r]) => [status, response(r)]),
    ),
  };
}

/** The OpenAPI document of the given routes (default: all of kefu's). */
export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    const item = (paths[path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is listed twice`);
    item[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kefu',
      version: API_CONTRACT_VERSION,
      description:
        'Support chatbot for a shopping platform’s complaint desk. Errors are `{error: {code, message}}`; see docs/api.md for the prose contract.',
    },
    tags: [
      { name: 'health', description: 'Liveness, readiness, metrics, this document' },
      { name: 'web', description: 'Web chat API used by the widget' },
      { name: 'agent', description: 'Agent API used by the console (agent token)' },
      { name: 'pages', description: 'Demo page, widget script, agent console' },
      { name: 'webhooks', description: 'WeChat official account and Weibo private messages' },
    ],
    paths,
    components: {
      schemas: {
        ...componentSchemas(REQUEST_SCHEMAS, 'input'),
        ...componentSchemas(RESPONSE_SCHEMAS, 'output'),
      },
      securitySchemes: {
        webToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Web session token from POST /api/web/session',
        },
        agentToken: { type: 'http', scheme: 'bearer', description: 'Agent token (AGENT_TOKENS)' },
        tokenQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description:
            'The web session token as a query parameter, where a header cannot be sent (EventSource, <img>)',
        },
        streamTicket: {
          type: 'apiKey',
          in: 'query',
          name: 'ticket',
          description: 'Single-use ticket from POST /api/agent/events/ticket (for EventSource), valid 30 s',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'METRICS_TOKEN; only required when it is set',
        },
      },
    },
  };
}

/** `GET /openapi.json` (mounted under `/api`): the document, built once. */
export function createOpenApiRouter(): Router {
  const router = Router();
  let document: OpenApiDocument | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.setHeader('Cache-Control', 'no-cache');
    res.json(document);
  });
  return router;
}
