import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/createStore.js';
import { clockAt } from '../helpers/manualClock.js';
import { makeKefu } from '../helpers/kefu.js';

describe('a case whose id never reached the queue', () => {
  it('is written and answered with its id, then re-queued by the sweeper once the grace period passed', async () => {
    let now = new Date('2026-11-25T10:00:00+08:00');
    const store = createMemoryStore();
    const enqueue = store.queue.enqueue.bind(store.queue);
    let queueDown = true;
    store.queue.enqueue = async (id) => {
      if (queueDown) throw new Error('queue unavailable');
      await enqueue(id);
    };
    const kefu = await makeKefu({ store, clock: clockAt(() => now) });
    await kefu.queueWorker.stop(); // read the queue by hand below
    const turn = await kefu.runTurn({ channel: 'web', userId: 'u-sweep', kind: 'text', text: '转人工' });
    const caseId = turn.caseId ?? '';
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(caseId);
    expect((await store.cases.get(caseId))?.status).toBe('queued'); // committed before the user heard the id
    expect(await store.queue.read('agent', 10)).toEqual([]);

    queueDown = false;
    await kefu.jobs.runNow('requeue-stranded-cases'); // within the grace period: left alone
    expect(await store.queue.read('agent', 10)).toEqual([]);
    now = new Date('2026-11-25T10:02:00+08:00');
    await kefu.jobs.runNow('requeue-stranded-cases');
    expect((await store.queue.read('agent', 10)).map((e) => e.caseId)).toEqual([caseId]);
    await kefu.jobs.runNow('requeue-stranded-cases'); // once only
    expect(await store.queue.read('agent', 10)).toEqual([]);
    await kefu.close();
    await store.close();
  });
});
