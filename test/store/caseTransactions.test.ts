import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/createStore.js';
import { openDatabase, type SqlDatabase } from '../../src/store/sql/database.js';
import { dropSchema, postgresUrlForTests, uniqueSchema } from '../helpers/postgres.js';
import { sampleCase } from './caseContract.js';

const pgUrl = postgresUrlForTests();

/** Makes every insert of a `resolved` event fail, as a crash or a constraint would mid-write. */
async function failResolvedEvents(database: SqlDatabase): Promise<void> {
  if (database.dialect === 'sqlite') {
    await sql`create trigger fail_resolved before insert on case_events when new.type = 'resolved'
      begin select raise(abort, 'injected failure'); end`.execute(database.db);
    return;
  }
  await sql`create function fail_resolved() returns trigger language plpgsql as
      $$ begin raise exception 'injected failure'; end $$`.execute(database.db);
  await sql`create trigger fail_resolved before insert on case_events for each row
      when (new.type = 'resolved') execute function fail_resolved()`.execute(database.db);
}

function suite(name: string, open: () => { database: SqlDatabase; cleanup: () => Promise<void> }) {
  describe(`case writes are all-or-nothing: ${name}`, () => {
    it('a resolve whose event cannot be written leaves the case assigned; a case whose rows fail is not created', async () => {
      const { database, cleanup } = open();
      const store = createMemoryStore({ database });
      try {
        await database.ready;
        await failResolvedEvents(database);
        const c = sampleCase({ status: 'assigned', assignee: 'wang' });
        await store.cases.create(c);
        await expect(
          store.cases.update(
            c.id,
            (x) => x.status === 'assigned',
            (x) => ({
              ...x,
              status: 'resolved',
              resolutionNote: '已退款',
              events: [...x.events, { type: 'resolved', at: '2026-11-25T11:00:00+08:00', by: 'wang' }],
            }),
          ),
        ).rejects.toThrow(/injected failure/);
        expect(await store.cases.get(c.id)).toMatchObject({ status: 'assigned', events: [] });
        expect(await store.cases.listByStatus('resolved')).toEqual([]);

        const broken = sampleCase({ events: [{ type: 'resolved', at: '2026-11-25T11:00:00+08:00' }] });
        await expect(store.cases.create(broken)).rejects.toThrow(/injected failure/);
        expect(await store.cases.get(broken.id)).toBeUndefined();
      } finally {
        await store.close();
        await cleanup();
      }
    });
  });
}

suite('SQLite', () => {
  const database = openDatabase({ sqliteFile: ':memory:' });
  return { database, cleanup: () => database.close() };
});

if (pgUrl)
  suite('PostgreSQL', () => {
    const schema = uniqueSchema();
    const database = openDatabase({ databaseUrl: pgUrl, schema });
    return {
      database,
      cleanup: async () => {
        await database.close();
        await dropSchema(pgUrl, schema);
      },
    };
  });
