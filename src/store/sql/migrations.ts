import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The two SQL dialects kefu speaks. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * Versioned migrations, written once with Kysely's schema builder; the only dialect difference
 * is the type of an instant (`timestamptz` in PostgreSQL, ISO text in SQLite). Never edit a
 * migration that has shipped: add the next one.
 */
export function migrations(dialect: SqlDialect): Record<string, Migration> {
  const instant: 'timestamptz' | 'text' = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    '0001_cases': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('resolution', 'text', (c) => c.notNull())
          .addColumn('contact', 'text')
          .addColumn('status', 'text', (c) =>
            c.notNull().check(sql`status in ('queued', 'assigned', 'resolved', 'closed')`),
          )
          .addColumn('assignee', 'text')
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('resolution_note', 'text')
          // JSON array of the complaint fields still missing when a person took over early.
          .addColumn('missing', 'text')
          .addColumn('created_at', instant, (c) => c.notNull())
          .addColumn('first_response_due', instant, (c) => c.notNull())
          .addColumn('resolution_due', instant, (c) => c.notNull())
          .addColumn('claimed_at', instant)
          .addColumn('updated_at', instant)
          .addColumn('resolved_at', instant)
          .addColumn('enqueued_at', instant)
          .addColumn('anonymized_at', instant)
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        const index = (name: string, columns: string[]) =>
          db.schema.createIndex(name).on('cases').columns(columns).execute();
        await index('cases_status_due', ['status', 'first_response_due']);
        await index('cases_user', ['channel', 'user_id', 'created_at']);
        await index('cases_order', ['order_id']);
        await index('cases_created', ['created_at', 'id']);
        await index('cases_resolved', ['resolved_at']);

        for (const table of ['case_events', 'case_transcript', 'case_evidence'] as const) {
          let t = db.schema
            .createTable(table)
            .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
            .addColumn('seq', 'integer', (c) => c.notNull());
          if (table === 'case_events')
            t = t
              .addColumn('type', 'text', (c) => c.notNull())
              .addColumn('at', instant, (c) => c.notNull())
              .addColumn('actor', 'text')
              .addColumn('detail', 'text')
              .addColumn('via', 'text');
          if (table === 'case_transcript')
            t = t
              .addColumn('speaker', 'text', (c) =>
                c.notNull().check(sql`speaker in ('user', 'bot', 'agent')`),
              )
              .addColumn('text', 'text', (c) => c.notNull())
              .addColumn('at', instant, (c) => c.notNull());
          if (table === 'case_evidence') t = t.addColumn('ref', 'text', (c) => c.notNull());
          await t.addPrimaryKeyConstraint(`${table}_pk`, ['case_id', 'seq']).execute();
        }

        await db.schema
          .createTable('uploads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('bytes', 'integer', (c) => c.notNull())
          .addColumn('created_at', instant, (c) => c.notNull())
          .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
          .execute();
        await db.schema.createIndex('uploads_owner').on('uploads').column('owner').execute();
        await db.schema.createIndex('uploads_case').on('uploads').column('case_id').execute();
        await db.schema.createIndex('uploads_created').on('uploads').column('created_at').execute();
      },
      async down(db: Kysely<unknown>): Promise<void> {
        for (const table of ['uploads', 'case_evidence', 'case_transcript', 'case_events', 'cases'])
          await db.schema.dropTable(table).execute();
      },
    },
  };
}

/** Kysely's Migrator reads migrations from this provider (code, not files: they ship compiled). */
export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  // eslint-disable-next-line @typescript-eslint/require-await
  return { getMigrations: async () => migrations(dialect) };
}
