/**
 * vitest global setup: find a PostgreSQL for the PostgreSQL suites — KEFU_TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/test if it answers. Each suite works in its own
 * schema named after this run; teardown drops every schema the run left behind.
 * Without PostgreSQL the suites are reported loudly as NOT run — and under CI=true that fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    schemaPrefix: string;
  }
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const candidate = process.env.KEFU_TEST_DATABASE_URL ?? DEFAULT_URL;
  const url = (await answers(candidate)) ? candidate : '';
  const schemaPrefix = `kefu_test_${randomBytes(4).toString('hex')}`;
  if (!url) {
    console.warn(
      `\n\n  ********************************************************************\n  *  NO POSTGRESQL at ${candidate}: the PostgreSQL suites are NOT RUN.\n  ********************************************************************\n`,
    );
    if (process.env.CI === 'true')
      throw new Error('CI=true and no PostgreSQL available: refusing to pass without the PostgreSQL suites');
  }
  process.env.KEFU_TEST_POSTGRES_URL = url;
  project.provide('postgresUrl', url);
  project.provide('schemaPrefix', schemaPrefix);
  return async () => {
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where starts_with(nspname, $1)',
        [schemaPrefix],
      );
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
