/**
 * `npm run bench`: kefu (Redis mode) vs a bare express + redis server under autocannon
 * (50 connections, 10 s each), retrieval latency on the real and a 10,000-entry knowledge base,
 * and the WeChat webhook under a slow turn. Prints numbers; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { FaqIndex } from '../src/knowledge/faqIndex.js';
import { loadEvalSet } from '../test/eval/evaluate.js';
import { measureRetrieval, syntheticEntries } from './retrievalBench.js';

const ROOT = join(import.meta.dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
const QUESTION = '天猫投诉电话打过去要收费吗？';

/** Starts a TypeScript entry point as a child process and waits until `ready` says its port. */
async function startChild(
  entry: string,
  env: Record<string, string>,
  ready: (line: string) => number | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        const port = ready(line);
        if (port) {
          child.stdout?.off('data', onData);
          resolve({ child, port });
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', () => undefined);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    setTimeout(() => reject(new Error(`${entry} did not start in 30 s`)), 30_000).unref();
  });
}

/** autocannon against `url`; with tokens, each request is signed by the next user's token (50 users chatting). */
async function load(url: string, tokens: readonly string[], body: string) {
  let next = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: tokens.length
      ? [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length] ?? ''}` },
            }),
          },
        ]
      : undefined,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

async function httpBench(): Promise<void> {
  const kefu = await startChild(
    'src/server.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL,
      REDIS_KEY_PREFIX: `bench:${Date.now()}:`,
      LOG_LEVEL: 'warn',
      WEB_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    (line) => {
      const m = /kefu listening on port (\d+)/.exec(line);
      return m ? Number(m[1]) : undefined;
    },
  );
  const bare = await startChild('bench/bareServer.ts', { PORT: '0', REDIS_URL }, (line) => {
    const m = /"port":(\d+)/.exec(line);
    return m ? Number(m[1]) : undefined;
  });
  try {
    const base = `http://127.0.0.1:${kefu.port}`;
    const tokens: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const res = await fetch(`${base}/api/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const body = JSON.stringify({ text: QUESTION });
    const check = (await (
      await fetch(`${base}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0] ?? ''}` },
        body,
      })
    ).json()) as { replies: { source?: string }[] };
    console.log(`kefu answers the bench question from: ${check.replies[0]?.source ?? '(no source!)'}`);
    const k = await load(`${base}/api/web/messages`, tokens, body);
    const b = await load(`http://127.0.0.1:${bare.port}/api/web/messages`, [], body);
    console.log(`\nHTTP (${CONNECTIONS} connections, ${DURATION_S} s, POST of a real FAQ question)`);
    console.log(
      `  kefu (redis mode): ${k.rps.toFixed(0)} req/s  p50 ${k.p50} ms  p99 ${k.p99} ms  (${k.total} requests, ${k.errors} errors)`,
    );
    console.log(
      `  bare express+redis: ${b.rps.toFixed(0)} req/s  p50 ${b.p50} ms  p99 ${b.p99} ms  (${b.total} requests, ${b.errors} errors)`,
    );
    console.log(`  ratio kefu/bare: ${(k.rps / b.rps).toFixed(2)}  (target ≥ 0.6)`);
  } finally {
    kefu.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

function retrievalBench(): void {
  const kb = loadKnowledge();
  const queries = loadEvalSet().map((i) => i.q);
  const real = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups });
  const r = measureRetrieval(real, queries, 200);
  console.log(`\nRetrieval latency per query (${queries.length} eval questions)`);
  console.log(
    `  real KB (${kb.entries.length} entries): p50 ${(r.p50 * 1000).toFixed(0)} µs  p99 ${(r.p99 * 1000).toFixed(0)} µs  (target p99 < 0.5 ms; ${r.n} samples)`,
  );
  const t0 = performance.now();
  const big = new FaqIndex([...kb.entries, ...syntheticEntries(kb.entries, 10_000 - kb.entries.length)], {
    synonyms: kb.synonyms.groups,
  });
  const buildMs = performance.now() - t0;
  const s = measureRetrieval(big, queries, 10);
  console.log(
    `  synthetic KB (10,000 entries, built in ${buildMs.toFixed(0)} ms): p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  (target p99 < 5 ms; ${s.n} samples)`,
  );
}

retrievalBench();
await httpBench();
const { runWebhookBench } = await import('./webhookBench.js');
await runWebhookBench();
