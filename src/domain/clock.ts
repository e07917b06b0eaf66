/** A pending timer of a Clock. */
export interface ClockTimer {
  cancel(): void;
  /** Lets the process exit while the timer is pending (Node's `unref`); returns the timer. */
  unref(): ClockTimer;
}

/**
 * Extension point: the one source of time. Everything that reads the time or waits takes a
 * Clock, so tests can control it (`test/helpers/manualClock.ts`) instead of sleeping.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The current instant in milliseconds since the epoch (`now().getTime()`). */
  nowMs(): number;
  setTimeout(run: () => void, ms: number): ClockTimer;
  setInterval(run: () => void, ms: number): ClockTimer;
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>;
}

const nodeTimer = (handle: NodeJS.Timeout, clear: (h: NodeJS.Timeout) => void): ClockTimer => {
  const timer: ClockTimer = {
    cancel: () => clear(handle),
    unref: () => {
      handle.unref();
      return timer;
    },
  };
  return timer;
};

/** Wall-clock time and Node's timers. */
export const systemClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
  setTimeout: (run, ms) => nodeTimer(setTimeout(run, ms), clearTimeout),
  setInterval: (run, ms) => nodeTimer(setInterval(run, ms), clearInterval),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
