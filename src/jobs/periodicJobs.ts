import type { Logger } from 'pino';
import { systemClock, type Clock, type ClockTimer } from '../domain/clock.js';

/** A background job: what it does and how often. */
export interface PeriodicJob {
  name: string;
  intervalMs: number;
  /** Delay of the first run after start (default: one interval). */
  firstRunMs?: number;
  /** Does the work; the number it returns (e.g. rows touched) is logged when non-zero. */
  run(now: Date): Promise<number>;
}

/**
 * Runs housekeeping jobs on timers that never keep the process alive; a run never overlaps
 * the previous run of the same job, and a failure is logged and retried next time. Every
 * job must be safe to run in several processes at once.
 */
export class PeriodicJobs {
  private readonly timers: ClockTimer[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: readonly PeriodicJob[],
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Runs one job now (also what the timers call); resolves when it finished. */
  runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    const current = this.running.get(name);
    if (current) return current;
    const run = job
      .run(this.clock.now())
      .then((count) => {
        if (count) this.log.info({ job: name, count }, 'housekeeping job did work');
      })
      .catch((err: unknown) => this.log.warn({ err, job: name }, 'housekeeping job failed'))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  start(): void {
    if (this.timers.length) return;
    for (const job of this.jobs) {
      const first = this.clock
        .setTimeout(() => {
          void this.runNow(job.name);
          this.timers.push(this.clock.setInterval(() => void this.runNow(job.name), job.intervalMs).unref());
        }, job.firstRunMs ?? job.intervalMs)
        .unref();
      this.timers.push(first);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) t.cancel();
    this.timers.length = 0;
    await Promise.all(this.running.values());
  }
}
