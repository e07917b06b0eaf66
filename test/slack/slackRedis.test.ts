import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKefu, testConfig } from '../helpers/kefu.js';
import { makeRedisStore, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { openSseClient } from '../helpers/sse.js';
import { startFakeSlackApi } from '../fakes/fakeSlackApi.js';
import { SLACK, blockActionsBody, postSigned, slackEnv, threadMessageEvent } from './slackKit.js';

const redisUrl = redisUrlForTests();

describe.runIf(Boolean(redisUrl))('Slack desk on two kefu instances sharing Redis', () => {
  let slackApi: Awaited<ReturnType<typeof startFakeSlackApi>>;
  const servers: Array<Awaited<ReturnType<typeof startKefu>>> = [];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    slackApi = await startFakeSlackApi({ token: SLACK.token });
    const prefix = uniquePrefix();
    for (let i = 0; i < 2; i++) {
      const { store, cleanup } = await makeRedisStore(prefix);
      cleanups.push(cleanup);
      servers.push(await startKefu({ store, config: testConfig(slackEnv(slackApi.baseUrl)) }));
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const c of cleanups) await c();
    await slackApi?.close();
  });

  it('announces once, and a claim and a reply arriving at different instances reach the user', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const session = (await (
      await fetch(`${a.url}/api/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"locale":"en"}',
      })
    ).json()) as { token: string };
    const sse = await openSseClient(`${a.url}/api/web/events?token=${encodeURIComponent(session.token)}`);
    try {
      const res = await fetch(`${a.url}/api/web/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '转人工' }),
      });
      const caseId = /KF\d{8}-\w{4}/.exec(JSON.stringify(await res.json()))?.[0] ?? '';
      expect(caseId).not.toBe('');
      await a.kefu.slackDesk!.idle();
      const roots = slackApi
        .calls('chat.postMessage')
        .filter((c) => JSON.stringify(c.blocks ?? []).includes(caseId));
      expect(roots).toHaveLength(1);
      const ts = roots[0]!.ts!;

      expect((await postSigned(b.url, blockActionsBody(SLACK.wang, 'kefu_claim', caseId, ts))).status).toBe(
        200,
      );
      await b.kefu.slackDesk!.idle();
      expect(await a.kefu.agentDesk.get(caseId)).toMatchObject({ status: 'assigned', assignee: 'wang' });

      // A replayed event is refused by the other instance too (one replay cache in Redis).
      const body = threadMessageEvent(SLACK.wang, ts, 'Hi, I am on it.');
      const timestamp = Math.floor(Date.now() / 1000);
      expect((await postSigned(a.url, body, { timestamp })).status).toBe(200);
      expect((await postSigned(b.url, body, { timestamp })).status).toBe(401);
      await a.kefu.slackDesk!.idle();
      await sse.next((e) => (e.data as { text?: string }).text === 'Hi, I am on it.');
    } finally {
      sse.close();
    }
  });
});
