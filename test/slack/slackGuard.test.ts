import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createErrorHandler } from '../../src/http/errorHandler.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createSlackRouter, type SlackDispatch } from '../../src/slackDesk/slackRouter.js';
import { slackSignature } from '../../src/slackDesk/slackSignature.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import { startKefu, testConfig } from '../helpers/kefu.js';
import { startFakeSlackApi } from '../fakes/fakeSlackApi.js';
import { systemClock } from '../../src/domain/clock.js';
import { SLACK, blockActionsBody, postSigned, slackEnv, threadMessageEvent } from './slackKit.js';

/** The guard alone, in front of a spy standing in for Botkit. */
async function guardedSpy(dispatch: SlackDispatch) {
  const app = express();
  app.use(
    '/slack/events',
    createSlackRouter({
      signingSecret: SLACK.secret,
      kv: createMemoryStore().kv,
      log: pino({ level: 'silent' }),
      metrics: new Metrics(),
      clock: systemClock,
      timestampWindowSeconds: 300,
      dispatch,
      answerWithinMs: 300,
    }),
  );
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.use(createErrorHandler(pino({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the guard in front of Botkit', () => {
  const dispatch = vi.fn<SlackDispatch>((_req, res) => {
    res.status(200).end();
    return Promise.resolve();
  });
  let guard: Awaited<ReturnType<typeof guardedSpy>>;
  beforeAll(async () => (guard = await guardedSpy(dispatch)));
  afterAll(() => guard.close());
  beforeEach(() => {
    dispatch.mockClear();
  });

  const event = () => threadMessageEvent(SLACK.wang, '1764000000.000001', 'hello');
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses bad requests with 4xx before Botkit sees them', async () => {
    const cases: Array<[string, Promise<Response>, number]> = [
      ['no signature', postSigned(guard.url, event(), { signature: null }), 401],
      ['short signature', postSigned(guard.url, event(), { signature: 'v0=abc' }), 401],
      ['signature without v0=', postSigned(guard.url, event(), { signature: 'a'.repeat(67) }), 401],
      ['forged signature', postSigned(guard.url, event(), { secret: 'not-the-secret' }), 401],
      ['stale timestamp', postSigned(guard.url, event(), { timestamp: now() - 301 }), 401],
      ['future timestamp', postSigned(guard.url, event(), { timestamp: now() + 330 }), 401],
      ['not JSON', postSigned(guard.url, '{"type":', {}), 400],
      ['unknown body', postSigned(guard.url, '{"type":"nonsense"}', {}), 400],
      [
        'block_actions without team',
        postSigned(
          guard.url,
          `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U1"},"actions":[{"type":"button","action_id":"kefu_claim"}]}')}`,
        ),
        400,
      ],
      [
        'too large',
        postSigned(guard.url, JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(300_000) })),
        413,
      ],
    ];
    for (const [name, response, status] of cases) expect((await response).status, name).toBe(status);
    expect(dispatch).not.toHaveBeenCalled();
    expect((await fetch(`${guard.url}/healthz`)).status).toBe(200);
  });

  it('refuses a replayed request; the first one reaches Botkit with its raw body', async () => {
    const body = event();
    const timestamp = now();
    const signature = slackSignature(SLACK.secret, String(timestamp), body);
    expect((await postSigned(guard.url, body, { timestamp, signature })).status).toBe(200);
    expect((await postSigned(guard.url, body, { timestamp, signature })).status).toBe(401);
    expect(dispatch).toHaveBeenCalledTimes(1);
    const [req] = dispatch.mock.calls[0]!;
    expect(req.rawBody).toBe(body);
    expect(req.body).toMatchObject({ type: 'event_callback', event: { text: 'hello' } });
  });

  it("answers Slack's url_verification challenge itself", async () => {
    const body = JSON.stringify({ token: 't', challenge: 'chal-123', type: 'url_verification' });
    const res = await postSigned(guard.url, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'chal-123' });
    expect((await postSigned(guard.url, body, { secret: 'wrong' })).status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('catches an exception inside Botkit (thrown or rejected) and keeps serving', async () => {
    dispatch.mockImplementationOnce(() =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")),
    );
    expect((await postSigned(guard.url, event())).status).toBe(500);
    dispatch.mockImplementationOnce(() => new Promise(() => undefined)); // Botkit never answers
    expect((await postSigned(guard.url, event())).status).toBe(200);
    expect((await fetch(`${guard.url}/healthz`)).status).toBe(200);
  });
});

describe('the whole app under attack', () => {
  let slackApi: Awaited<ReturnType<typeof startFakeSlackApi>>;
  let server: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    slackApi = await startFakeSlackApi({ token: SLACK.token });
    server = await startKefu({ config: testConfig(slackEnv(slackApi.baseUrl)) });
  });
  afterAll(async () => {
    await server.stop();
    await slackApi.close();
  });

  it('forged, stale and replayed claims change nothing; an auth.test failure inside Botkit is survived', async () => {
    const c = await server.kefu.desk.requestHuman({
      channel: 'web',
      userId: 'guard-user',
      locale: 'en',
      transcript: [],
      reason: 'talk to a person',
    });
    await server.kefu.slackDesk!.idle();
    const ts = slackApi.calls('chat.postMessage').at(-1)!.ts!;
    const claim = blockActionsBody(SLACK.wang, 'kefu_claim', c.id, ts);
    expect((await postSigned(server.url, claim, { signature: null })).status).toBe(401);
    expect((await postSigned(server.url, claim, { signature: 'v0=' })).status).toBe(401);
    expect((await postSigned(server.url, claim, { secret: 'forged' })).status).toBe(401);
    expect(
      (await postSigned(server.url, claim, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status,
    ).toBe(401);
    expect((await server.kefu.agentDesk.get(c.id)).status).toBe('queued');
    expect(slackApi.calls('auth.test')).toHaveLength(0); // nothing reached the adapter

    // Botkit asks auth.test for the bot's id; when Slack refuses, the request fails, the process lives.
    slackApi.state.failAuthTest = true;
    expect((await postSigned(server.url, claim)).status).toBe(500);
    expect((await server.kefu.agentDesk.get(c.id)).status).toBe('queued');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    slackApi.state.failAuthTest = false;
    const timestamp = Math.floor(Date.now() / 1000) + 1; // a new delivery (the failed one is spent)
    const signature = slackSignature(SLACK.secret, String(timestamp), claim);
    expect((await postSigned(server.url, claim, { timestamp, signature })).status).toBe(200);
    await server.kefu.slackDesk!.idle();
    expect(await server.kefu.agentDesk.get(c.id)).toMatchObject({ status: 'assigned', assignee: 'wang' });
    expect((await postSigned(server.url, claim, { timestamp, signature })).status).toBe(401); // replay
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true });
  });
});
