import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createStore } from '../../src/store/createStore.js';
import { openDatabase } from '../../src/store/sql/database.js';
import { dropSchema, postgresUrlForTests, uniqueSchema } from '../helpers/postgres.js';
import { runCaseStoreContract } from './caseContract.js';

const pgUrl = postgresUrlForTests();

runCaseStoreContract('SQLite in memory', {
  // eslint-disable-next-line @typescript-eslint/require-await
  make: async () => {
    const store = createMemoryStore();
    return { store, cleanup: () => store.close() };
  },
});

runCaseStoreContract('SQLite file', {
  make: async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kefu-sql-'));
    const store = await createStore({ dataDir });
    return {
      store,
      // No twin: node:sqlite is synchronous, so two connections in one process would block each
      // other; two processes sharing the file are tested in test/http/restart.test.ts.
      cleanup: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
});

describe('PostgreSQL availability', () => {
  it('has a PostgreSQL to run the contract against (the global setup fails CI without one)', () => {
    expect(pgUrl || process.env.CI !== 'true').toBeTruthy();
  });

  it('fails start-up fast with the host named when PostgreSQL is unreachable', async () => {
    const started = Date.now();
    await expect(createStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(
      /cannot open PostgreSQL at 127\.0\.0\.1:1/,
    );
    expect(Date.now() - started).toBeLessThan(6000);
  });
});

if (pgUrl) {
  runCaseStoreContract('PostgreSQL', {
    make: async () => {
      const schema = uniqueSchema();
      const open = () => createStore({ databaseUrl: pgUrl, databaseSchema: schema });
      const store = await open();
      return {
        store,
        twin: open, // a second pool: claims race across connections
        cleanup: async () => {
          await store.close();
          await dropSchema(pgUrl, schema);
        },
      };
    },
  });

  describe('PostgreSQL schema', () => {
    it('has proper types, indexes and foreign keys, and migrating twice is a no-op', async () => {
      const schema = uniqueSchema();
      const database = openDatabase({ databaseUrl: pgUrl, schema });
      try {
        await database.ready;
        const { rows: columns } = await sql<{ column_name: string; data_type: string }>`
          select column_name, data_type from information_schema.columns
          where table_schema = ${schema} and table_name = 'cases'`.execute(database.db);
        const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
        expect(types).toMatchObject({
          created_at: 'timestamp with time zone',
          version: 'integer',
          id: 'text',
        });
        const { rows } = await sql<{ indexname: string }>`
          select indexname from pg_indexes where schemaname = ${schema}`.execute(database.db);
        expect(rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(['cases_status_due', 'cases_user', 'cases_order', 'cases_created']),
        );
        await expect(
          database.db
            .insertInto('case_events')
            .values({
              case_id: 'NOPE',
              seq: 0,
              type: 'created',
              at: new Date().toISOString(),
              actor: null,
              detail: null,
            })
            .execute(),
        ).rejects.toThrow(/foreign key/);
        const again = openDatabase({ databaseUrl: pgUrl, schema });
        await again.ready;
        await again.close();
      } finally {
        await database.close();
        await dropSchema(pgUrl, schema);
      }
    });
  });
}
