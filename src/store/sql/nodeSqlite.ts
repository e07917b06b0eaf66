import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Node's built-in `node:sqlite` behind the small better-sqlite3-shaped interface Kysely's
 * SqliteDialect drives, so the embedded database needs no native add-on.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  /** Prepared statements by SQL text: Kysely prepares on every query, SQLite need not. */
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(readonly db: DatabaseSync) {}

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const stmt = this.db.prepare(sql);
    const params = (p: ReadonlyArray<unknown>) => p as SQLInputValue[];
    const prepared: SqliteStatement = {
      reader: stmt.columns().length > 0,
      all: (p) => stmt.all(...params(p)),
      run: (p) => stmt.run(...params(p)),
      iterate: (p) => stmt.iterate(...params(p)),
    };
    // Queries with a list (`in (?, ?, …)`) vary in text; a bound keeps the cache small.
    if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
    this.statements.set(sql, prepared);
    return prepared;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Opens (creating if needed) a SQLite file with the settings kefu relies on: WAL so several
 * processes on one machine can share it, a busy timeout instead of "database is locked",
 * foreign keys on, and full fsync on commit (a complaint is never acknowledged and then lost).
 */
export function openSqliteFile(path: string): NodeSqliteDatabase {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 10000');
  if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  return new NodeSqliteDatabase(db);
}
