import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { requeueStrandedCases } from '../handoff/caseSweeper.js';
import { applyRetention } from '../privacy/retention.js';
import type { Store } from '../store/types.js';
import { PeriodicJobs } from './periodicJobs.js';

/**
 * kefu's housekeeping, every job safe in several processes at once: re-queue cases whose id never
 * reached the queue, delete uploads no case cites, anonymize resolved cases past the retention.
 */
export function housekeepingJobs(
  store: Store,
  retentionDays: number,
  log: Logger,
  clock: Clock,
): PeriodicJobs {
  return new PeriodicJobs(
    [
      {
        name: 'requeue-stranded-cases',
        intervalMs: 30_000,
        firstRunMs: 5_000,
        run: (at) => requeueStrandedCases(store, at),
      },
      {
        name: 'unattached-uploads',
        intervalMs: 3600_000,
        firstRunMs: 60_000,
        run: (at) => store.uploads.sweepUnattached(at),
      },
      {
        name: 'retention',
        intervalMs: 24 * 3600_000,
        firstRunMs: 120_000,
        run: (at) => applyRetention(store, retentionDays, at),
      },
    ],
    log,
    clock,
  );
}
