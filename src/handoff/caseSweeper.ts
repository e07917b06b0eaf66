import type { Store } from '../store/types.js';

/**
 * Re-queues cases that are `queued` in SQL but whose id never reached the agents' queue (the
 * enqueue after the commit failed, or the process died between the two). Cases younger than
 * `graceMs` are left to the request that is still queueing them. Safe in several processes:
 * at worst agents hear of a case twice, never not at all.
 */
export async function requeueStrandedCases(store: Store, now: Date, graceMs = 60_000): Promise<number> {
  const ids = await store.cases.listNotEnqueued(new Date(now.getTime() - graceMs), 100);
  for (const id of ids) {
    await store.queue.enqueue(id);
    await store.cases.markEnqueued(id, now.toISOString());
  }
  return ids.length;
}
