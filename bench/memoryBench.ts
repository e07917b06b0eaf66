/**
 * The bounded memory store (part of `npm run bench`): kefu on the in-memory store, 20,000 web
 * sessions (each a greeting turn and one FAQ question) while the server's RSS is sampled. With
 * MEMORY_STORE_MAX_KEYS the conversation states beyond the bound are dropped oldest first, so the
 * V8 heap in use stays flat once the bound is reached instead of growing with every visitor.
 */
import { PRODUCTION_ENV, heapUsedMb, kefuEntry, rssMb, startServer } from './procs.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const MAX_KEYS = Number(process.env.BENCH_MEMORY_MAX_KEYS ?? 5_000);
const PARALLEL = 20;
/** Old-space cap of the server under test (MB). */
const HEAP_CAP_MB = Number(process.env.BENCH_HEAP_CAP_MB ?? 256);

export async function runMemoryBench(): Promise<void> {
  const kefu = await startServer(
    kefuEntry(),
    {
      ...PRODUCTION_ENV,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_RATE_LIMIT_PER_MINUTE: '100000000',
      MEMORY_STORE_MAX_KEYS: String(MAX_KEYS),
    },
    /kefu listening on port (\d+)/,
    // As in a container with a memory limit: V8 sizes its heap to the limit and collects before
    // growing past it. Without a cap on a big machine it defers collection, and RSS creeps with
    // garbage that a GC would free (a heap snapshot after a forced GC shows no growth per visitor
    // beyond the 10,000-token verification cache).
    [`--max-old-space-size=${HEAP_CAP_MB}`],
  );
  try {
    const base = `http://127.0.0.1:${kefu.port}`;
    const samples: string[] = [];
    const oneVisitor = async () => {
      const res = await fetch(`${base}/api/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const { token } = (await res.json()) as { token: string };
      await fetch(`${base}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: '天猫投诉电话多少' }),
      }).then((r) => r.arrayBuffer());
    };
    let done = 0;
    const step = SESSIONS / 8;
    while (done < SESSIONS) {
      await Promise.all(Array.from({ length: PARALLEL }, oneVisitor));
      done += PARALLEL;
      if (done % step === 0)
        samples.push(
          `${done}: ${rssMb([kefu.pid]).toFixed(0)} MB (heap ${(await heapUsedMb(base)).toFixed(0)})`,
        );
    }
    console.log(
      `\nMemory store over ${SESSIONS} sessions (MEMORY_STORE_MAX_KEYS=${MAX_KEYS}, --max-old-space-size=${HEAP_CAP_MB}): server RSS (V8 heap in use) after  ${samples.join('  ')}`,
    );
  } finally {
    await kefu.stop();
  }
}
