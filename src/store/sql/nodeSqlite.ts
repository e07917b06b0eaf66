import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Node's built-in `node:sqlite` behind the small better-sqlite3-shaped interface Kysely's
 * SqliteDialect drives, so the embedded database needs no native add-on.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  constructor(readonly db: DatabaseSync) {}

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  prepare(sql: string): SqliteStatement {
    const stmt = this.db.prepare(sql);
    const params = (p: ReadonlyArray<unknown>) => p as SQLInputValue[];
    return {
      reader: stmt.columns().length > 0,
      all: (p) => stmt.all(...params(p)),
      run: (p) => stmt.run(...params(p)),
      iterate: (p) => stmt.iterate(...params(p)),
    };
  }
}

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
