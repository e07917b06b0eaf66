import { sql, type Kysely } from 'kysely';
import type { OpenCases } from '../types.js';
import { readInstant } from './caseRows.js';
import type { Database } from './schema.js';

/**
 * A user's open cases as ownership needs them (handoff/ownership.ts): one indexed query over the
 * queued and assigned rows, no events, transcript or evidence. The assigned case claimed last
 * (by `claimed_at`, else `created_at`, then id) answers the conversation.
 */
export async function findOpenCases(
  db: Kysely<Database>,
  channel: string,
  userId: string,
  timeZone: string,
): Promise<OpenCases> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'status', 'assignee', 'claimed_at', 'created_at'])
    .where('channel', '=', channel)
    .where('user_id', '=', userId)
    .where('status', 'in', ['queued', 'assigned'])
    .orderBy(sql`coalesce(claimed_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .execute();
  const row = rows.find((r) => r.status === 'assigned' && r.assignee);
  return {
    open: rows.length,
    assigned:
      row?.assignee != null
        ? {
            id: row.id,
            assignee: row.assignee,
            claimedAt: readInstant(row.claimed_at ?? row.created_at, timeZone),
          }
        : undefined,
  };
}
