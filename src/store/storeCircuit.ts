import { StoreUnavailableError } from '../errors.js';

/** How a StoreCircuit recognizes an outage and checks whether the store is back. */
export interface StoreCircuitOptions {
  /** True for errors meaning "the store cannot be reached" (not a bad command or a bad value). */
  isOutage(err: unknown): boolean;
  /** One cheap round trip (Redis PING); resolves when the store answers. */
  probe(): Promise<void>;
  /**
   * A call (or probe) unanswered after this long counts as an outage (default 1000 ms). The
   * Redis client cannot time out a command already sent, so the deadline is kept here — the one
   * bound on store calls (the Redis clients run without node-redis's per-command timeout).
   */
  timeoutMs?: number;
  /** How often the store is probed while it is down (default 250 ms). */
  probeIntervalMs?: number;
  /** `Retry-After` given to callers while the store is down (default 2 s). */
  retryAfterSeconds?: number;
  /** Told once when the store goes down (with the error) and once when it is back. */
  onChange?(available: boolean, err?: unknown): void;
}

/** A call waiting for its answer, and how to fail it when `due` passes. */
interface PendingCall {
  due: number;
  reject: () => void;
}

/** A call that got no answer within the circuit's deadline. */
class StoreTimeoutError extends Error {
  constructor(ms: number) {
    super(`the store did not answer within ${ms} ms`);
  }
}

/**
 * A circuit breaker in front of a store. The first outage error opens it; while it is open every
 * call fails at once with StoreUnavailableError instead of waiting on a dead connection; a
 * background probe closes it as soon as the store answers again (recovery without a restart).
 * Errors that are not outages pass through unchanged.
 */
export class StoreCircuit {
  private down: { since: number; error: unknown } | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Calls waiting for an answer, checked against their deadline by `sweepTimer`. */
  private readonly pending = new Set<PendingCall>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private inFlightProbe: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: StoreCircuitOptions) {}

  /** False from the first outage error until a probe succeeds. */
  get available(): boolean {
    return !this.down;
  }

  /** Runs `fn` unless the store is known to be down; outage errors become StoreUnavailableError. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.down) throw this.unavailable(this.down.error);
    try {
      return await this.withDeadline(fn());
    } catch (err) {
      throw this.translate(err);
    }
  }

  /**
   * Probes the store now (readiness checks): resolves when it answers (closing the circuit),
   * throws StoreUnavailableError when it does not.
   */
  async check(): Promise<void> {
    try {
      await this.probe();
    } catch (err) {
      throw this.translate(err, true);
    }
    this.recover();
  }

  /**
   * The same port with every method run through `call`. Every method of a port must return a
   * Promise (all storage ports do); other properties are passed through.
   */
  guard<T extends object>(port: T): T {
    const wrapped = new Map<PropertyKey, unknown>();
    return new Proxy(port, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        let fn = wrapped.get(prop);
        if (!fn) {
          fn = (...args: unknown[]): Promise<unknown> =>
            this.call(() => Promise.resolve(Reflect.apply(value, target, args) as unknown));
          wrapped.set(prop, fn);
        }
        return fn;
      },
    });
  }

  /** Stops probing (the store is being closed). */
  dispose(): void {
    this.closed = true;
    this.stopProbing();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /**
   * Rejects `promise` with StoreTimeoutError once it is unanswered past the deadline. The
   * deadlines are checked by one sweep timer (every quarter of the deadline) rather than a timer
   * per call: a turn makes a few store calls, and a timer each was a measurable part of its CPU
   * (issue 13). A call therefore fails between 1 and 1.25 deadlines after it started.
   */
  private withDeadline<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.timeoutMs ?? 1000;
    return new Promise<T>((resolve, reject) => {
      const entry: PendingCall = { due: Date.now() + ms, reject: () => reject(new StoreTimeoutError(ms)) };
      this.pending.add(entry);
      this.startSweep(ms);
      promise.then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (err: Error) => {
          this.pending.delete(entry);
          reject(err);
        },
      );
    });
  }

  private startSweep(ms: number): void {
    if (this.sweepTimer || this.closed) return;
    this.sweepTimer = setInterval(
      () => {
        const now = Date.now();
        for (const entry of this.pending) {
          if (entry.due > now) continue;
          this.pending.delete(entry);
          entry.reject();
        }
      },
      Math.max(10, Math.floor(ms / 4)),
    );
    this.sweepTimer.unref();
  }

  /** One probe at a time: a probe still waiting on a frozen store is shared, not repeated. */
  private probe(): Promise<void> {
    this.inFlightProbe ??= this.options.probe().finally(() => {
      this.inFlightProbe = undefined;
    });
    return this.withDeadline(this.inFlightProbe);
  }

  private translate(err: unknown, always = false): unknown {
    if (err instanceof StoreUnavailableError) return err;
    if (!always && !(err instanceof StoreTimeoutError) && !this.options.isOutage(err)) return err;
    this.trip(err);
    return this.unavailable(err);
  }

  private unavailable(cause: unknown): StoreUnavailableError {
    return new StoreUnavailableError(undefined, {
      cause,
      retryAfterSeconds: this.options.retryAfterSeconds ?? 2,
    });
  }

  private trip(err: unknown): void {
    if (this.down || this.closed) return;
    this.down = { since: Date.now(), error: err };
    this.options.onChange?.(false, err);
    this.probeTimer = setInterval(() => void this.probeOnce(), this.options.probeIntervalMs ?? 250);
    this.probeTimer.unref();
  }

  private async probeOnce(): Promise<void> {
    if (!this.down) return;
    try {
      await this.probe();
      this.recover();
    } catch {
      // still down: the next tick tries again
    }
  }

  private recover(): void {
    if (!this.down) return;
    this.down = undefined;
    this.stopProbing();
    this.options.onChange?.(true);
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }
}
