/**
 * `npm start`: parse the environment, build kefu, listen. On SIGTERM/SIGINT stops accepting, lets
 * running turns finish (SHUTDOWN_GRACE_MS), closes event streams with a retry hint, then exits.
 */
import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { createKefu } from './kefu.js';
import { createLogger } from './observability/logger.js';
import { gracefulStop } from './http/gracefulStop.js';
import { isClusterPrimary, runPrimary } from './http/workers.js';

/** Test-only: `KEFU_TEST_KILL_AFTER_CASE_WRITE=1` kills the process right after a case is written (crash tests). */
const killAfterCaseWrite = process.env.KEFU_TEST_KILL_AFTER_CASE_WRITE === '1';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`kefu: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if (isClusterPrimary(config.workers)) {
    // WORKERS=n: this process only forks and watches; every worker runs the code below.
    const [devToken] = config.agentTokenGenerated ? [...config.agentTokens.keys()] : [];
    runPrimary({
      workers: config.workers,
      ...(devToken ? { env: { AGENT_TOKENS: `dev:${devToken}` } } : {}),
    });
    if (devToken) console.warn(`  Agent console: /agent  (dev agent token: ${devToken})\n`);
    return;
  }
  const log = createLogger({ level: config.logLevel, unredacted: config.logUnredacted });
  const kefu = await createKefu({
    config,
    log,
    ...(killAfterCaseWrite ? { onCaseWritten: () => process.kill(process.pid, 'SIGKILL') } : {}),
  });
  const server = kefu.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const cases = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${resolve(config.dataDir)}`;
  log.info(
    { port, store: kefu.store.kind, database: kefu.store.database, llm: Boolean(config.llm) },
    'kefu listening',
  );
  console.log(
    `kefu listening on port ${port} (${kefu.store.kind} store, cases in ${cases}, ${config.llm ? 'LLM' : 'rule'} mode)`,
  );
  if (kefu.store.kind === 'memory') {
    console.warn(
      `\n  ⚠  Conversations in progress are kept IN MEMORY: lost on restart and not shared between processes.\n` +
        `     Cases and uploads are kept (${cases}). Set REDIS_URL=redis://127.0.0.1:6379 for production.\n`,
    );
  }
  if (config.redisUrl && !config.databaseUrl) {
    console.warn(
      `  ⚠  REDIS_URL without DATABASE_URL: cases stay in SQLite on THIS machine (${cases}).\n` +
        '     Servers on other machines will not see them: set DATABASE_URL for several servers.\n',
    );
  }
  if (config.agentTokenGenerated) {
    const [token] = [...config.agentTokens.keys()];
    console.warn(`  Agent console: http://localhost:${port}/agent  (dev agent token: ${token})\n`);
  }
  console.warn(`  Demo page with the chat widget: http://localhost:${port}/\n`);

  const stopper = gracefulStop({ server, kefu, log, graceMs: config.shutdownGraceMs });
  process.on('SIGTERM', () => void stopper('SIGTERM'));
  process.on('SIGINT', () => void stopper('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`kefu: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
