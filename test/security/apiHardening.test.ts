/**
 * Smaller abuses (issue 10 item 8), each reproduced over HTTP: cached personal data, open
 * /metrics, guessing agent tokens, piling up event streams, agent tokens in URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../browser/browser.js';
import { AGENT, startKefu, testConfig } from '../helpers/kefu.js';
import { openSseClient } from '../helpers/sse.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { 'content-type': 'application/json' };

let s: Awaited<ReturnType<typeof startKefu>>;
beforeAll(async () => {
  s = await startKefu({ config: testConfig({ TRUST_PROXY: '1' }) });
});
afterAll(async () => s.stop());

async function session(): Promise<string> {
  const res = await fetch(`${s.url}/api/web/session`, { method: 'POST', headers: json, body: '{}' });
  return ((await res.json()) as { token: string }).token;
}

describe('Cache-Control: no-store on every API answer', () => {
  it('session, messages, cases, uploads, agent API, event streams and API errors are never stored', async () => {
    const token = await session();
    const upload = await fetch(`${s.url}/api/web/uploads`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'image/png' },
      body: new Uint8Array(TINY_PNG),
    });
    const { url: uploadPath } = (await upload.json()) as { url: string };
    const controller = new AbortController();
    const answers = {
      session: await fetch(`${s.url}/api/web/session`, { method: 'POST', headers: json, body: '{}' }),
      message: await fetch(`${s.url}/api/web/messages`, {
        method: 'POST',
        headers: { ...json, ...auth(token) },
        body: JSON.stringify({ text: '投诉电话多少' }),
      }),
      cases: await fetch(`${s.url}/api/web/cases`, { headers: auth(token) }),
      upload,
      evidence: await fetch(`${s.url}${uploadPath}`, { headers: auth(token) }),
      agentCases: await fetch(`${s.url}/api/agent/cases`, { headers: auth(AGENT.token) }),
      webStream: await fetch(`${s.url}/api/web/events?token=${token}`, { signal: controller.signal }),
      agentStream: await fetch(`${s.url}/api/agent/events`, {
        headers: auth(AGENT.token),
        signal: controller.signal,
      }),
      unauthorized: await fetch(`${s.url}/api/web/cases`),
      notFound: await fetch(`${s.url}/api/nothing-here`),
    };
    for (const [name, res] of Object.entries(answers))
      expect(res.headers.get('cache-control'), name).toMatch(/\bno-store\b/);
    controller.abort();
    expect((await fetch(`${s.url}/healthz`)).headers.get('cache-control')).toBeNull();
  });
});

describe('/metrics behind METRICS_TOKEN', () => {
  it('answers only the bearer of the token when one is set', async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(200); // unset: open, as before
    const guarded = await startKefu({ config: testConfig({ METRICS_TOKEN: 'metrics-token-0123456789' }) });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${guarded.url}/metrics`, { headers: auth('metrics-token-wrong-000') })).status,
      ).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, { headers: auth('metrics-token-0123456789') });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('kefu_turns_total');
    } finally {
      await guarded.stop();
    }
  });
});

describe('failed agent logins are throttled per address', () => {
  it('10 wrong tokens in a minute → 429 for that address, even with the right token; others unaffected', async () => {
    const from = (ip: string, token: string) =>
      fetch(`${s.url}/api/agent/cases`, { headers: { ...auth(token), 'x-forwarded-for': ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await from('203.0.113.50', `guess-${i}-xxxxxxxxxxxx`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await from('203.0.113.50', AGENT.token);
    expect(blocked.status).toBe(429); // the answer says nothing about the token
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.20', AGENT.token)).status).toBe(200);
  });
});

describe('event streams per web session are capped', () => {
  it('a fourth stream for one token closes the oldest, which is told why', async () => {
    const token = await session();
    const webStreams = async () =>
      (await s.kefu.metrics.sseClients.get()).values.find((v) => v.labels.kind === 'web')?.value ?? 0;
    const before = await webStreams();
    const streams = [];
    for (let i = 0; i < 4; i++) streams.push(await openSseClient(`${s.url}/api/web/events?token=${token}`));
    expect(streams.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    await streams[0]!.next((e) => e.event === 'superseded');
    await new Promise((r) => setTimeout(r, 100));
    expect(streams.slice(1).some((c) => c.events.some((e) => e.event === 'superseded'))).toBe(false);
    expect((await webStreams()) - before).toBe(3);
    // Another session has its own allowance.
    const other = await openSseClient(`${s.url}/api/web/events?token=${await session()}`);
    expect(other.status).toBe(200);
    for (const c of [...streams, other]) c.close();
  });
});

describe('agent tokens never travel in URLs', () => {
  it('?token= is refused; the console trades its header for a single-use stream ticket', async () => {
    expect((await fetch(`${s.url}/api/agent/events?token=${AGENT.token}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/agent/cases?token=${AGENT.token}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/agent/events/ticket`, { method: 'POST' })).status).toBe(401);
    const issued = await fetch(`${s.url}/api/agent/events/ticket`, {
      method: 'POST',
      headers: auth(AGENT.token),
    });
    expect(issued.status).toBe(201);
    const { ticket, expiresInSeconds } = (await issued.json()) as {
      ticket: string;
      expiresInSeconds: number;
    };
    expect(expiresInSeconds).toBeLessThanOrEqual(60);
    const stream = await openSseClient(`${s.url}/api/agent/events?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    stream.close();
    expect((await fetch(`${s.url}/api/agent/events?ticket=${ticket}`)).status).toBe(401); // single use
    expect((await fetch(`${s.url}/api/agent/cases?ticket=${ticket}`)).status).toBe(401); // stream only
  });
});
