import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider, type SqlDialect } from './migrations.js';
import { openSqliteFile } from './nodeSqlite.js';
import { outageAware } from './databaseOutage.js';
import type { Database } from './schema.js';

export interface SqlDatabaseOptions {
  /** `postgres://…` → PostgreSQL (node-postgres pool); unset → SQLite. */
  databaseUrl?: string;
  /** SQLite file (created with its folder on first use), or `:memory:`. */
  sqliteFile?: string;
  /** PostgreSQL schema to work in (created if missing); tests use one per run. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Errors of idle pooled connections (the pool reconnects on its own). */
  onError?: (err: unknown) => void;
}

/** An open SQL database with kefu's schema migrated to the latest version. */
export interface SqlDatabase {
  readonly dialect: SqlDialect;
  readonly db: Kysely<Database>;
  /** Resolves once the migrations have run (with the names of those applied now); every store method waits for it. */
  readonly ready: Promise<string[]>;
  /** Where the data lives, without credentials (for logs and start-up output). */
  readonly description: string;
  /** One round trip (`select 1`) after the migrations; rejects (StoreUnavailableError when unreachable) otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

async function pingOnce(db: Kysely<Database>, ready: Promise<unknown>): Promise<void> {
  await ready;
  await sql`select 1`.execute(db);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Runs every pending migration; returns the names of those applied now. */
export async function migrateToLatest(db: Kysely<Database>, dialect: SqlDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Migrates a SQLite file that other processes may be opening at the same moment (several
 * workers, or two servers on one DATA_DIR): while another process is applying a migration, ours
 * fails ("already exists", "database is locked"), so it tries again — up to about ten seconds —
 * until the other has recorded it and there is nothing left to apply.
 */
async function migrateSharedSqlite(db: Kysely<Database>): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await migrateToLatest(db, 'sqlite');
    } catch (err) {
      if (attempt >= 40) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 10));
    }
  }
}

/**
 * Opens kefu's SQL database — PostgreSQL when a URL is given, else a SQLite file — and starts
 * migrating it at once (`ready`). Nothing here builds SQL from input: Kysely binds parameters.
 */
export function openDatabase(options: SqlDatabaseOptions): SqlDatabase {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = openSqliteFile(file);
  const db = new Kysely<Database>({ dialect: outageAware(new SqliteDialect({ database: sqlite })) });
  const ready = file === ':memory:' ? migrateToLatest(db, 'sqlite') : migrateSharedSqlite(db);
  ready.catch(() => undefined); // observed by whoever awaits it
  return {
    dialect: 'sqlite',
    db,
    ready,
    description: file === ':memory:' ? 'SQLite in memory' : `SQLite file ${file}`,
    ping: () => pingOnce(db, ready),
    close: async () => {
      await ready.catch(() => undefined);
      await db.destroy(); // closes the file (also when no query ran: see below)
      sqlite.close();
    },
  };
}

function openPostgres(url: string, options: SqlDatabaseOptions): SqlDatabase {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (err) => options.onError?.(err));
  // pg-pool listens for errors on idle clients only: a connection lost while a query is in
  // flight (PostgreSQL restarted, the network cut) emits 'error' on a checked-out client with no
  // listener, which would crash the process. The query itself still fails (→ 503).
  pool.on('connect', (client) => client.on('error', (err) => options.onError?.(err)));
  const db = new Kysely<Database>({ dialect: outageAware(new PostgresDialect({ pool })) });
  const ready = (async () => {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    return migrateToLatest(db, 'postgres');
  })();
  ready.catch(() => undefined);
  const { host, pathname } = new URL(url);
  return {
    dialect: 'postgres',
    db,
    ready,
    description: `PostgreSQL ${host}${pathname}${schema ? ` (schema ${schema})` : ''}`,
    ping: () => pingOnce(db, ready),
    close: async () => {
      await ready.catch(() => undefined);
      await db.destroy();
    },
  };
}
