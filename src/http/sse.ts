import type { Request, Response } from 'express';

/** An open Server-Sent-Events stream. */
export interface SseStream {
  send(event: string, data: unknown): void;
  /** Resolves when the client goes away. */
  closed: Promise<void>;
}

const open = new Set<(retryMs: number) => void>();

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
 * comment every 15 s, and `onClose` when the client disconnects.
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
  const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const shutdown = (retryMs: number) => {
    if (res.writableEnded) return;
    res.end(`retry: ${Math.max(0, Math.round(retryMs))}\n: server restarting\n\n`);
  };
  open.add(shutdown);
  const closed = new Promise<void>((resolve) => {
    req.on('close', () => {
      open.delete(shutdown);
      clearInterval(heartbeat);
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
