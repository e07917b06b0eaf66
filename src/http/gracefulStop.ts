import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../domain/clock.js';
import type { TurnRunner } from '../engine/turnRunner.js';
import { closeAllSse } from './sse.js';

/** What a graceful stop needs of a running kefu. */
export interface StoppableKefu {
  runTurn: Pick<TurnRunner, 'idle' | 'inFlight' | 'releaseLocks'>;
  close(): Promise<void>;
}

/** SSE clients are told to come back after this long (to another process, or this one restarted). */
const SSE_RETRY_MS = 1_000;
/** After the last turn, answers still being written get this long to reach their clients. */
const FLUSH_MS = 1_000;

/**
 * Graceful shutdown for SIGTERM (deploys, scale-in): stop accepting connections, answer requests
 * already in on keep-alive connections with `Connection: close`, end event streams with a `retry:`
 * hint, let running turns finish for up to `graceMs`, release the conversation locks of any turn
 * still running after that, close the queue worker and the store, then exit.
 */
export function gracefulStop(deps: {
  server: Server;
  kefu: StoppableKefu;
  log: Logger;
  graceMs: number;
  exit?: (code: number) => void;
  clock?: Clock;
}): (signal: string) => Promise<void> {
  const { server, kefu, log } = deps;
  const clock = deps.clock ?? systemClock;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  server.prependListener('request', (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
  });
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const started = clock.nowMs();
    log.info({ signal, inFlight: kefu.runTurn.inFlight(), graceMs: deps.graceMs }, 'kefu stopping');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const streams = closeAllSse(SSE_RETRY_MS);
    server.closeIdleConnections();
    try {
      const finished = await kefu.runTurn.idle(deps.graceMs);
      // Let the answers of the last turns flush, closing keep-alive connections as they go idle.
      const flushUntil = Math.min(clock.nowMs() + FLUSH_MS, started + Math.max(deps.graceMs, FLUSH_MS));
      let flushed = false;
      void closed.then(() => (flushed = true));
      while (!flushed && clock.nowMs() < flushUntil) {
        server.closeIdleConnections();
        await clock.sleep(50);
      }
      server.closeAllConnections();
      const left = kefu.runTurn.inFlight();
      if (!finished) log.warn({ cutOff: left }, 'grace period over: turns still running are cut off');
      await kefu.runTurn.releaseLocks();
      await kefu.close();
      log.info({ streams, ms: clock.nowMs() - started, cutOff: finished ? 0 : left }, 'kefu stopped');
      exit(0);
    } catch (err) {
      log.error({ err }, 'error while stopping');
      exit(1);
    }
  };
}
