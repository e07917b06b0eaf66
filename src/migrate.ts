/**
 * `npm run migrate`: applies pending database migrations (PostgreSQL with DATABASE_URL, else
 * the SQLite file in DATA_DIR) and exits. The server also migrates on start.
 */
import { join, resolve } from 'node:path';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { openDatabase } from './store/sql/database.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: join(resolve(config.dataDir), 'kefu.sqlite'),
  });
  console.log(`migrating ${database.description}`);
  try {
    const applied = await database.ready;
    console.log(
      `${database.description}: schema up to date${applied.length ? ` (applied ${applied.join(', ')})` : ''}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(
    `kefu migrate: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
