import { createServer, connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKefu, type Kefu } from '../../src/kefu.js';
import { isDatabaseOutage } from '../../src/store/sql/databaseOutage.js';
import { testConfig } from '../helpers/kefu.js';
import { ORDER_ID, PHONE, openWebSession, webUser } from '../helpers/webClient.js';
import { dropSchema, postgresUrlForTests, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';

const pgUrl = postgresUrlForTests();

/** A TCP hop in front of PostgreSQL that the test can cut (every connection dropped) and restore. */
class CuttableProxy {
  private server: NetServer | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('isDatabaseOutage', () => {
  const withProps = (message: string, props: Record<string, unknown>) =>
    Object.assign(new Error(message), props);
  it('knows a database that cannot be reached from a bad query', () => {
    expect(isDatabaseOutage(withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseOutage(withProps('terminating connection due to administrator command', { code: '57P01' })),
    ).toBe(true);
    expect(isDatabaseOutage(withProps('the database system is starting up', { code: '57P03' }))).toBe(true);
    expect(isDatabaseOutage(withProps('database is locked', { errcode: 5 }))).toBe(true);
    expect(
      isDatabaseOutage(withProps('duplicate key value violates unique constraint', { code: '23505' })),
    ).toBe(false);
    expect(isDatabaseOutage(withProps('syntax error at or near "selec"', { code: '42601' }))).toBe(false);
    expect(isDatabaseOutage('ECONNREFUSED')).toBe(false);
  });
});

describe.runIf(pgUrl)(
  'a PostgreSQL outage (kefu in-process, cases in PostgreSQL behind a cuttable hop)',
  () => {
    const schema = uniqueSchema();
    const target = pgUrl ? new URL(pgUrl) : undefined;
    const proxy = new CuttableProxy({
      host: target?.hostname ?? '127.0.0.1',
      port: Number(target?.port || 5432),
    });
    let kefu: Kefu;
    let server: Server;
    let base: string;

    const session = () => openWebSession(base);
    const myCases = (token: string) =>
      fetch(`${base}/api/web/cases`, { headers: { authorization: `Bearer ${token}` } });
    const readyz = async () => {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } };
    };

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema "${schema}"`);
      await admin.end();
      await proxy.open();
      const viaProxy = new URL(pgUrl);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      kefu = await createKefu({
        config: testConfig({ DATABASE_URL: urlWithSchema(viaProxy.toString(), schema) }),
        log: pino({ level: 'silent' }),
      });
      server = kefu.app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await kefu.close();
      await proxy.cut();
      await dropSchema(pgUrl, schema);
    });

    it('is ready, with the database check, while PostgreSQL answers', async () => {
      const ready = await readyz();
      expect(ready.status).toBe(200);
      expect(ready.body.checks.database).toEqual({ ok: true });
      expect((await myCases(await session())).status).toBe(200);
    });

    const confirm = (token: string) =>
      fetch(`${base}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        // One message, sent again on retry with the same key, as the widget does.
        body: JSON.stringify({ text: '确认提交', clientMessageId: 'confirm-during-outage' }),
      });
    let complainant: Awaited<ReturnType<typeof webUser>>;

    it('PostgreSQL cut off: 503 store_unavailable with Retry-After (not a 500 or a crash), /readyz names the database', async () => {
      complainant = await webUser(base);
      const photo = await complainant.upload(); // upload records live in SQL: before the cut
      await complainant.say(`吹风机坏了，订单号 ${ORDER_ID}，想换货`);
      await complainant.say('', [{ type: 'image', url: photo }]);
      expect(await complainant.say(PHONE)).toContain(ORDER_ID); // the summary, waiting for a yes
      await proxy.cut();
      const filed = await confirm(complainant.token);
      expect(filed.status).toBe(503); // the case cannot be written, so no id is promised
      expect(filed.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await filed.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
      expect((await myCases(complainant.token)).status).toBe(503);
      // A new visitor (no case can be theirs yet) starts a chat and is answered from the knowledge
      // base: neither needs the case database.
      const visitor = await session();
      const faq = await fetch(`${base}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor}` },
        body: JSON.stringify({ text: '投诉电话多少' }),
      });
      expect(faq.status).toBe(200);
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toMatchObject({ ok: false });
      expect(ready.body.checks.store).toEqual({ ok: true });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    });

    it('PostgreSQL reachable again on the same address: ready without a restart, the retried complaint filed', async () => {
      await proxy.open();
      const started = performance.now();
      while ((await readyz()).status !== 200) {
        if (performance.now() - started > 10_000) throw new Error('not ready within 10 s');
        await sleep(100);
      }
      // The retried confirmation files the complaint that waited through the outage.
      const filed = await confirm(complainant.token);
      expect(filed.status).toBe(200);
      const caseId = /KF\d{8}-\w{4}/.exec(JSON.stringify(await filed.json()))?.[0];
      expect(caseId).toBeDefined();
      const mine = (await complainant.cases()).map((c) => c.id);
      expect(mine).toEqual([caseId]);
    });
  },
);
