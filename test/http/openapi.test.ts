import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kefu } from '../../src/kefu.js';
import { ERROR_CODES } from '../../src/http/errorBody.js';
import { STATUS_BY_CODE } from '../../src/http/errorHandler.js';
import { RESPONSE_SCHEMAS, type ResponseSchemaName } from '../../src/openapi/components.js';
import { toOpenApiPath, type OpenApiDocument } from '../../src/openapi/document.js';
import { API_ROUTES } from '../../src/openapi/routes.js';
import { registeredRoutes } from '../helpers/expressRoutes.js';
import { AGENT, startKefu, testConfig } from '../helpers/kefu.js';
import { slackEnv } from '../slack/slackKit.js';

let url: string;
let kefu: Kefu;
let stop: () => Promise<void>;
let doc: OpenApiDocument;

/** Every channel and the Slack desk configured, so every router is mounted. */
const ALL_CHANNELS = {
  WECHAT_TOKEN: 'wechat-token',
  WEIBO_APP_SECRET: 'weibo-app-secret',
  ...slackEnv('http://127.0.0.1:9'),
};

beforeAll(async () => {
  ({ url, kefu, stop } = await startKefu({ config: testConfig(ALL_CHANNELS) }));
  const res = await fetch(`${url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(async () => {
  await stop();
});

/** `METHOD /openapi/{path}` of every operation in the served document. */
function documentedOperations(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** Parses a real response with the schema the document names for its route and status. */
async function expectDocumented(method: string, expressPath: string, res: Response): Promise<unknown> {
  const route = API_ROUTES.find((r) => r.method === method && r.path === expressPath);
  const documented = route?.responses[res.status];
  expect(documented, `${method} ${expressPath} → ${res.status} is not documented`).toBeDefined();
  const name: ResponseSchemaName | undefined = documented?.schema;
  const body: unknown = await res.json();
  if (name) RESPONSE_SCHEMAS[name].parse(body);
  if (documented?.headers?.includes('Retry-After')) expect(res.headers.get('Retry-After')).toBeTruthy();
  return body;
}

describe('the OpenAPI document (GET /api/openapi.json)', () => {
  it('lists exactly the routes express registers: none missing, none invented', () => {
    const registered = registeredRoutes(kefu.app).map((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return `${method} ${toOpenApiPath(path)}`;
    });
    expect(registered.length).toBeGreaterThan(20);
    const documented = documentedOperations();
    expect(
      registered.filter((r) => !documented.includes(r)),
      'registered but not in the OpenAPI document',
    ).toEqual([]);
    expect(
      documented.filter((d) => !registered.includes(d)),
      'in the OpenAPI document but not registered',
    ).toEqual([]);
  });

  it('is OpenAPI 3.1 whose every $ref resolves and every path parameter is declared', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(Object.keys(doc.components.schemas)).toContain(name);
    for (const [path, item] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item)) {
        const params = (op.parameters as { name: string; in: string }[]).filter((p) => p.in === 'path');
        expect(params.map((p) => p.name)).toEqual(names);
        expect(Object.keys(op.responses as object).length).toBeGreaterThan(0);
      }
    }
  });

  it('documents /readyz and store_unavailable (503 with Retry-After) on store-backed routes', () => {
    expect(doc.paths['/readyz']?.get).toBeDefined();
    const messages = doc.paths['/api/web/messages']?.post as {
      responses: Record<string, { headers?: object }>;
    };
    expect(JSON.stringify(messages.responses['503'])).toContain('store_unavailable');
    expect(messages.responses['503']?.headers).toHaveProperty('Retry-After');
  });

  it('documents every error code the error handler can send, with the same status', () => {
    for (const [code, status] of Object.entries(STATUS_BY_CODE))
      expect(ERROR_CODES[code]?.status).toBe(status);
  });

  it('describes the request schemas the routes validate with (a documented-invalid body is refused)', async () => {
    const schema = doc.components.schemas.WebMessageRequest as {
      properties: object;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['text', 'attachments']));
    expect(schema.additionalProperties).toBe(false);
    const session = (await (
      await fetch(`${url}/api/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { token: string };
    const res = await fetch(`${url}/api/web/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ text: 'hi', extra: 1 }),
    });
    expect(res.status).toBe(400);
    await expectDocumented('post', '/api/web/messages', res);
  });
});

describe('real responses match the documented schemas', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('health, readiness, web chat and agent API', async () => {
    await expectDocumented('get', '/healthz', await fetch(`${url}/healthz`));
    await expectDocumented('get', '/readyz', await fetch(`${url}/readyz`));
    const session = (await expectDocumented(
      'post',
      '/api/web/session',
      await post('/api/web/session', {}),
    )) as {
      token: string;
    };
    const auth = { authorization: `Bearer ${session.token}` };
    for (const text of ['吹风机坏了，订单号 4402317789012345678，想换货', '有照片', '跳过', '确认提交'])
      await expectDocumented('post', '/api/web/messages', await post('/api/web/messages', { text }, auth));
    const mine = (await expectDocumented(
      'get',
      '/api/web/cases',
      await fetch(`${url}/api/web/cases`, { headers: auth }),
    )) as { cases: { id: string }[] };
    const caseId = mine.cases[0]?.id ?? '';
    expect(caseId).toMatch(/^KF/);
    const agent = { authorization: `Bearer ${AGENT.token}` };
    await expectDocumented(
      'post',
      '/api/agent/events/ticket',
      await post('/api/agent/events/ticket', {}, agent),
    );
    await expectDocumented(
      'get',
      '/api/agent/cases',
      await fetch(`${url}/api/agent/cases`, { headers: agent }),
    );
    await expectDocumented(
      'get',
      '/api/agent/cases/:id',
      await fetch(`${url}/api/agent/cases/${caseId}`, { headers: agent }),
    );
    await expectDocumented(
      'post',
      '/api/agent/cases/:id/claim',
      await post(`/api/agent/cases/${caseId}/claim`, {}, agent),
    );
    await expectDocumented(
      'post',
      '/api/agent/cases/:id/messages',
      await post(`/api/agent/cases/${caseId}/messages`, { text: '您好' }, agent),
    );
    await expectDocumented(
      'post',
      '/api/agent/cases/:id/resolve',
      await post(`/api/agent/cases/${caseId}/resolve`, { note: '已换货' }, agent),
    );
    await expectDocumented(
      'get',
      '/api/agent/cases',
      await fetch(`${url}/api/agent/cases?status=bogus`, { headers: agent }),
    );
    await expectDocumented('get', '/api/web/cases', await fetch(`${url}/api/web/cases`));
  });
});
