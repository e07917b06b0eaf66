/**
 * Processes for the bench: a private redis-server (its CPU is ours alone on a shared machine),
 * server processes started with plain `node` (so the pid is the server itself), and CPU time and
 * RSS read from /proc. kefu runs as it ships: compiled by `tsc` to dist/ and started as
 * `node dist/server.js` with NODE_ENV=production, as the Docker image does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivateRedis } from '../test/helpers/privateRedis.js';

const ROOT = join(import.meta.dirname, '..');
/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = 100;

let built = false;

/**
 * kefu's entry point as it ships: `tsc -p tsconfig.build.json` into dist/ (once per bench run),
 * so the numbers are not those of tsx's on-the-fly transform and its per-closure name helpers.
 * `BENCH_TSX=1` runs src/server.ts under tsx instead (no build).
 */
export function kefuEntry(): string {
  if (process.env.BENCH_TSX === '1') return 'src/server.ts';
  if (!built) {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  }
  return 'dist/server.js';
}

/** Environment of a kefu server in the bench: production mode, as in the Docker image. */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  // Production refuses to start without agent tokens; the bench never calls the agent API.
  AGENT_TOKENS: 'bench:bench-agent-token-0123456789abcdef',
  SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
};

/** A redis-server of the bench's own on a free port (no persistence). */
export async function startRedis(): Promise<{ url: string; pid: number; stop: () => void }> {
  const redis = await PrivateRedis.start(['--maxclients', '20000']);
  return { url: redis.url, pid: redis.pid, stop: () => void redis.stop('SIGTERM') };
}

/**
 * Starts `entry` as a server process and waits for `ready` to find its port in stdout. JavaScript
 * and TypeScript with only erasable syntax run on Node's own loader; `src/…` (which imports with
 * `.js` suffixes) runs under tsx.
 */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; pid: number; port: number; stop: () => Promise<void> }> {
  const loader = entry.startsWith('src/') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 60 s: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
  return {
    child,
    pid: child.pid ?? 0,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function stat(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The pid and all its descendants (node:cluster workers), from /proc. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const fields = stat(pid);
    const ppid = Number(fields?.[1]);
    if (!fields || !ppid) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of parents.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** User + system CPU seconds used so far by these processes (their own, not reaped children's). */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = stat(pid);
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, i.e. 11 and 12 after ") ".
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Resident set size in MB of these processes (VmRSS). */
export function rssMb(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length % 2 === 1) return s[mid] ?? NaN;
  return ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** V8 heap in use (MB), from a kefu server's /metrics. */
export async function heapUsedMb(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
}
