import { systemClock, type Clock, type ClockTimer } from '../../src/domain/clock.js';

interface Pending {
  at: number;
  seq: number;
  run: () => void;
  every?: number;
}

/**
 * A Clock that moves only when told (`advance`): timers and sleeps that fall due run in time
 * order, with the clock showing their due time. Starts at `start` (default 2026-11-25 10:00 Beijing).
 */
export class ManualClock implements Clock {
  private ms: number;
  private seq = 0;
  private readonly pending = new Set<Pending>();

  constructor(start: Date | string = '2026-11-25T10:00:00+08:00') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  setTimeout(run: () => void, ms: number): ClockTimer {
    return this.schedule({ at: this.ms + Math.max(0, ms), seq: ++this.seq, run });
  }

  setInterval(run: () => void, ms: number): ClockTimer {
    const every = Math.max(1, ms);
    return this.schedule({ at: this.ms + every, seq: ++this.seq, run, every });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Moves time forward by `ms`, running what falls due; lets promises settle between timers. */
  async advance(ms: number): Promise<void> {
    const until = this.ms + ms;
    for (;;) {
      const next = [...this.pending]
        .filter((p) => p.at <= until)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.ms = next.at;
      if (next.every) next.at += next.every;
      else this.pending.delete(next);
      next.run();
      await settle();
    }
    this.ms = until;
    await settle();
  }

  /**
   * Moves time forward by `ms` the way a suspended process sees it: every timer due by then runs
   * once (late), intervals are rescheduled from the new time.
   */
  async jump(ms: number): Promise<void> {
    this.ms += ms;
    const due = [...this.pending].filter((p) => p.at <= this.ms).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const p of due) {
      if (p.every) p.at = this.ms + p.every;
      else this.pending.delete(p);
      p.run();
    }
    await settle();
  }

  private schedule(p: Pending): ClockTimer {
    this.pending.add(p);
    const timer: ClockTimer = { cancel: () => this.pending.delete(p), unref: () => timer };
    return timer;
  }
}

/** Lets pending promise callbacks (and the I/O they start on a memory store) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that reads the time from `now` (a test moves it by reassigning a variable) and waits
 * with real timers: for tests that set the date, not the pace.
 */
export function clockAt(now: () => Date): Clock {
  return { ...systemClock, now, nowMs: () => now().getTime() };
}
