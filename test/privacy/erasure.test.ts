import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/createStore.js';
import { openDatabase, type SqlDatabase } from '../../src/store/sql/database.js';
import type { Store } from '../../src/store/types.js';
import { AGENT, AGENT2, startKefu, testConfig } from '../helpers/kefu.js';
import { deletePrefix, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { ORDER_ID, PHONE, agentClient, webUser } from '../helpers/webClient.js';

const redisUrl = redisUrlForTests();
const OTHER_ORDER = '5555666677778888999';

/** Every value under a Redis prefix, as text (strings, hashes, sets, sorted sets, lists, streams). */
async function redisDump(prefix: string): Promise<string> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  const out: string[] = [];
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        const type = await client.type(key);
        out.push(key);
        if (type === 'string') out.push((await client.get(key)) ?? '');
        if (type === 'hash') out.push(JSON.stringify(await client.hGetAll(key)));
        if (type === 'set') out.push(...(await client.sMembers(key)));
        if (type === 'zset') out.push(...(await client.zRange(key, 0, -1)));
        if (type === 'list') out.push(...(await client.lRange(key, 0, -1)));
        if (type === 'stream') out.push(JSON.stringify(await client.xRange(key, '-', '+')));
      }
    }
  } finally {
    await client.quit();
  }
  return out.join('\n');
}

/** Every row of every kefu table, as text. */
async function sqlDump(database: SqlDatabase): Promise<string> {
  const tables = ['cases', 'case_events', 'case_transcript', 'case_evidence', 'uploads'] as const;
  const rows = await Promise.all(tables.map((t) => database.db.selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

describe.runIf(Boolean(redisUrl))('erasure of one person’s data (SQL, Redis, files)', () => {
  let dataDir: string;
  let database: SqlDatabase;
  let store: Store;
  let url: string;
  let stop: () => Promise<void>;
  const logLines: string[] = [];
  const prefix = uniquePrefix();
  const ADMIN = { name: 'boss', token: 'test-admin-token-boss-000003' };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kefu-erase-'));
    database = openDatabase({ sqliteFile: join(dataDir, 'kefu.sqlite') });
    store = await createRedisStore({ redisUrl, keyPrefix: prefix, database, dataDir });
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    ({ url, stop } = await startKefu({
      store,
      log,
      config: testConfig({
        AGENT_TOKENS: `${AGENT.name}:${AGENT.token},${AGENT2.name}:${AGENT2.token},${ADMIN.name}:${ADMIN.token}:admin`,
      }),
    }));
  });
  afterAll(async () => {
    await stop();
    await store.close();
    await database.close();
    await deletePrefix(redisUrl, prefix);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('needs an admin agent token, and then leaves no trace of the phone number or order id', async () => {
    const alice = await webUser(url);
    const bob = await webUser(url);
    const { caseId, photo } = await alice.fileComplaint();
    const bobs = await bob.fileComplaint(OTHER_ORDER, '13900001111');
    const agent = agentClient(url, AGENT.token);
    await agent.post(`/cases/${caseId}/claim`);
    await agent.post(`/cases/${caseId}/messages`, { text: `订单 ${ORDER_ID} 已收到` });
    await alice.say(`我的电话是 ${PHONE}`); // relayed into the case while an agent owns the chat
    await alice.say('还有一个问题'); // and conversation state with the order id stays in Redis
    const aliceId = alice.token.split('.')[0] ?? '';
    const before = (await redisDump(prefix)) + (await sqlDump(database));
    expect(before).toContain(PHONE);
    expect(before).toContain(ORDER_ID);

    const path = `/users/web/${aliceId}/data`;
    expect((await agentClient(url, 'nope-nope-nope-nope').delete(path)).status).toBe(401);
    expect((await agent.delete(path)).status).toBe(403);
    const res = await agentClient(url, ADMIN.token).delete(path);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      removed: { caseIds: [caseId], uploads: 1, conversations: 1, cachedTurns: 6, other: 0 },
    });

    const sqlAfter = await sqlDump(database);
    const redisAfter = await redisDump(prefix);
    for (const secret of [PHONE, ORDER_ID]) {
      expect(sqlAfter).not.toContain(secret);
      expect(redisAfter).not.toContain(secret);
    }
    const files = await readdir(join(dataDir, 'uploads'));
    expect(files).not.toContain(photo.split('/').pop());
    for (const f of files)
      expect((await readFile(join(dataDir, 'uploads', f))).toString('latin1')).not.toContain(PHONE);
    // The anonymous row stays for reports; the other person's case is untouched.
    expect(await agent.case(caseId)).toMatchObject({
      id: caseId,
      status: 'closed',
      category: 'quality',
      orderId: '',
    });
    expect((await agent.case(bobs.caseId)).orderId).toBe(OTHER_ORDER);
    expect(sqlAfter).toContain(OTHER_ORDER);
    expect(await alice.cases()).toEqual([]);
    // The erasure is logged, without the person's id or data.
    const line = logLines.find((l) => l.includes('personal data erased'));
    expect(line).toBeDefined();
    expect(line).not.toContain(aliceId);
    expect(line).toContain('"admin":"boss"');
    // Repeating it is harmless (nothing links the anonymous row to the person any more).
    expect(await (await agentClient(url, ADMIN.token).delete(path)).json()).toEqual({
      removed: { caseIds: [], uploads: 0, conversations: 0, cachedTurns: 0, other: 0 },
    });
  });
});
