import cluster, { type Worker } from 'node:cluster';

/** What the primary process needs to run the workers. */
export interface PrimaryOptions {
  workers: number;
  /** Extra environment for every worker (e.g. the dev agent token, so all workers accept it). */
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** A worker that dies this soon after starting counts as a failed start (default 10 s). */
  minUptimeMs?: number;
}

/**
 * The primary of `WORKERS=n` (node:cluster): forks n workers that share the listening port (the
 * primary hands connections round-robin), replaces a worker that dies, and on SIGTERM/SIGINT
 * passes the signal on so each worker stops gracefully (turns finish, streams get a retry hint),
 * then exits. Workers that keep failing to start (n failed starts in a row) stop the primary
 * with exit code 1 instead of restarting forever. Returns when the workers are forked.
 */
export function runPrimary(options: PrimaryOptions): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const minUptimeMs = options.minUptimeMs ?? 10_000;
  let stopping = false;
  let failedStarts = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(options.env ?? {}), Date.now());

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    failedStarts = uptime < minUptimeMs ? failedStarts + 1 : 0;
    if (failedStarts >= options.workers) {
      log(`kefu: workers keep exiting at start-up (last: code ${code ?? signal}); giving up`);
      process.exit(1);
    }
    log(`kefu: worker ${worker.process.pid} exited (${code ?? signal}); starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of startedAt.keys()) worker.process.kill(signal);
    if (startedAt.size === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < options.workers; i++) fork();
  log(`kefu: primary ${process.pid} started ${options.workers} workers sharing one port`);
}

/** True in the primary of a multi-worker start: it forks and does not serve itself. */
export const isClusterPrimary = (workers: number): boolean => workers > 1 && cluster.isPrimary;
