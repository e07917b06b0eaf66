import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { conversationKeys } from '../../src/store/turnStore.js';

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

/** One contract for the hot-state ports (kv, conversations, queue, pub/sub), run against Memory and Redis. */
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

    it('kv: deleteByPrefix deletes exactly the keys under the prefix (glob characters are literal)', async () => {
      await store.kv.set('turn:web:u1:a', '1');
      await store.kv.set('turn:web:u1:b', '2', { ttlSeconds: 60 });
      await store.kv.set('turn:web:u10:a', '3');
      await store.kv.set('turn:web:u*:a', '4');
      expect(await store.kv.deleteByPrefix('turn:web:u1:')).toBe(2);
      expect(await store.kv.get('turn:web:u1:a')).toBeUndefined();
      expect(await store.kv.get('turn:web:u10:a')).toBe('3');
      expect(await store.kv.deleteByPrefix('turn:web:u*')).toBe(1);
      expect(await store.kv.get('turn:web:u10:a')).toBe('3');
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

    it('conversations: the transcript keeps the last `keep` entries in order, expires, and goes with delete', async () => {
      const id = 'web:talker';
      const keep = { keep: 3, ttlSeconds: 60 };
      expect(await store.conversations.transcript(id)).toEqual([]);
      await store.conversations.appendTranscript(id, [{ n: 1 }, { n: 2 }], keep);
      await store.conversations.appendTranscript(id, [], keep);
      await store.conversations.appendTranscript(id, [{ n: 3 }, { n: 4 }], keep);
      expect(await store.conversations.transcript(id)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      await store.conversations.save(id, { v: 1 }, 60);
      await store.conversations.delete(id);
      expect(await store.conversations.transcript(id)).toEqual([]);
      expect(await store.conversations.load(id)).toBeUndefined();
      await store.conversations.appendTranscript('web:brief', ['一句话'], { keep: 30, ttlSeconds: 1 });
      expect(await store.conversations.transcript('web:brief')).toEqual(['一句话']);
      await elapse(1100);
      expect(await store.conversations.transcript('web:brief')).toEqual([]);
    });

    it('turns: commit appends the turn’s messages to the transcript (kept to `keep`), beside state and result', async () => {
      const id = 'web:turn-talker';
      await store.conversations.appendTranscript(id, [{ n: 1 }, { n: 2 }], { keep: 3, ttlSeconds: 60 });
      const begun = await store.turns.begin({ conversationId: id, holder: 'h', leaseMs: 5000 });
      expect(begun.acquired).toBe(true);
      expect(
        await store.turns.commit({
          conversationId: id,
          holder: 'h',
          state: { value: { turns: 1 }, ttlSeconds: 60 },
          transcript: { entries: [{ n: 3 }, { n: 4 }], retention: { keep: 3, ttlSeconds: 60 } },
        }),
      ).toBe(true);
      expect(await store.conversations.transcript(id)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      expect(await store.conversations.load(id)).toEqual({ turns: 1 });
      // A commit with no messages leaves the transcript as it is.
      await store.turns.begin({ conversationId: id, holder: 'h2', leaseMs: 5000 });
      await store.turns.commit({ conversationId: id, holder: 'h2', state: { value: { turns: 2 }, ttlSeconds: 60 } });
      expect(await store.conversations.transcript(id)).toHaveLength(3);
    });

    it('turns: begin takes the lock and reads state and result; a second holder waits; commit saves and releases', async () => {
      const id = 'web:turn-user';
      await store.conversations.save(id, { version: 1, turns: 3 }, 60);
      const first = await store.turns.begin({
        conversationId: id,
        holder: 'h1',
        leaseMs: 5000,
        messageId: 'm1',
      });
      expect(first).toEqual({
        acquired: true,
        counts: [],
        state: { version: 1, turns: 3 },
        result: undefined,
      });
      const second = await store.turns.begin({ conversationId: id, holder: 'h2', leaseMs: 5000 });
      expect(second.acquired).toBe(false);
      expect(await store.turns.renew(id, 'h2', 5000)).toBe(false);
      expect(await store.turns.renew(id, 'h1', 5000)).toBe(true);
      expect(
        await store.turns.commit({
          conversationId: id,
          holder: 'h1',
          state: { value: { version: 1, turns: 4 }, ttlSeconds: 60 },
          result: { messageId: 'm1', value: '{"replies":[]}', ttlSeconds: 60 },
        }),
      ).toBe(true);
      expect(await store.conversations.load(id)).toEqual({ version: 1, turns: 4 });
      const third = await store.turns.begin({
        conversationId: id,
        holder: 'h2',
        leaseMs: 5000,
        messageId: 'm1',
      });
      expect(third).toMatchObject({ acquired: true, result: '{"replies":[]}', state: { turns: 4 } });
      expect(await store.turns.release(id, 'h1')).toBe(false);
      expect(await store.turns.release(id, 'h2')).toBe(true);
      const fresh = await store.turns.begin({ conversationId: 'web:nobody', holder: 'h3', leaseMs: 5000 });
      expect(fresh).toEqual({
        acquired: true,
        counts: [],
        state: undefined,
        result: undefined,
      });
    });

    it('turns: a lock left by a dead holder expires with its lease; commit without the lock still saves', async () => {
      const id = 'web:lease-user';
      expect((await store.turns.begin({ conversationId: id, holder: 'dead', leaseMs: 300 })).acquired).toBe(
        true,
      );
      expect((await store.turns.begin({ conversationId: id, holder: 'next', leaseMs: 300 })).acquired).toBe(
        false,
      );
      await elapse(1100);
      expect((await store.turns.begin({ conversationId: id, holder: 'next', leaseMs: 5000 })).acquired).toBe(
        true,
      );
      expect(
        await store.turns.commit({
          conversationId: id,
          holder: 'dead',
          state: { value: { v: 2 }, ttlSeconds: 60 },
        }),
      ).toBe(false);
      expect(await store.conversations.load(id)).toEqual({ v: 2 });
      expect((await store.turns.begin({ conversationId: id, holder: 'other', leaseMs: 5000 })).acquired).toBe(
        false,
      );
    });

    it('turns: of 10 concurrent begins exactly one gets the lock', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.turns.begin({ conversationId: 'web:race', holder: `h${i}`, leaseMs: 5000 }),
        ),
      );
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
    });

    it('turns: limits are counted (in the conversation slot and elsewhere); over one, no lock is taken', async () => {
      const id = 'web:limited';
      const limits = [
        { key: `rl:token:{${id}}:1`, limit: 2, ttlSeconds: 60 },
        { key: 'rl:ip:127.0.0.1:1', limit: 5, ttlSeconds: 60 },
      ];
      const a = await store.turns.begin({ conversationId: id, holder: 'a', leaseMs: 5000, limits });
      expect(a).toMatchObject({ acquired: true, counts: [1, 1] });
      await store.turns.commit({ conversationId: id, holder: 'a' });
      const b = await store.turns.begin({ conversationId: id, holder: 'b', leaseMs: 5000, limits });
      expect(b).toMatchObject({ acquired: true, counts: [2, 2] });
      await store.turns.release(id, 'b');
      const c = await store.turns.begin({ conversationId: id, holder: 'c', leaseMs: 5000, limits });
      expect(c).toEqual({ acquired: false, counts: [3, 3] });
      expect((await store.turns.begin({ conversationId: id, holder: 'd', leaseMs: 5000 })).acquired).toBe(
        true,
      );
    });

    it('corrupt values: a conversation state that is not JSON loads as its text; a non-counter is not incremented', async () => {
      // Both backends keep conversation state under `conv:{id}` in their key/value namespace.
      await store.kv.set(conversationKeys('web:broken').state, '{"version": 2, "intake": ');
      expect(await store.conversations.load('web:broken')).toBe('{"version": 2, "intake": ');
      await store.kv.set('counter', 'not a number');
      await expect(store.kv.increment('counter', 60)).rejects.toThrow();
      expect(await store.kv.get('counter')).toBe('not a number');
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
