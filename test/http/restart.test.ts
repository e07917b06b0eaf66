import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../browser/browser.js';
import { AGENT, AGENT2 } from '../helpers/kefu.js';
import { dropSchema, postgresUrlForTests, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { deletePrefix, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { agentClient, webUser } from '../helpers/webClient.js';

const pgUrl = postgresUrlForTests();
const redisUrl = redisUrlForTests();
const baseEnv = {
  AGENT_TOKENS: `${AGENT.name}:${AGENT.token},${AGENT2.name}:${AGENT2.token}`,
  SESSION_SECRET: 'restart-test-session-secret-0123456789abcdef',
};
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** What must survive: the case with its events and evidence, the photo, the user's own view. */
async function expectEverythingThere(
  base: string,
  userToken: string,
  caseId: string,
  photo: string,
): Promise<void> {
  const agent = agentClient(base, AGENT.token);
  const c = await agent.case(caseId);
  expect(c).toMatchObject({ status: 'assigned', assignee: AGENT.name, orderId: '4402317789012345678' });
  expect(c.events.map((e) => e.type)).toEqual([
    'created',
    'handoff_started',
    'claimed',
    'agent_message',
    'user_message',
  ]);
  expect(c.transcript).toContainEqual(expect.objectContaining({ from: 'user', text: '谢谢，等您消息' }));
  expect(c.evidence).toContain(photo);
  const image = await fetch(`${base}${photo}`, { headers: { authorization: `Bearer ${AGENT.token}` } });
  expect(image.status).toBe(200);
  expect(Buffer.from(await image.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  const mine = await fetch(`${base}/api/web/cases`, { headers: { authorization: `Bearer ${userToken}` } });
  expect(((await mine.json()) as { cases: { id: string }[] }).cases.map((x) => x.id)).toEqual([caseId]);
}

describe('cases, events and uploads survive a restart', () => {
  it('embedded mode (SQLite file and uploads in DATA_DIR), even after a SIGKILL', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kefu-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { ...baseEnv, DATA_DIR: dataDir, REDIS_URL: '' };
    const first = await startServerProcess(env);
    cleanups.push(first.stop);
    const user = await webUser(first.url);
    const { caseId, photo } = await user.fileComplaint();
    const agent = agentClient(first.url, AGENT.token);
    expect((await agent.post(`/cases/${caseId}/claim`)).status).toBe(200);
    expect((await agent.post(`/cases/${caseId}/messages`, { text: '您好，我来处理' })).status).toBe(200);
    await user.say('谢谢，等您消息'); // relayed to the agent: a user_message event
    // Not a clean shutdown: what was acknowledged must already be on disk.
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const second = await startServerProcess(env);
    cleanups.push(second.stop);
    await expectEverythingThere(second.url, user.token, caseId, photo);
  }, 90_000);

  it.runIf(Boolean(pgUrl && redisUrl))(
    'PostgreSQL + Redis: two processes share cases, and a third started later sees everything',
    async () => {
      const schema = uniqueSchema();
      const prefix = uniquePrefix();
      const dataDir = await mkdtemp(join(tmpdir(), 'kefu-restart-pg-'));
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema "${schema}"`);
      await admin.end();
      cleanups.push(async () => {
        await dropSchema(pgUrl, schema);
        await deletePrefix(redisUrl, prefix);
        await rm(dataDir, { recursive: true, force: true });
      });
      const env = {
        ...baseEnv,
        DATABASE_URL: urlWithSchema(pgUrl, schema),
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        DATA_DIR: dataDir, // uploads (a shared volume when the servers are on different machines)
      };
      const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      cleanups.push(a.stop, b.stop);
      const user = await webUser(a.url);
      const { caseId, photo } = await user.fileComplaint();
      // The other process lists it and claims it; a claim on the first process then loses.
      const listed = (await (await agentClient(b.url, AGENT.token).get('/cases?status=queued')).json()) as {
        cases: { id: string }[];
      };
      expect(listed.cases.map((c) => c.id)).toContain(caseId);
      expect((await agentClient(b.url, AGENT.token).post(`/cases/${caseId}/claim`)).status).toBe(200);
      expect((await agentClient(a.url, AGENT2.token).post(`/cases/${caseId}/claim`)).status).toBe(409);
      expect(
        (await agentClient(a.url, AGENT.token).post(`/cases/${caseId}/messages`, { text: '您好' })).status,
      ).toBe(200);
      await user.say('谢谢，等您消息');
      await Promise.all([a.stop(), b.stop()]);

      const c = await startServerProcess(env);
      cleanups.push(c.stop);
      await expectEverythingThere(c.url, user.token, caseId, photo);
    },
    120_000,
  );
});
