import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The PostgreSQL URL the global setup found ('' when none). */
export function postgresUrlForTests(): string {
  return inject('postgresUrl') || '';
}

/** A fresh schema name of this test run (the global teardown drops any left behind). */
export function uniqueSchema(): string {
  return `${inject('schemaPrefix')}_${randomBytes(4).toString('hex')}`;
}

/** Drops a schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** A DATABASE_URL whose connections work in `schema` (for server processes). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
