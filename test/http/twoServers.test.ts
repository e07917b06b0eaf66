import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClusterStore, createRedisStore } from '../../src/store/createStore.js';
import { AGENT, AGENT2, makeKefu } from '../helpers/kefu.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import {
  deleteClusterPrefix,
  deletePrefix,
  redisClusterNodesForTests,
  redisUrlForTests,
  uniquePrefix,
} from '../helpers/redis.js';
import { clockAt } from '../helpers/manualClock.js';
import { openSseClient } from '../helpers/sse.js';

const redisUrl = redisUrlForTests();
const clusterNodes = redisClusterNodesForTests();

/** The same tests on one Redis and on a three-node Redis Cluster (REDIS_CLUSTER_NODES). */
const backends = [
  {
    name: 'one Redis',
    available: Boolean(redisUrl),
    env: { REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' } as Record<string, string>,
    store: (keyPrefix: string) => createRedisStore({ redisUrl, keyPrefix }),
    cleanup: (keyPrefix: string) => deletePrefix(redisUrl, keyPrefix),
  },
  {
    name: 'a three-node Redis Cluster',
    available: Boolean(clusterNodes),
    // REDIS_URL emptied: the test runner's own may be in the environment.
    env: { REDIS_CLUSTER_NODES: clusterNodes, REDIS_URL: '' } as Record<string, string>,
    store: (keyPrefix: string) =>
      createRedisClusterStore({
        redisClusterNodes: clusterNodes.split(',').map((n) => `redis://${n}`),
        keyPrefix,
      }),
    cleanup: (keyPrefix: string) => deleteClusterPrefix(clusterNodes, keyPrefix),
  },
];

for (const backend of backends)
  describe(`two kefu server processes sharing ${backend.name}`, () => {
    const prefix = uniquePrefix();
    const servers: Array<Awaited<ReturnType<typeof startServerProcess>>> = [];
    beforeAll(async () => {
      if (!backend.available) return;
      const env = {
        ...backend.env,
        REDIS_KEY_PREFIX: prefix,
        AGENT_TOKENS: `${AGENT.name}:${AGENT.token},${AGENT2.name}:${AGENT2.token}`,
      };
      servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    }, 60_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      if (backend.available) await backend.cleanup(prefix);
    });

    it('needs Redis (the global setup fails CI without one)', () => {
      expect(backend.available || process.env.CI !== 'true').toBeTruthy();
    });

    it.runIf(backend.available)(
      'relays an agent message to a user whose SSE stream is on the other server',
      async () => {
        const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
        const session = (await (
          await fetch(`${a.url}/api/web/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).json()) as { token: string };
        const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
        // The user talks to server A, but their live stream is held by server B.
        const live = await openSseClient(`${b.url}/api/web/events?token=${session.token}`);
        const agentStream = await openSseClient(`${b.url}/api/agent/events`, {
          authorization: `Bearer ${AGENT.token}`,
        });
        const handoff = (await (
          await fetch(`${a.url}/api/web/messages`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ text: '转人工' }),
          })
        ).json()) as { replies: { text: string }[] };
        const caseId = /KF\d{8}-\w{4}/.exec(handoff.replies[0]?.text ?? '')?.[0] ?? '';
        await agentStream.next(
          (e) => e.event === 'case_created' && (e.data as { caseId: string }).caseId === caseId,
        );
        // The agent works on server A.
        const claim = await fetch(`${a.url}/api/agent/cases/${caseId}/claim`, {
          method: 'POST',
          headers: { authorization: `Bearer ${AGENT.token}` },
        });
        expect(claim.status).toBe(200);
        await fetch(`${a.url}/api/agent/cases/${caseId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${AGENT.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: '跨进程的客服回复' }),
        });
        await live.next((e) => e.event === 'message' && JSON.stringify(e.data).includes('跨进程的客服回复'));
        // The user now writes to server B: the bot stays silent there too, the agent hears it.
        const silent = (await (
          await fetch(`${b.url}/api/web/messages`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ text: '收到，谢谢' }),
          })
        ).json()) as { replies: unknown[] };
        expect(silent.replies).toEqual([]);
        await agentStream.next(
          (e) => e.event === 'user_message' && JSON.stringify(e.data).includes('收到，谢谢'),
        );
        live.close();
        agentStream.close();
      },
    );

    it.runIf(backend.available)(
      'a half-finished complaint and a written case survive the server that took them',
      async () => {
        const store = await backend.store(prefix);
        const first = await makeKefu({ store });
        const userId = `crash-${Date.now()}`;
        await first.runTurn({
          channel: 'web',
          userId,
          kind: 'text',
          text: '我要投诉，快递丢了，订单号 4402317789012345678',
        });
        await first.close(); // the process goes away mid-intake
        const store2 = await backend.store(prefix);
        const second = await makeKefu({ store: store2 });
        const next = await second.runTurn({ channel: 'web', userId, kind: 'text', text: '暂时没有' });
        expect(next.replies.map((r) => r.text).join('\n')).toContain('怎么解决');
        await store.close();
        await second.close();
        await store2.close();
      },
    );

    it.runIf(backend.available)(
      'a claimed case whose agent disappeared can be reclaimed by another agent, not before',
      async () => {
        let now = new Date('2026-11-25T10:00:00+08:00');
        const store = await backend.store(prefix);
        const kefu = await makeKefu({ store, clock: clockAt(() => now) });
        const turn = await kefu.runTurn({
          channel: 'web',
          userId: `reclaim-${Date.now()}`,
          kind: 'text',
          text: '转人工',
        });
        const caseId = turn.caseId ?? '';
        await kefu.agentDesk.claim(caseId, AGENT.name);
        await expect(kefu.agentDesk.reclaim(caseId, AGENT2.name)).rejects.toThrow(/cannot be reclaimed/);
        now = new Date('2026-11-25T10:20:00+08:00');
        const taken = await kefu.agentDesk.reclaim(caseId, AGENT2.name);
        expect(taken.assignee).toBe(AGENT2.name);
        await expect(kefu.agentDesk.message(caseId, AGENT.name, 'still here?')).rejects.toThrow(
          /another agent/,
        );
        await kefu.close();
        await store.close();
      },
    );
  });
