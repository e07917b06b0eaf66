/**
 * HTTP part of `npm run bench`, all against a private redis-server:
 *  - CPU per request (user + system of the server process(es) and of redis-server, from /proc)
 *    over a fixed number of requests, kefu vs a bare express + node-redis server (one GET + one
 *    SET), alternated and repeated; throughput and latency beside it;
 *  - p99 of a turn at a fixed 200 req/s (not saturated; evenly paced by pacedLoad.ts);
 *  - WORKERS=2 vs 1 (throughput and CPU per request, saturated).
 * kefu runs as it ships (compiled, NODE_ENV=production; procs.ts), answering the FAQ eval
 * questions in turn rather than one question over and over.
 * The load generator's own CPU is not counted: on a 2-core machine it competes with the
 * servers, which is why throughput alone is a poor measure here.
 */
import autocannon from 'autocannon';
import { loadEvalSet } from '../test/eval/evaluate.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { FaqIndex } from '../src/knowledge/faqIndex.js';
import { RuleNlu } from '../src/nlu/ruleNlu.js';
import {
  PRODUCTION_ENV,
  cpuSeconds,
  kefuEntry,
  median,
  processTree,
  startRedis,
  startServer,
} from './procs.js';
import { pacedLoad } from './pacedLoad.js';

/**
 * The FAQ eval questions the bot answers from the knowledge base (not those it reads as a stated
 * problem, which start a complaint, nor the out-of-scope ones), sent in turn: a conversation
 * stays a run of FAQ turns however the questions fall on its users, and each request's text
 * differs from the one before, so the NLU's per-message memos (one message normalized and
 * tokenized once a turn) help only within a turn, as they would with real visitors.
 */
function faqQuestions(): string[] {
  const kb = loadKnowledge();
  const nlu = new RuleNlu(new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope }));
  return loadEvalSet()
    .map((item) => item.q)
    .filter((q) => {
      const reading = nlu.interpretSync(q, { locale: 'zh-CN', filled: [] });
      return reading.intent === 'faq' && reading.faqId !== undefined;
    });
}
const QUESTIONS = faqQuestions();
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
/** How long each server is watched doing nothing, for the idle CPU subtracted at a fixed rate. */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
/** More users than connections, so two requests of one conversation seldom meet at its lock. */
const USERS = 500;

type Server = Awaited<ReturnType<typeof startServer>>;

/** Cumulative counts of kefu_turn_duration_seconds (web) by bucket bound, from /metrics. */
async function turnBuckets(base: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(/^kefu_turn_duration_seconds_bucket\{le="([^"]+)",channel="web"\} (\d+)/gm))
    buckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  return buckets;
}

/** The smallest bucket bound (ms) under which 99 % of the turns between two snapshots finished. */
function p99Bound(before: Map<number, number>, after: Map<number, number>): string {
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const [le, n] of [...after].sort((a, b) => a[0] - b[0])) {
    if (n - (before.get(le) ?? 0) >= 0.99 * total) return le === Infinity ? '> 5000' : `≤ ${le * 1000}`;
  }
  return '?';
}

async function startKefu(redisUrl: string, workers = 1): Promise<Server> {
  return startServer(
    kefuEntry(),
    {
      ...PRODUCTION_ENV,
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `bench:${Date.now()}:`,
      LOG_LEVEL: 'warn',
      WEB_RATE_LIMIT_PER_MINUTE: '100000000',
      WORKERS: String(workers),
    },
    /kefu listening on port (\d+)/,
  );
}

