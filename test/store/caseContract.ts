import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.js';
import type { Store } from '../../src/store/types.js';

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
    createdAt: '2026-11-25T10:00:00+08:00',
    firstResponseDue: '2026-12-01T23:59:59+08:00',
    resolutionDue: '2026-12-07T23:59:59+08:00',
    transcript: [],
    events: [],
    locale: 'zh-CN',
    ...overrides,
  };
}

/** A store whose cases live in the backend under test, and how to open a second handle on it. */
export interface CaseStoreFactory {
  make(): Promise<{ store: Store; twin?: () => Promise<Store>; cleanup: () => Promise<void> }>;
}

/** The case-store contract, run against every SQL backend (SQLite in memory, SQLite file, PostgreSQL). */
export function runCaseStoreContract(name: string, factory: CaseStoreFactory): void {
  describe(`case store contract: ${name}`, () => {
    let store: Store;
    let twin: (() => Promise<Store>) | undefined;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, twin, cleanup } = await factory.make());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('create, get, list by user (never another user’s) and by status; every field round-trips', async () => {
      const a = sampleCase({
        userId: 'alice',
        createdAt: '2026-11-20T10:00:00+08:00',
        contact: '13812345678',
        evidence: ['/api/web/uploads/abcdefgh12', 'image:media-1'],
        transcript: [
          { from: 'user', text: '吹风机坏了', at: '2026-11-20T09:59:00+08:00' },
          { from: 'bot', text: '好的', at: '2026-11-20T09:59:01+08:00' },
        ],
        events: [
          { type: 'created', at: '2026-11-20T10:00:00+08:00' },
          { type: 'agent_message', at: '2026-11-20T10:01:00+08:00', by: 'wang', via: 'slack' },
        ],
        missing: ['orderId', 'resolution'],
        updatedAt: '2026-11-20T10:00:00+08:00',
      });
      const b = sampleCase({ userId: 'alice', createdAt: '2026-11-21T10:00:00+08:00' });
      const c = sampleCase({ userId: 'bob' });
      for (const x of [a, b, c]) expect((await store.cases.create(x)).created).toBe(true);
      expect(await store.cases.get(a.id)).toEqual(a);
      expect(await store.cases.get('nope')).toBeUndefined();
      expect((await store.cases.listByUser('web', 'alice')).map((x) => x.id)).toEqual([b.id, a.id]);
      expect((await store.cases.listByUser('web', 'bob')).map((x) => x.id)).toEqual([c.id]);
      expect(await store.cases.listByUser('wechat', 'alice')).toEqual([]);
      expect((await store.cases.listByStatus('queued')).map((x) => x.id).sort()).toEqual(
        [a.id, b.id, c.id].sort(),
      );
    });

    it('same-second cases list in one order on every backend (instant of createdAt, then id)', async () => {
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
      const ids = new Set(cases.map((c) => c.id));
      expect((await store.cases.listByStatus('queued')).map((c) => c.id).filter((id) => ids.has(id))).toEqual(
        ['KFSAME-A', 'KFSAME-B', 'KFSAME-C', 'KFLATER'],
      );
    });

    it('findOpen: counts the user’s queued and assigned cases; the assigned one claimed last (any offset) answers', async () => {
      expect(await store.cases.findOpen('web', 'erin')).toEqual({ open: 0, assigned: undefined });
      const older = sampleCase({ userId: 'erin', createdAt: '2026-11-20T10:00:00+08:00' });
      const newer = sampleCase({ userId: 'erin', createdAt: '2026-11-21T10:00:00+08:00' });
      const queued = sampleCase({ userId: 'erin', createdAt: '2026-11-22T10:00:00+08:00' });
      const other = sampleCase({ userId: 'frank', status: 'assigned', assignee: 'li' });
      for (const c of [older, newer, queued, other]) await store.cases.create(c);
      expect(await store.cases.findOpen('web', 'erin')).toEqual({ open: 3, assigned: undefined });
      const assign = (id: string, agent: string, claimedAt: string) =>
        store.cases.update(
          id,
          () => true,
          (c) => ({ ...c, status: 'assigned', assignee: agent, claimedAt }),
        );
      // The older case was claimed later (an instant written with another offset).
      await assign(newer.id, 'wang', '2026-11-21T11:00:00+08:00');
      await assign(older.id, 'zhang', '2026-11-21T04:00:00Z');
      const found = await store.cases.findOpen('web', 'erin');
      expect(found.open).toBe(3);
      expect(found.assigned?.id).toBe(older.id);
      expect(found.assigned?.assignee).toBe('zhang');
      expect(Date.parse(found.assigned?.claimedAt ?? '')).toBe(Date.parse('2026-11-21T04:00:00Z'));
      const resolve = (id: string) =>
        store.cases.update(
          id,
          () => true,
          (c) => ({ ...c, status: 'resolved' }),
        );
      await resolve(older.id);
      expect(await store.cases.findOpen('web', 'erin')).toMatchObject({
        open: 2,
        assigned: { id: newer.id },
      });
      await resolve(newer.id);
      await resolve(queued.id);
      expect(await store.cases.findOpen('web', 'erin')).toEqual({ open: 0, assigned: undefined });
      expect(await store.cases.findOpen('wechat', 'erin')).toEqual({ open: 0, assigned: undefined });
    });

    it('create is idempotent by id: a second create returns the stored case untouched', async () => {
      const a = sampleCase({ description: 'first' });
      expect(await store.cases.create(a)).toEqual({ created: true, case: a });
      const again = await store.cases.create({ ...a, description: 'second', orderId: '1111111111111111' });
      expect(again).toEqual({ created: false, case: a });
      expect((await store.cases.get(a.id))?.description).toBe('first');
    });

    it('create after an update still returns the stored case untouched, indexes unchanged', async () => {
      const a = sampleCase({ userId: 'carol', description: 'first write' });
      await store.cases.create(a);
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
      expect(await store.cases.listByUser('web', 'mallory')).toEqual([]);
      expect((await store.cases.listByStatus('queued')).map((x) => x.id)).not.toContain(a.id);
    });

    it('of 10 concurrent creates of one id exactly one writes (also across handles)', async () => {
      const a = sampleCase();
      const other = twin ? await twin() : store;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : store).cases.create({ ...a, description: `copy ${i}` }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)?.case.description;
      expect(new Set(results.map((r) => r.case.description))).toEqual(new Set([winner]));
      expect((await store.cases.listByUser('web', a.userId)).filter((x) => x.id === a.id)).toHaveLength(1);
      if (other !== store) await other.close();
    });

    it('an update moves the case between status lists and appends to its lists; a stale expectation is a conflict', async () => {
      const a = sampleCase();
      await store.cases.create(a);
      const claimed = await store.cases.update(
        a.id,
        (c) => c.status === 'queued',
        (c) => ({
          ...c,
          status: 'assigned',
          assignee: 'wang',
          transcript: [...c.transcript, { from: 'agent', text: '您好', at: '2026-11-25T10:05:00+08:00' }],
        }),
      );
      expect(claimed.ok).toBe(true);
      expect((await store.cases.get(a.id))?.transcript.map((t) => t.text)).toEqual(['您好']);
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

    it('of 20 concurrent claims exactly one wins, with one claimed event (also across handles)', async () => {
      const a = sampleCase({ events: [{ type: 'created', at: '2026-11-25T10:00:00+08:00' }] });
      await store.cases.create(a);
      const other = twin ? await twin() : store;
      const agents = Array.from({ length: 20 }, (_, i) => `agent${i}`);
      const results = await Promise.all(
        agents.map((agent, i) =>
          (i % 2 ? other : store).cases.claim(a.id, agent, '2026-11-25T10:01:00+08:00', 'slack'),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(19);
      const stored = await store.cases.get(a.id);
      const winner = results.find((r) => r.ok)?.case?.assignee;
      expect(stored?.assignee).toBe(winner);
      expect(stored?.events.map((e) => e.type)).toEqual(['created', 'claimed']);
      expect(stored?.events[1]).toMatchObject({ by: winner, via: 'slack' });
      expect(await store.cases.claim('missing', 'x', '2026-11-25T10:01:00+08:00')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      if (other !== store) await other.close();
    });

    it('concurrent compare-and-set updates each land once (no lost transcript line)', async () => {
      const a = sampleCase();
      await store.cases.create(a);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.cases.update(
            a.id,
            () => true,
            (c) => ({
              ...c,
              transcript: [...c.transcript, { from: 'user', text: `m${i}`, at: '2026-11-25T10:02:00+08:00' }],
            }),
          ),
        ),
      );
      const texts = (await store.cases.get(a.id))?.transcript.map((t) => t.text) ?? [];
      expect([...texts].sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    });

    it('search filters by status, category, channel, text, order id, case id and dates, with a cursor', async () => {
      const cases = [
        sampleCase({
          createdAt: '2026-11-01T10:00:00+08:00',
          category: 'logistics',
          description: '快递丢了',
        }),
        sampleCase({
          createdAt: '2026-11-02T10:00:00+08:00',
          channel: 'wechat',
          orderId: '5555666677778888999',
        }),
        sampleCase({ createdAt: '2026-11-03T10:00:00+08:00', status: 'resolved' }),
        sampleCase({
          createdAt: '2026-11-04T10:00:00+08:00',
          transcript: [
            { from: 'user', text: 'The 100% cotton shirt shrank', at: '2026-11-04T10:00:00+08:00' },
          ],
        }),
      ];
      for (const c of cases) await store.cases.create(c);
      const ids = async (q: Parameters<Store['cases']['search']>[0]) =>
        (await store.cases.search(q)).cases.map((c) => c.id);
      const [c0, c1, c2, c3] = cases.map((c) => c.id);
      expect(await ids({ limit: 10 })).toEqual([c0, c1, c2, c3]);
      expect(await ids({ statuses: ['queued'], limit: 10 })).toEqual([c0, c1, c3]);
      expect(await ids({ category: 'logistics', limit: 10 })).toEqual([c0]);
      expect(await ids({ channel: 'wechat', limit: 10 })).toEqual([c1]);
      expect(await ids({ q: '快递', limit: 10 })).toEqual([c0]);
      expect(await ids({ q: '5555 6666 7777 8888 999', limit: 10 })).toEqual([c1]);
      expect(await ids({ q: c2?.toLowerCase(), limit: 10 })).toEqual([c2]);
      expect(await ids({ q: '100% COTTON', limit: 10 })).toEqual([c3]);
      expect(await ids({ q: '%', limit: 10 })).toEqual([c3]); // a literal percent sign, not "anything"
      expect(
        await ids({
          from: new Date('2026-11-02T00:00:00+08:00'),
          to: new Date('2026-11-04T00:00:00+08:00'),
          limit: 10,
        }),
      ).toEqual([c1, c2]);
      const first = await store.cases.search({ limit: 3 });
      expect(first.cases.map((c) => c.id)).toEqual([c0, c1, c2]);
      const second = await store.cases.search({ limit: 3, cursor: first.nextCursor });
      expect(second.cases.map((c) => c.id)).toEqual([c3]);
      expect(second.nextCursor).toBeUndefined();
      await expect(store.cases.search({ limit: 3, cursor: 'bm9wZQ' })).rejects.toThrow(/cursor/);
    });

    it('lists queued cases whose id never reached the queue, until marked', async () => {
      const old = sampleCase({ createdAt: '2026-11-25T10:00:00+08:00' });
      const young = sampleCase({ createdAt: '2026-11-25T10:09:30+08:00' });
      const done = sampleCase({ createdAt: '2026-11-25T10:00:00+08:00' });
      for (const c of [old, young, done]) await store.cases.create(c);
      await store.cases.markEnqueued(done.id, '2026-11-25T10:00:01+08:00');
      const cutoff = new Date('2026-11-25T10:09:00+08:00');
      expect(await store.cases.listNotEnqueued(cutoff, 10)).toEqual([old.id]);
      await store.cases.markEnqueued(old.id, '2026-11-25T10:10:00+08:00');
      expect(await store.cases.listNotEnqueued(cutoff, 10)).toEqual([]);
    });

    it('anonymize removes a person’s personal fields, keeps the anonymous rows, closes open cases', async () => {
      const mine = sampleCase({
        userId: 'alice',
        contact: '13812345678',
        evidence: ['/api/web/uploads/abcdefgh12'],
        transcript: [
          {
            from: 'user',
            text: '订单 4402317789012345678 电话 13812345678',
            at: '2026-11-25T10:00:00+08:00',
          },
        ],
        events: [{ type: 'resolved', at: '2026-11-25T10:00:00+08:00', detail: 'refund to 13812345678' }],
      });
      const theirs = sampleCase({ userId: 'bob' });
      await store.cases.create(mine);
      await store.cases.create(theirs);
      const result = await store.cases.anonymize(
        { channel: 'web', userId: 'alice' },
        '2026-11-26T10:00:00+08:00',
      );
      expect(result).toEqual({ caseIds: [mine.id], evidence: ['/api/web/uploads/abcdefgh12'] });
      const after = await store.cases.get(mine.id);
      expect(after).toMatchObject({
        id: mine.id,
        category: 'quality',
        status: 'closed',
        transcript: [],
        evidence: [],
      });
      expect(JSON.stringify(after)).not.toMatch(/13812345678|4402317789012345678|alice/);
      expect(await store.cases.listByUser('web', 'alice')).toEqual([]);
      expect((await store.cases.get(theirs.id))?.orderId).toBe(theirs.orderId);
    });

    it('anonymize by retention takes only cases resolved before the cutoff, once', async () => {
      const at = (d: string) => `2026-${d}T10:00:00+08:00`;
      const oldResolved = sampleCase({
        status: 'resolved',
        contact: '13900000000',
        events: [{ type: 'resolved', at: at('01-05') }],
      });
      const newResolved = sampleCase({ status: 'resolved', events: [{ type: 'resolved', at: at('11-20') }] });
      const open = sampleCase({ createdAt: at('01-01') });
      for (const c of [oldResolved, newResolved, open]) await store.cases.create(c);
      const cutoff = new Date(at('06-01'));
      expect((await store.cases.anonymize({ resolvedBefore: cutoff }, at('11-25'))).caseIds).toEqual([
        oldResolved.id,
      ]);
      expect((await store.cases.anonymize({ resolvedBefore: cutoff }, at('11-26'))).caseIds).toEqual([]);
      expect((await store.cases.get(oldResolved.id))?.contact).toBeUndefined();
      expect((await store.cases.get(newResolved.id))?.orderId).toBe(newResolved.orderId);
    });
  });
}
