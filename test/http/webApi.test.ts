import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKefu } from '../helpers/kefu.js';

let url: string;
let stop: () => Promise<void>;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const session = async (locale?: 'en' | 'zh-CN') =>
  (await (await post('/api/web/session', locale ? { locale } : {})).json()) as {
    token: string;
    replies: { text: string }[];
  };

beforeAll(async () => {
  ({ url, stop } = await startKefu());
});
afterAll(async () => {
  await stop();
});

describe('web chat API (DESIGN §2)', () => {
  it('creates a session with a signed token and a greeting', async () => {
    const res = await post('/api/web/session', {});
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      token: string;
      replies: { text: string; quickReplies?: string[] }[];
    };
    expect(body.token).toMatch(/^w_[\w-]+\.[\w-]+$/);
    expect(body.replies[0]?.text).toContain('投诉助手');
    expect(body.replies[0]?.quickReplies?.length).toBeGreaterThan(0);
    const en = (await (await post('/api/web/session', { locale: 'en' })).json()) as {
      replies: { text: string }[];
    };
    expect(en.replies[0]?.text).toMatch(/complaint assistant/);
  });

  it('answers an FAQ question with the entry id as source, in the user’s language', async () => {
    const { token } = await session();
    const zh = await post(
      '/api/web/messages',
      { text: '投诉电话收费吗' },
      { authorization: `Bearer ${token}` },
    );
    expect(zh.status).toBe(200);
    const zhBody = (await zh.json()) as { replies: { text: string; source?: string }[] };
    expect(zhBody.replies[0]).toMatchObject({ source: 'hotline-fee' });
    expect(zhBody.replies[0]?.text).toContain('免费');
    const en = (await (
      await post(
        '/api/web/messages',
        { text: 'what number do I call to complain?' },
        { authorization: `Bearer ${token}` },
      )
    ).json()) as { replies: { text: string; source?: string }[] };
    expect(en.replies[0]?.text).toContain('400-860-8608');
    expect(en.replies[0]?.text).not.toMatch(/\p{Script=Han}/u);
  });

  it('rejects a missing or forged token with 401 and the error shape', async () => {
    const res = await post('/api/web/messages', { text: 'hi' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) as string },
    });
    const { token } = await session();
    const forged = `${token.split('.')[0]}.AAAA${token.split('.')[1]?.slice(4)}`;
    expect(
      (await post('/api/web/messages', { text: 'hi' }, { authorization: `Bearer ${forged}` })).status,
    ).toBe(401);
  });

  it('explains invalid bodies with 400: bad JSON, empty text, unknown fields, wrong locale', async () => {
    const { token } = await session();
    const auth = { authorization: `Bearer ${token}` };
    const badJson = await post('/api/web/messages', '{"text":', auth);
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    const empty = await post('/api/web/messages', { text: '   ' }, auth);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/empty/);
    expect((await post('/api/web/messages', { text: 'hi', admin: true }, auth)).status).toBe(400);
    expect((await post('/api/web/session', { locale: 'fr' })).status).toBe(400);
    expect(
      (
        await post(
          '/api/web/messages',
          { text: 'x', attachments: [{ type: 'image', url: 'http://evil.example/x.png' }] },
          auth,
        )
      ).status,
    ).toBe(400);
  });

  it('limits body size (413)', async () => {
    const { token } = await session();
    const res = await post(
      '/api/web/messages',
      { text: 'x'.repeat(40_000) },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(413);
  });

  it('rate-limits one session (429 with Retry-After) without touching another', async () => {
    const { token } = await session();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++)
      statuses.push(
        (await post('/api/web/messages', { text: '你好' }, { authorization: `Bearer ${token}` })).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const limited = await post('/api/web/messages', { text: '你好' }, { authorization: `Bearer ${token}` });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await session();
    expect(
      (await post('/api/web/messages', { text: '你好' }, { authorization: `Bearer ${other.token}` })).status,
    ).toBe(200);
  });

  it('lists only the user’s own cases', async () => {
    const a = await session();
    const b = await session();
    const say = (token: string, text: string) =>
      post('/api/web/messages', { text }, { authorization: `Bearer ${token}` });
    await say(a.token, '转人工');
    const mine = (await (
      await fetch(`${url}/api/web/cases`, { headers: { authorization: `Bearer ${a.token}` } })
    ).json()) as { cases: { userId: string }[] };
    const theirs = (await (
      await fetch(`${url}/api/web/cases`, { headers: { authorization: `Bearer ${b.token}` } })
    ).json()) as { cases: unknown[] };
    expect(mine.cases).toHaveLength(1);
    expect(theirs.cases).toHaveLength(0);
    expect((await fetch(`${url}/api/web/cases`)).status).toBe(401);
  });

  it('serves health, Prometheus metrics and a JSON 404; allows the widget’s cross-origin calls', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, store: 'memory', llm: false });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/kefu_turns_total\{channel="web"\} \d+/);
    expect(metrics).toMatch(/kefu_intents_total\{intent="faq"\}/);
    expect(metrics).toMatch(/kefu_turn_duration_seconds_bucket/);
    expect(metrics).toMatch(/kefu_fallbacks_total/);
    const missing = await fetch(`${url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const preflight = await fetch(`${url}/api/web/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