async function sessions(base: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

/** autocannon POSTing the questions in turn; each request signed by the next user's token (if any). */
async function load(
  url: string,
  tokens: readonly string[],
  opts: { amount?: number; duration?: number; connections?: number },
): Promise<LoadResult> {
  const nth = nthRequest(tokens);
  let sent = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: opts.connections ?? CONNECTIONS,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION_S }),
    requests: [
      {
        setupRequest: (req) => {
          const { body, headers } = nth(sent++);
          return { ...req, body, headers: { ...req.headers, ...headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

/** The i-th request of a load: the questions in turn, signed by the users' tokens in turn (if any). */
function nthRequest(tokens: readonly string[]) {
  const bodies = QUESTIONS.map((text) => JSON.stringify({ text }));
  return (i: number) => ({
    body: bodies[i % bodies.length] ?? '{}',
    headers: {
      'content-type': 'application/json',
      ...(tokens.length ? { authorization: `Bearer ${tokens[i % tokens.length] ?? ''}` } : {}),
    },
  });
}

/** Runs the load and measures CPU µs per request of the server tree and of redis-server. */
async function measured<R extends LoadResult>(server: Server, redisPid: number, run: () => Promise<R>) {
  const pids = processTree(server.pid);
  const s0 = cpuSeconds(pids);
  const r0 = cpuSeconds([redisPid]);
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  const server_ = cpuSeconds(pids) - s0;
  const redis = cpuSeconds([redisPid]) - r0;
  const n = Math.max(1, result.total);
  return {
    ...result,
    seconds,
    serverUs: (server_ / n) * 1e6,
    redisUs: (redis / n) * 1e6,
    totalUs: ((server_ + redis) / n) * 1e6,
  };
}

/** CPU seconds per second of the server tree and of redis-server while nothing is sent. */
async function idleRate(server: Server, redisPid: number, ms = IDLE_MS) {
  const pids = processTree(server.pid);
  const s0 = cpuSeconds(pids);
  const r0 = cpuSeconds([redisPid]);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return {
    server: (cpuSeconds(pids) - s0) / (ms / 1000),
    redis: (cpuSeconds([redisPid]) - r0) / (ms / 1000),
  };
}

/** CPU µs per request minus what the processes spend idle over the same time (timers, polls). */
function netOfIdle(m: Awaited<ReturnType<typeof measured>>, idle: { server: number; redis: number }) {
  const n = Math.max(1, m.total);
  return m.totalUs - (((idle.server + idle.redis) * m.seconds) / n) * 1e6;
}

const fmt = (name: string, m: Awaited<ReturnType<typeof measured>>) =>
  `  ${name.padEnd(20)} CPU/request ${m.totalUs.toFixed(0).padStart(4)} µs (server ${m.serverUs.toFixed(0)} + redis ${m.redisUs.toFixed(0)})` +
  `   ${m.rps.toFixed(0).padStart(5)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  (${m.total} requests, ${m.errors} errors)`;

export async function runHttpBench(parts: Set<string>): Promise<void> {
  const redis = await startRedis();
  try {
    if (parts.has('cpu') || parts.has('rate')) {
      const kefu = await startKefu(redis.url);
      const bare = await startServer(
        'bench/bareServer.ts',
        { PORT: '0', REDIS_URL: redis.url },
        /"port":(\d+)/,
      );
      try {
        const base = `http://127.0.0.1:${kefu.port}`;
        const tokens = await sessions(base, USERS);
        const kefuUrl = `${base}/api/web/messages`;
        const bareUrl = `http://127.0.0.1:${bare.port}/api/web/messages`;
        // Warm-up (JIT, connections, scripts loaded in Redis).
        await load(kefuUrl, tokens, { amount: 3000 });
        await load(bareUrl, [], { amount: 3000 });
        if (parts.has('cpu')) {
          console.log(
            `\nCPU per request (${REQUESTS} POSTs of the ${QUESTIONS.length} FAQ eval questions in turn, ${CONNECTIONS} connections, ${ROUNDS} rounds)`,
          );
          const ratios: number[] = [];
          for (let round = 1; round <= ROUNDS; round++) {
            const b = await measured(bare, redis.pid, () => load(bareUrl, [], { amount: REQUESTS }));
            const k = await measured(kefu, redis.pid, () => load(kefuUrl, tokens, { amount: REQUESTS }));
            console.log(fmt(`bare (round ${round})`, b));
            console.log(fmt(`kefu (round ${round})`, k));
            ratios.push(b.totalUs / k.totalUs);
          }
          console.log(
            `  bare ÷ kefu CPU per request: ${ratios.map((r) => r.toFixed(2)).join(', ')}  median ${median(ratios).toFixed(2)}  (target ≥ 0.6)`,
          );
        }
        if (parts.has('rate')) {
          // At a fixed, unsaturated rate neither server can spread a syscall or a Redis write over
          // several requests, which flatters the bare server at full load. Requests are paced
          // evenly (pacedLoad.ts), not in autocannon's per-second bursts.
          const paced = (url: string, withTokens: boolean) => () =>
            pacedLoad(url, { rate: 200, durationS: DURATION_S, next: nthRequest(withTokens ? tokens : []) });
          const bareIdle = await idleRate(bare, redis.pid);
          const b = await measured(bare, redis.pid, paced(bareUrl, false));
          const kefuIdle = await idleRate(kefu, redis.pid);
          const b0 = await turnBuckets(base);
          const r = await measured(kefu, redis.pid, paced(kefuUrl, true));
          const serverP99 = p99Bound(b0, await turnBuckets(base));
          const idleMs = (i: { server: number; redis: number }) =>
            `idle ${(i.server * 1000).toFixed(1)} ms/s + redis ${(i.redis * 1000).toFixed(1)} ms/s`;
          console.log(`\nAt a fixed 200 req/s for ${DURATION_S} s (not saturated; evenly paced, latency from the instant each request was due)`);
          console.log(fmt('bare @200 req/s', b));
          console.log(fmt('kefu @200 req/s', r));
          const [bNet, kNet] = [netOfIdle(b, bareIdle), netOfIdle(r, kefuIdle)];
          console.log(
            `  net of idle (bare ${idleMs(bareIdle)}; kefu ${idleMs(kefuIdle)}): bare ${bNet.toFixed(0)} µs, kefu ${kNet.toFixed(0)} µs per request`,
          );
          console.log(
            `  bare ÷ kefu CPU per request at 200 req/s: ${(b.totalUs / r.totalUs).toFixed(2)} as measured, ${(bNet / kNet).toFixed(2)} net of idle  (target ≥ 0.6)`,
          );
          console.log(
            `  kefu p99 ${r.p99} ms at the client (target < 10 ms; requests left up to ${r.sendLagP99} ms late, p99); inside the server, p99 of a turn (lock held → committed) ${serverP99} ms`,
          );
        }
      } finally {
        await Promise.all([kefu.stop(), bare.stop()]);
      }
    }
    if (parts.has('workers')) {
      console.log(
        `\nWORKERS (saturated, ${CONNECTIONS} connections, ${DURATION_S} s each; the load generator shares the cores)`,
      );
      const results: number[] = [];
      for (const workers of [1, 2]) {
        const kefu = await startKefu(redis.url, workers);
        try {
          const base = `http://127.0.0.1:${kefu.port}`;
          const tokens = await sessions(base, USERS);
          await load(`${base}/api/web/messages`, tokens, { amount: 3000 });
          const m = await measured(kefu, redis.pid, () =>
            load(`${base}/api/web/messages`, tokens, { duration: DURATION_S }),
          );
          console.log(fmt(`kefu WORKERS=${workers}`, m));
          results.push(m.rps);
        } finally {
          await kefu.stop();
        }
      }
      console.log(
        `  2 workers ÷ 1 worker throughput: ${((results[1] ?? 0) / (results[0] ?? 1)).toFixed(2)}×`,
      );
    }
  } finally {
    redis.stop();
  }
}
