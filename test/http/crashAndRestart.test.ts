/**
 * Acceptance tests of issue 10 (lost or duplicated work) with real server processes on one Redis:
 * a process killed right after the case write, the same message POSTed twice at once to two
 * processes, a SIGTERM with 20 slow turns in flight, and a dead process's lock.
 */
import type { ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/createStore.js';
import type { RedisClient } from '../../src/store/redis/redisKv.js';
import type { Store } from '../../src/store/types.js';
import { TO_SUMMARY } from '../helpers/complaint.js';
import { startScriptedOpenAi } from '../fakes/scriptedOpenAi.js';
import { AGENT } from '../helpers/kefu.js';
import { deletePrefix, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { SERVER_DATA_DIR, startServerProcess } from '../helpers/serverProcess.js';

const redisUrl = redisUrlForTests();
const CASE_ID = /KF\d{8}-[0-9A-Z]{4}/;
type Replies = { replies: { text: string }[] };
type Server = Awaited<ReturnType<typeof startServerProcess>>;

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function openSession(url: string): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${url}/api/web/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { token } = (await res.json()) as { token: string };
  return { token, userId: token.slice(0, token.indexOf('.')) };
}

function say(url: string, token: string, text: string, key?: string): Promise<Response> {
  return fetch(`${url}/api/web/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(key ? { text, clientMessageId: key } : { text }),
  });
}

describe.runIf(Boolean(redisUrl))('crashes, restarts and retries (real processes, one Redis)', () => {
  const prefix = uniquePrefix();
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `${AGENT.name}:${AGENT.token}` };
  let store: Store;
  let redis: RedisClient;
  let survivor: Server;
  const all: Server[] = [];
  beforeAll(async () => {
    survivor = await startServerProcess(env);
    all.push(survivor);
    // Cases are in the SQLite file the server processes share (their default DATA_DIR).
    store = await createRedisStore({ redisUrl, keyPrefix: prefix, dataDir: SERVER_DATA_DIR });
    redis = createClient({ url: redisUrl });
    await redis.connect();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(all.map((s) => s.stop()));
    await store?.close();
    await redis?.quit();
    await deletePrefix(redisUrl, prefix);
  });

  it('SIGKILL right after the case write: one case, the retry answers with its id, the dead lock costs at most its lease', async () => {
    const doomed = await startServerProcess({ ...env, KEFU_TEST_KILL_AFTER_CASE_WRITE: '1' });
    all.push(doomed);
    const { token, userId } = await openSession(survivor.url);
    for (const [i, text] of TO_SUMMARY.entries()) await say(survivor.url, token, text, `crash-step-${i}`);

    // The confirm reaches the doomed process, which dies between the case write and the state save.
    const lost = await say(doomed.url, token, '确认提交', 'crash-confirm-1').catch((err: unknown) => err);
    expect(lost).toBeInstanceOf(Error);
    expect(await exited(doomed.child)).toEqual({ code: null, signal: 'SIGKILL' });
    const written = await store.cases.listByUser('web', userId);
    expect(written).toHaveLength(1);
    const lockTtl = await redis.pTTL(`${prefix}lock:conv:{web:${userId}}`);
    expect(lockTtl).toBeGreaterThan(0); // the dead process's lock is still there …
    expect(lockTtl).toBeLessThanOrEqual(5_000); // … but only for the rest of a 5 s lease

    // The client retries the same message on the surviving process.
    const started = Date.now();
    const retry = await say(survivor.url, token, '确认提交', 'crash-confirm-1');
    const waitedMs = Date.now() - started;
    expect(retry.status).toBe(200);
    const body = (await retry.json()) as Replies;
    expect(body.replies[0]?.text).toContain(`工单号 ${written[0]?.id}`);
    // Before: a 30 s lock and a 10 s wait. Now at most the 5 s lease (generous margin for load).
    expect(waitedMs).toBeLessThan(9_000);
    console.info(`retry after SIGKILL waited ${waitedMs} ms for the dead lock (lease 5000 ms)`);

    // Confirming again with a fresh key still names the same case; there is still one case.
    const again = (await (await say(survivor.url, token, '确认', 'crash-confirm-2')).json()) as Replies;
    expect(again.replies[0]?.text).toContain(written[0]?.id);
    expect(await store.cases.listByUser('web', userId)).toHaveLength(1);
    // And the case reached the agents' queue (status list + a queue entry), despite the crash.
    expect((await store.cases.listByStatus('queued')).map((c) => c.id)).toContain(written[0]?.id);
  }, 60_000);

  it('SIGKILL right after the case write of a 转人工: the retried message names the same case, still one case', async () => {
    const doomed = await startServerProcess({ ...env, KEFU_TEST_KILL_AFTER_CASE_WRITE: '1' });
    all.push(doomed);
    const { token, userId } = await openSession(survivor.url);
    const lost = await say(doomed.url, token, '转人工', 'crash-human-1').catch((err: unknown) => err);
    expect(lost).toBeInstanceOf(Error);
    expect(await exited(doomed.child)).toEqual({ code: null, signal: 'SIGKILL' });
    const written = await store.cases.listByUser('web', userId);
    expect(written).toHaveLength(1);
    const retry = await say(survivor.url, token, '转人工', 'crash-human-1');
    expect(retry.status).toBe(200);
    const text = ((await retry.json()) as Replies).replies.map((r) => r.text).join('\n');
    expect(text).toContain(written[0]?.id);
    expect(await store.cases.listByUser('web', userId)).toHaveLength(1);
  }, 60_000);

  it('SIGKILL after the confirm was answered: the retry with the same key gets the same answer from another process', async () => {
    const doomed = await startServerProcess(env);
    all.push(doomed);
    const { token, userId } = await openSession(doomed.url);
    for (const text of TO_SUMMARY) await say(doomed.url, token, text);
    const first = (await (await say(doomed.url, token, '确认提交', 'after-confirm-1')).json()) as Replies;
    doomed.child.kill('SIGKILL');
    await exited(doomed.child);
    const retry = (await (await say(survivor.url, token, '确认提交', 'after-confirm-1')).json()) as Replies;
    expect(retry).toEqual(first);
    expect(first.replies[0]?.text).toMatch(CASE_ID);
    expect(await store.cases.listByUser('web', userId)).toHaveLength(1);
  }, 60_000);

  it('the same message POSTed at once to two processes runs one turn; both get identical replies', async () => {
    const other = await startServerProcess(env);
    all.push(other);
    for (let round = 0; round < 5; round++) {
      const { token, userId } = await openSession(survivor.url);
      const turns = async () =>
        ((await store.conversations.load(`web:${userId}`)) as { turns: number }).turns;
      const before = await turns();
      const key = `double-post-${round}`;
      const [a, b] = await Promise.all([
        say(survivor.url, token, '投诉电话收费吗', key),
        say(other.url, token, '投诉电话收费吗', key),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [ja, jb] = (await Promise.all([a.json(), b.json()])) as [Replies, Replies];
      expect(jb).toEqual(ja);
      expect(ja.replies[0]?.text).toContain('免费');
      expect(await turns()).toBe(before + 1);
    }
  }, 60_000);
});

describe.runIf(Boolean(redisUrl))('SIGTERM with turns in flight', () => {
  const prefix = uniquePrefix();
  afterAll(async () => {
    await deletePrefix(redisUrl, prefix);
  });

  it('answers all 20 slow turns in flight, ends event streams with a retry hint, leaves no lock, exits 0', async () => {
    const TURNS = 20;
    const DELAY_MS = 1_500;
    const llm = await startScriptedOpenAi(() => ({
      content: {
        intent: 'faq',
        faqId: 'hotline-fee',
        ...Object.fromEntries(
          [
            'category',
            'orderId',
            'description',
            'evidence',
            'evidenceNone',
            'resolution',
            'contact',
            'contactNone',
            'correction',
          ].map((k) => [k, null]),
        ),
      },
      delayMs: DELAY_MS,
    }));
    const server = await startServerProcess({
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      AGENT_TOKENS: `${AGENT.name}:${AGENT.token}`,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_MODEL: 'scripted-slow',
      LLM_TIMEOUT_MS: '30000',
      SHUTDOWN_GRACE_MS: '20000',
    });
    try {
      const sessions = [];
      for (let i = 0; i < TURNS; i++) sessions.push(await openSession(server.url));
      const events = await fetch(`${server.url}/api/web/events?token=${sessions[0]!.token}`);
      const eventsText = events.text();
      const answers = sessions.map((s, i) =>
        say(server.url, s.token, '投诉电话要钱吗', `slow-turn-${i}`).then(
          async (res) => ({ status: res.status, body: (await res.json()) as Replies }),
          (err: unknown) => ({ status: 0, body: { replies: [] }, err }),
        ),
      );
      await expect.poll(() => llm.requests.length, { timeout: 15_000 }).toBe(TURNS);
      server.child.kill('SIGTERM');
      const results = await Promise.all(answers);
      const answered = results.filter((r) => r.status === 200 && r.body.replies.length > 0).length;
      console.info(`SIGTERM with ${TURNS} slow turns in flight: ${answered}/${TURNS} answered`);
      expect(answered).toBe(TURNS);
      expect(await exited(server.child)).toEqual({ code: 0, signal: null });
      expect(await eventsText).toMatch(/retry: \d+\n: server restarting/);
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      const locks = await redis.keys(`${prefix}lock:*`);
      await redis.quit();
      expect(locks).toEqual([]);
    } finally {
      await server.stop();
      await llm.close();
    }
  }, 90_000);
});
