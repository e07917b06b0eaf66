/**
 * `npm run bench` (BENCH_ONLY=part,… to pick): retrieval latency on the real and a 10,000-entry
 * knowledge base; CPU per request of kefu vs a bare express + redis server, p99 at 200 req/s and
 * WORKERS=2 vs 1 (httpBench.ts); 10,000 open event streams (streamsBench.ts); the memory store
 * over 20,000 sessions (memoryBench.ts); the WeChat webhook under a slow turn. Prints numbers;
 * asserts nothing.
 */
import { runHttpBench } from './httpBench.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { FaqIndex } from '../src/knowledge/faqIndex.js';
import { loadEvalSet } from '../test/eval/evaluate.js';
import { measureRetrieval, syntheticEntries } from './retrievalBench.js';

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

const ALL = ['retrieval', 'cpu', 'rate', 'workers', 'streams', 'memory', 'webhook'];
/** `BENCH_ONLY=cpu,rate` runs some parts; default all. */
const parts = new Set(process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : ALL);

if (parts.has('retrieval')) retrievalBench();
if (['cpu', 'rate', 'workers'].some((p) => parts.has(p))) await runHttpBench(parts);
if (parts.has('streams')) await (await import('./streamsBench.js')).runStreamsBench();
if (parts.has('memory')) await (await import('./memoryBench.js')).runMemoryBench();
if (parts.has('webhook')) await (await import('./webhookBench.js')).runWebhookBench();
