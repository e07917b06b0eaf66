import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import type { CaseQuery } from '../types.js';
import type { CasesTable, Database } from './schema.js';

const CursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(64)]);

/** Encodes the position after a case (its creation instant and id) as an opaque cursor. */
export function encodeCursor(createdAtUtc: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAtUtc, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor: not a cursor this server gave out');
}

/** `%text%` for LIKE with the user's own % _ \ taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The agents' case search: filters by status, category, channel, creation window and a free
 * text `q` (case id, order id with or without spaces, or words in the description or
 * transcript); oldest first with keyset pagination on (created_at, id). Every value is a
 * bound parameter.
 */
export async function searchCases(
  db: Kysely<Database>,
  query: CaseQuery,
): Promise<{ rows: Selectable<CasesTable>[]; nextCursor?: string }> {
  let qb = db.selectFrom('cases').selectAll();
  if (query.statuses?.length) qb = qb.where('status', 'in', [...query.statuses]);
  if (query.category) qb = qb.where('category', '=', query.category);
  if (query.channel) qb = qb.where('channel', '=', query.channel);
  if (query.from) qb = qb.where('created_at', '>=', query.from.toISOString());
  if (query.to) qb = qb.where('created_at', '<', query.to.toISOString());
  const q = query.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const digits = q.replace(/[\s-]/g, '');
    qb = qb.where((eb) => {
      const like = (column: Expression<unknown>): Expression<SqlBool> =>
        sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
      const options: Expression<SqlBool>[] = [
        eb('id', '=', q.toUpperCase()),
        like(sql.ref('cases.description')),
        eb.exists(
          eb
            .selectFrom('case_transcript')
            .select('case_transcript.seq')
            .whereRef('case_transcript.case_id', '=', 'cases.id')
            .where(() => like(sql.ref('case_transcript.text'))),
        ),
      ];
      if (/^\d{6,}$/.test(digits)) options.push(eb('order_id', '=', digits));
      return eb.or(options);
    });
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    qb = qb.where((eb) =>
      eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]),
    );
  }
  const rows = await qb
    .orderBy('created_at')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  if (rows.length <= query.limit) return { rows };
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: last ? encodeCursor(new Date(last.created_at).toISOString(), last.id) : undefined,
  };
}
