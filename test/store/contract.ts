import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.js';
import type { Store } from '../../src/store/types.js';

/**
 * A store under test, how to get a second handle on the same backend (if it has one), and how
 * to let time pass for it: a controlled clock where the implementation takes one (memory),
 * real waiting where time is the server's (Redis).
 */
export interface StoreFactory {
  make(): Promise<{
    store: Store;
    twin?: () => Promise<Store>;
    elapse: (ms: number) => Promise<void>;
    cleanup: () => Promise<void>;
  }>;
}

export function sampleCase(overrides: Partial<Case> = {}): Case {
  return {
    id: `KF${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    channel: 'web',
    userId: 'u1',
    category: 'quality',
    orderId: '4402317789012345678',
    description: '吹风机坏了',
    evidence: [],
    resolution: 'return',
    status: 'queued',
    createdAt: new Date().toISOString(),
    firstResponseDue: '2026-12-01T23:59:59+08:00',
    resolutionDue: '2026-12-07T23:59:59+08:00',
    transcript: [],
    events: [],
    locale: 'zh-CN',
    ...overrides,
  };
}

/** One contract, run against every Store implementation. */
export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let twin: (() => Promise<Store>) | undefined;
    let elapse: (ms: number) => Promise<void>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, twin, elapse, cleanup } = await factory.make());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('kv: set/get/delete, NX refuses a second writer, TTL expires', async () => {
      expect(await store.kv.get('a')).toBeUndefined();
      expect(await store.kv.set('a', '1')).toBe(true);
      expect(await store.kv.get('a')).toBe('1');
      expect(await store.kv.set('a', '2', { onlyIfAbsent: true })).toBe(false);
      expect(await store.kv.get('a')).toBe('1');
      await store.kv.delete('a');
      expect(await store.kv.get('a')).toBeUndefined();
      await store.kv.set('t', 'x', { ttlSeconds: 1 });
      await elapse(1100);
      expect(await store.kv.get('t')).toBeUndefined();
    });

    it('kv: of 20 concurrent NX writers exactly one wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.kv.set('race', String(i), { onlyIfAbsent: true })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('kv: increment counts atomically and the counter expires', async () => {
      const values = await Promise.all(Array.from({ length: 10 }, () => store.kv.increment('n', 1)));
      expect([...values].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await elapse(1100);
      expect(await store.kv.increment('n', 1)).toBe(1);
    });

    it('kv: deleteIfEquals only deletes the holder’s value', async () => {
      await store.kv.set('lock', 'me');
      expect(await store.kv.deleteIfEquals('lock', 'you')).toBe(false);
      expect(await store.kv.get('lock')).toBe('me');
      expect(await store.kv.deleteIfEquals('lock', 'me')).toBe(true);
      expect(await store.kv.get('lock')).toBeUndefined();
    });

    it('kv: expireIfEquals renews only the holder’s lease', async () => {
      await store.kv.set('lease', 'me', { ttlSeconds: 1 });
      expect(await store.kv.expireIfEquals('lease', 'you', 30)).toBe(false);
      expect(await store.kv.expireIfEquals('lease', 'me', 30)).toBe(true);
      await elapse(1100);
      expect(await store.kv.get('lease')).toBe('me');
      expect(await store.kv.expireIfEquals('missing', 'me', 30)).toBe(false);
      expect(await store.kv.get('missing')).toBeUndefined();
    });

    it('conversations: save, load, delete, expire', async () => {
      await store.conversations.save('web:u1', { version: 1, x: [1, 2] }, 60);
      expect(await store.conversations.load('web:u1')).toEqual({ version: 1, x: [1, 2] });
      await store.conversations.delete('web:u1');
      expect(await store.conversations.load('web:u1')).toBeUndefined();
      await store.conversations.save('web:u2', { v: 1 }, 1);
      await elapse(1100);
      expect(await store.conversations.load('web:u2')).toBeUndefined();
    });

    it('cases: create, get, list by user (never another user’s) and by status', async () => {
      const a = sampleCase({ userId: 'alice', createdAt: '2026-11-20T10:00:00+08:00' });
      const b = sampleCase({ userId: 'alice', createdAt: '2026-11-21T10:00:00+08:00' });
      const c = sampleCase({ userId: 'bob' });
      for (const x of [a, b, c]) expect((await store.cases.create(x)).created).toBe(true);
      expect((await store.cases.get(a.id))?.orderId).toBe(a.orderId);
      expect(await store.cases.get('nope')).toBeUndefined();
      expect((await store.cases.listByUser('web', 'alice')).map((x) => x.id)).toEqual([b.id, a.id]);
      expect((await store.cases.listByUser('web', 'bob')).map((x) => x.id)).toEqual([c.id]);
      expect(await store.cases.listByUser('wechat', 'alice')).toEqual([]);
      expect((await store.cases.listByStatus('queued')).map((x) => x.id).sort()).toEqual(
        [a.id, b.id, c.id].sort(),
      );
    });

    it('cases: same-second cases list in one order on every backend (instant of createdAt, then id)', async () => {
      const at = '2026-11-20T10:00:00+08:00';
      const sameInstant = '2026-11-20T02:00:00Z';
      const later = '2026-11-20T09:30:00Z'; // 17:30 in Beijing: later, though it sorts first as text
      const cases = [
        sampleCase({ id: 'KFSAME-B', userId: 'dora', createdAt: at }),
        sampleCase({ id: 'KFSAME-A', userId: 'dora', createdAt: sameInstant }),
        sampleCase({ id: 'KFSAME-C', userId: 'dora', createdAt: at }),
        sampleCase({ id: 'KFLATER', userId: 'dora', createdAt: later }),
      ];
      for (const c of cases) await store.cases.create(c);
      expect((await store.cases.listByUser('web', 'dora')).map((c) => c.id)).toEqual([
        'KFLATER',
        'KFSAME-C',
        'KFSAME-B',
        'KFSAME-A',
      ]);
      const queued = (await store.cases.listByStatus('queued'))
        .map((c) => c.id)
        .filter((id) => id.startsWith('KF'));
      expect(queued.filter((id) => cases.some((c) => c.id === id))).toEqual([
        'KFSAME-A',
        'KFSAME-B',
        'KFSAME-C',
        'KFLATER',
      ]);
    });

    it('corrupt values: a conversation state that is not JSON loads as its text; a non-counter is not incremented', async () => {
      // Both backends keep conversation state under `conv:` in their key/value namespace.
      await store.kv.set('conv:web:broken', '{"version": 2, "intake": ');
      expect(await store.conversations.load('web:broken')).toBe('{"version": 2, "intake": ');
      await store.kv.set('counter', 'not a number');
      await expect(store.kv.increment('counter', 60)).rejects.toThrow();
      expect(await store.kv.get('counter')).toBe('not a number');
    });

    it('cases: create is idempotent by id: a repeat returns the stored case untouched, indexes unchanged', async () => {
      const a = sampleCase({ userId: 'carol', description: 'first write' });
      const first = await store.cases.create(a);
      expect(first).toEqual({ created: true, case: a });
      await store.cases.update(
        a.id,
        () => true,
        (c) => ({ ...c, status: 'assigned', assignee: 'wang' }),
      );
      const again = await store.cases.create({ ...a, description: 'second write', userId: 'mallory' });
      expect(again.created).toBe(false);
      expect(again.case).toMatchObject({
        id: a.id,
        description: 'first write',
        userId: 'carol',
        status: 'assigned',
      });
      expect((await store.cases.get(a.id))?.description).toBe('first write');
      expect(await store.cases.listByUser('web', 'mallory')).toEqual([]);
      expect((await store.cases.listByStatus('queued')).map((x) => x.id)).not.toContain(a.id);
    });

    it('cases: of 10 concurrent creates of one id exactly one writes', async () => {
      const a = sampleCase();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.cases.create({ ...a, description: `copy ${i}` })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)?.case.description;
      expect(new Set(results.map((r) => r.case.description))).toEqual(new Set([winner]));
      expect((await store.cases.listByUser('web', a.userId)).filter((x) => x.id === a.id)).toHaveLength(1);
    });

    it('cases: an update moves the case between status lists; a stale expectation is a conflict', async () => {
      const a = sampleCase();
      await store.cases.create(a);
      const claimed = await store.cases.update(
        a.id,
        (c) => c.status === 'queued',
        (c) => ({ ...c, status: 'assigned', assignee: 'wang' }),
      );
      expect(claimed.ok).toBe(true);
      expect((await store.cases.listByStatus('queued')).map((x) => x.id)).not.toContain(a.id);
      expect((await store.cases.listByStatus('assigned')).map((x) => x.id)).toContain(a.id);
      const again = await store.cases.update(
        a.id,
        (c) => c.status === 'queued',
        (c) => c,
      );
      expect(again).toMatchObject({ ok: false, reason: 'conflict' });
      expect(
        await store.cases.update(
          'missing',
          () => true,
          (c) => c,
        ),
      ).toMatchObject({ ok: false, reason: 'not_found' });
    });

    it('cases: of concurrent claims exactly one wins', async () => {
      const a = sampleCase();
      await store.cases.create(a);
      const results = await Promise.all(
        ['a1', 'a2', 'a3', 'a4', 'a5'].map((agent) =>
          store.cases.update(
            a.id,
            (c) => c.status === 'queued',
            (c) => ({ ...c, status: 'assigned', assignee: agent }),
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(4);
    });

    it('queue: delivered once, pending until acked, reclaimable after idle', async () => {
      await store.queue.enqueue('c1');
      await store.queue.enqueue('c2');
      const first = await store.queue.read('agent-a', 10);
      expect(first.map((e) => e.caseId)).toEqual(['c1', 'c2']);
      expect(await store.queue.read('agent-b', 10)).toEqual([]);
      expect(await store.queue.pending()).toBe(2);
      await store.queue.ack(first[0]!.entryId);
      expect(await store.queue.pending()).toBe(1);
      await elapse(60);
      const reclaimed = await store.queue.reclaim('agent-b', 50, 10);
      expect(reclaimed.map((e) => e.caseId)).toEqual(['c2']);
    });

    it('queue: idle consumers holding nothing are removed; busy ones and the caller are kept', async () => {
      await store.queue.enqueue('c1');
      await store.queue.enqueue('c2');
      const [ghostEntry] = await store.queue.read('ghost', 1);
      await store.queue.ack(ghostEntry!.entryId);
      await store.queue.read('holder', 1); // keeps c2 pending
      await store.queue.read('me', 1);
      await elapse(120);
      expect(await store.queue.removeIdleConsumers(100, 'me')).toEqual(['ghost']);
      expect(await store.queue.removeIdleConsumers(100, 'me')).toEqual([]);
      // Once its entry is reclaimed by a live worker, the holder goes too.
      expect((await store.queue.reclaim('me', 100, 10)).map((e) => e.caseId)).toEqual(['c2']);
      expect(await store.queue.removeIdleConsumers(100, 'me')).toEqual(['holder']);
    });

    it('pubsub: delivers to subscribers until they unsubscribe (also across handles on one backend)', async () => {
      const got: string[] = [];
      const unsubscribe = await store.pubsub.subscribe('topic', (m) => got.push(m));
      const other = twin ? await twin() : store;
      await other.pubsub.publish('topic', 'hello');
      await expect.poll(() => got).toEqual(['hello']);
      await unsubscribe();
      await other.pubsub.publish('topic', 'again');
      await sleep(100);
      expect(got).toEqual(['hello']);
      if (other !== store) await other.close();
    });
  });
}
