import { systemClock, type Clock, type ClockTimer } from '../domain/clock.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/types.js';
import { publishAgentEvent } from './agentEvents.js';

/** Timings of the queue worker; the defaults suit production. */
export interface QueueWorkerOptions {
  /** Poll interval (default 250 ms). */
  intervalMs?: number;
  /** Entries another worker took but never acked are reclaimed after this long (default 30 s). */
  reclaimIdleMs?: number;
  /**
   * How often the poll also looks for such entries (default 5 s): XAUTOCLAIM scans the pending
   * list and costs Redis several times a read, and an entry waits `reclaimIdleMs` anyway.
   */
  reclaimEveryMs?: number;
  /** Consumers idle this long with nothing pending are removed from the group (default 10 min). */
  deadConsumerIdleMs?: number;
  /** How often dead consumers are looked for (default 60 s). */
  pruneEveryMs?: number;
  clock?: Clock;
}

/**
 * Drains the new-case queue: each process is one consumer of the group; every new case still
 * waiting is announced to agents (pub/sub fans it out to every console) and then acked. Entries a
 * crashed process took but never acked are reclaimed after `reclaimIdleMs`; consumers of
 * processes that are gone are removed once they hold nothing. A lost consumer group is
 * recreated by the queue itself (RedisCaseQueue), so polling recovers on its own.
 */
export class CaseQueueWorker {
  private timer: ClockTimer | undefined;
  private running: Promise<void> | undefined;
  private readonly clock: Clock;
  private lastPrune: number;
  private lastReclaim = -Infinity;
  private failing = false;
  readonly consumer = `kefu-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: QueueWorkerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.lastPrune = this.clock.nowMs();
  }

  /** True between start() and stop() (readiness). */
  get isRunning(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.timer = this.clock.setInterval(() => {
      this.running ??= this.tick()
        .then(() => {
          if (this.failing) this.log.info('case queue poll recovered');
          this.failing = false;
        })
        .catch((err: unknown) => {
          // Log the first failure of a run, not one line every 250 ms.
          if (!this.failing) this.log.warn({ err }, 'case queue poll failed');
          this.failing = true;
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs ?? 250);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = this.clock.nowMs();
    const reclaim = now - this.lastReclaim >= (this.options.reclaimEveryMs ?? 5_000);
    if (reclaim) this.lastReclaim = now;
    await this.drain({ reclaim });
    if (this.clock.nowMs() - this.lastPrune >= (this.options.pruneEveryMs ?? 60_000)) {
      this.lastPrune = this.clock.nowMs();
      await this.pruneDeadConsumers();
    }
  }

  /**
   * Announces every waiting entry, and unless `reclaim` is false first takes over the entries
   * other consumers left unacked for `reclaimIdleMs` (also callable directly, e.g. in tests).
   */
  async drain({ reclaim = true }: { reclaim?: boolean } = {}): Promise<number> {
    const entries = [
      ...(reclaim
        ? await this.store.queue.reclaim(this.consumer, this.options.reclaimIdleMs ?? 30_000, 50)
        : []),
      ...(await this.store.queue.read(this.consumer, 50)),
    ];
    let announced = 0;
    for (const entry of entries) {
      // A re-delivered or re-queued entry of a case someone already took is acked silently.
      const c = await this.store.cases.get(entry.caseId);
      if (!c || c.status === 'queued') {
        await publishAgentEvent(this.store.pubsub, { type: 'case_created', caseId: entry.caseId });
        announced += 1;
      }
      await this.store.queue.ack(entry.entryId);
    }
    return announced;
  }

  /** Removes consumers of workers that are gone (idle, nothing pending); returns their names. */
  async pruneDeadConsumers(): Promise<string[]> {
    const removed = await this.store.queue.removeIdleConsumers(
      this.options.deadConsumerIdleMs ?? 10 * 60_000,
      this.consumer,
    );
    if (removed.length) this.log.info({ removed }, 'removed dead case-queue consumers');
    return removed;
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.running;
  }
}
