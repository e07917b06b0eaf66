import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/types.js';
import { publishAgentEvent } from './agentEvents.js';

/**
 * Drains the new-case queue: each process is one consumer of the group; every new case is
 * announced to agents once (pub/sub fans it out to every console) and then acked. Entries a
 * crashed process took but never acked are reclaimed after `reclaimIdleMs`.
 */
export class CaseQueueWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  readonly consumer = `kefu-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: { intervalMs?: number; reclaimIdleMs?: number } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.log.warn({ err }, 'case queue poll failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs ?? 250);
    this.timer.unref();
  }

  /** Announces every waiting entry (also callable directly, e.g. in tests). */
  async drain(): Promise<number> {
    const entries = [
      ...(await this.store.queue.reclaim(this.consumer, this.options.reclaimIdleMs ?? 30_000, 50)),
      ...(await this.store.queue.read(this.consumer, 50)),
    ];
    for (const entry of entries) {
      await publishAgentEvent(this.store.pubsub, { type: 'case_created', caseId: entry.caseId });
      await this.store.queue.ack(entry.entryId);
    }
    return entries.length;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
