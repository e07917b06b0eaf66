/**
 * An open-loop load for "at a fixed rate" measurements: requests leave at evenly spaced instants
 * whatever the answers do, each on a kept-alive connection, and a request's latency counts from
 * the instant it was due (so a slow answer is not hidden by the next request waiting for it).
 * autocannon's `overallRate` is a per-second budget per connection: every connection spends its
 * budget back to back at the start of each second, so "200 req/s" arrived as a burst of 200
 * requests followed by idle time, and its p99 measured the burst's queue, not a turn.
 */
import { Agent, request } from 'node:http';
import { percentile } from './procs.js';

export interface PacedResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

export interface PacedOptions {
  rate: number;
  durationS: number;
  /** The body and headers of the i-th request. */
  next: (i: number) => { body: string; headers: Record<string, string> };
}

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** POSTs to `url` at `rate` per second for `durationS` seconds; latencies in ms. */
export async function pacedLoad(url: string, options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const interval = 1000 / options.rate;
  const count = Math.round(options.rate * options.durationS);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = options.next(i);
    inFlight.push(
      post(agent, target, body, headers).then((status) => {
        latencies.push(performance.now() - due);
        if (status < 200 || status >= 300) errors++;
      }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rps: count / seconds,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    errors,
    total: count,
  };
}
