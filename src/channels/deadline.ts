import { systemClock, type Clock, type ClockTimer } from '../domain/clock.js';

/** The outcome of racing work against a deadline. */
export type Raced<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms`. The platform webhooks (WeChat, Weibo) answer within their
 * 5-second limit this way and deliver late replies through the platform's API instead.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  clock: Clock = systemClock,
): Promise<Raced<T>> {
  let timer: ClockTimer | undefined;
  const deadline = new Promise<Raced<T>>((resolve) => {
    timer = clock.setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ done: true, value })), deadline]);
  } finally {
    timer?.cancel();
  }
}
