import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AGENT_EVENTS_TOPIC } from '../../src/handoff/agentEvents.js';
import { CaseQueueWorker } from '../../src/handoff/queueWorker.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import { sampleCase } from '../store/caseContract.js';

describe('case queue worker', () => {
  it('takes over an entry a dead consumer left unacked, looking for such entries only every reclaimEveryMs', async () => {
    const store = createMemoryStore();
    const announced: string[] = [];
    await store.pubsub.subscribe(AGENT_EVENTS_TOPIC, (m) => announced.push(m));
    await store.cases.create(sampleCase({ id: 'KF-ORPHAN' }));
    await store.queue.enqueue('KF-ORPHAN');
    // A process read the entry, then died before announcing and acking it.
    expect((await store.queue.read('kefu-dead', 10)).map((e) => e.caseId)).toEqual(['KF-ORPHAN']);

    let reclaims = 0;
    const reclaim = store.queue.reclaim.bind(store.queue);
    store.queue.reclaim = (...args) => {
      reclaims += 1;
      return reclaim(...args);
    };
    const worker = new CaseQueueWorker(store, pino({ level: 'silent' }), {
      intervalMs: 5,
      reclaimIdleMs: 100,
      reclaimEveryMs: 150,
    });
    const started = performance.now();
    worker.start();
    try {
      await expect.poll(() => announced.join(), { timeout: 5000 }).toContain('KF-ORPHAN');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await worker.stop();
      await store.close();
    }
    const elapsed = performance.now() - started;
    expect(reclaims).toBeGreaterThanOrEqual(1);
    // Polled every 5 ms, but the pending list was scanned at most once per 150 ms.
    expect(reclaims).toBeLessThanOrEqual(Math.floor(elapsed / 150) + 1);
    expect(await store.queue.pending()).toBe(0);
  });
});
