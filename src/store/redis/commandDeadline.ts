/**
 * A deadline on every Redis command, checked by one timer. node-redis's own per-command timeout
 * (5 s by default) arms an `AbortSignal.timeout` per command — a timer each, and a DOMException
 * each when that timer fires 5 s later, whether or not the reply came long before. At two or
 * three commands per turn that was about a sixth of a turn's CPU in the bench. Here the client
 * runs without it, and a command still unanswered after `timeoutMs` is rejected (the caller
 * sees an error, as before) by a sweep every `timeoutMs / 4`.
 */
interface Pending {
  due: number;
  reject: (err: Error) => void;
}

/** Thrown when Redis has not answered a command in time. */
export class RedisCommandTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = 'RedisCommandTimeoutError';
  }
}

/** Wraps a node-redis client (or cluster) so its promise-returning methods reject after `timeoutMs`. */
export function withCommandDeadline<T extends object>(
  client: T,
  timeoutMs: number,
): { client: T; stop: () => void } {
  const pending = new Set<Pending>();
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const p of pending) {
        if (p.due > now) continue;
        pending.delete(p);
        p.reject(new RedisCommandTimeoutError(timeoutMs));
      }
    },
    Math.max(50, Math.floor(timeoutMs / 4)),
  );
  sweep.unref();
  const wrapped = new Map<PropertyKey, unknown>();
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const cached = wrapped.get(prop);
      if (cached) return cached;
      const fn = value as (...args: unknown[]) => unknown;
      const wrapper = (...args: unknown[]): unknown => {
        const result = fn.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return new Promise((resolve, reject) => {
          const entry: Pending = { due: Date.now() + timeoutMs, reject };
          pending.add(entry);
          result.then(
            (v) => {
              pending.delete(entry);
              resolve(v);
            },
            (err: unknown) => {
              pending.delete(entry);
              reject(err instanceof Error ? err : new Error(String(err)));
            },
          );
        });
      };
      wrapped.set(prop, wrapper);
      return wrapper;
    },
  });
  return { client: proxy, stop: () => clearInterval(sweep) };
}
