import type { Request, Response } from 'express';

/** An open Server-Sent-Events stream. */
export interface SseStream {
  send(event: string, data: unknown): void;
  /** Resolves when the client goes away. */
  closed: Promise<void>;
}

const open = new Set<(retryMs: number) => void>();

/** Default heartbeat: under the 30–60 s idle timeouts of common proxies and load balancers. */
export const HEARTBEAT_MS = 25_000;

/**
 * One timer per heartbeat period for all streams (not one per stream): with ten thousand open
 * widgets that is one wake-up every 25 s writing a comment to each, and no per-stream timer.
 */
const beats = new Map<number, { timer: NodeJS.Timeout; streams: Set<Response> }>();

function beat(res: Response, everyMs: number): () => void {
  let group = beats.get(everyMs);
  if (!group) {
    const streams = new Set<Response>();
    const timer = setInterval(() => {
      for (const r of streams) if (!r.writableEnded) r.write(': ping\n\n');
    }, everyMs);
    timer.unref();
    group = { timer, streams };
    beats.set(everyMs, group);
  }
  const g = group;
  g.streams.add(res);
  return () => {
    g.streams.delete(res);
    if (g.streams.size === 0) {
      clearInterval(g.timer);
      beats.delete(everyMs);
    }
  };
}

/**
 * Ends every open SSE stream of this process with a `retry:` hint (shutdown): clients reconnect
 * after about `retryMs`, to another process behind the load balancer. Returns how many it closed.
 */
export function closeAllSse(retryMs: number): number {
  const closers = [...open];
  for (const close of closers) close(retryMs);
  return closers.length;
}

/**
 * Starts an SSE response: headers for proxies (no buffering), a `retry:` hint, a heartbeat
 * comment every 25 s (so idle proxies keep the connection), and `onClose` when the client
 * disconnects.
 */
export function openSse(
  req: Request,
  res: Response,
  options: { heartbeatMs?: number; onClose?: () => void } = {},
): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 2000\n: connected\n\n');
  const stopBeat = beat(res, options.heartbeatMs ?? HEARTBEAT_MS);
  const shutdown = (retryMs: number) => {
    if (res.writableEnded) return;
    res.end(`retry: ${Math.max(0, Math.round(retryMs))}\n: server restarting\n\n`);
  };
  open.add(shutdown);
  const closed = new Promise<void>((resolve) => {
    req.on('close', () => {
      open.delete(shutdown);
      stopBeat();
      options.onClose?.();
      resolve();
    });
  });
  return {
    send(event, data) {
      if (res.writableEnded) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    closed,
  };
}
