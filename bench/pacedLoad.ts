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
  /** Latency percentiles (ms) of the answered (2xx) requests. */
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** How late requests left (ms, p99): the load generator's own delay, which the latencies include. */
  sendLagP99: number;
}

export interface PacedOptions {
  rate: number;
  durationS: number;
  /** The body and headers of the i-th request. */
  next: (i: number) => { body: string; headers: Record<string, string> };
}

/** A request unanswered after this long counts as an error (and the run does not hang on it). */
const TIMEOUT_MS = 10_000;

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        timeout: TIMEOUT_MS,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy(new Error('timed out')));
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
  const lags: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A timer may fire a little early (then the latency counts from the send, not from `due`)
    // or late (then from `due`: the wait is part of what a user would see). No busy-waiting:
    // the generator shares the cores with the servers.
    const sent = performance.now();
    const from = Math.min(due, sent);
    lags.push(Math.max(0, sent - due));
    const { body, headers } = options.next(i);
    inFlight.push(
      post(agent, target, body, headers).then((status) => {
        if (status >= 200 && status < 300) latencies.push(performance.now() - from);
        else errors++;
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
    sendLagP99: round(percentile(lags, 99)),
  };
}
