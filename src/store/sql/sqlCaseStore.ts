import { sql, type Kysely, type Selectable } from 'kysely';
import { CaseSchema, type ActionSource, type Case, type CaseStatus } from '../../domain/case.js';
import { uploadIdOf } from '../../domain/uploadRef.js';
import type {
  AnonymizeResult,
  OpenCases,
  AnonymizeTarget,
  CasePage,
  CaseQuery,
  CaseStore,
  CaseUpdateResult,
} from '../types.js';
import { searchCases } from './caseSearch.js';
import { findOpenCases } from './openCases.js';
import { childRows, fromRows, instant, toCaseRow, type CaseChildren } from './caseRows.js';
import type { SqlDatabase } from './database.js';
import type { CasesTable, Database } from './schema.js';

const MAX_SWAP_ATTEMPTS = 20;
const CHUNK = 500;

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const samePrefix = <T>(prefix: T[], list: T[]) =>
  prefix.length <= list.length && prefix.every((x, i) => JSON.stringify(x) === JSON.stringify(list[i]));

/**
 * Cases in SQL: one `cases` row plus event, transcript and evidence rows. Writes are
 * compare-and-set on a version column (so several processes can share the database); a claim
 * is one conditional `UPDATE … WHERE status = 'queued'`; every multi-row write is one transaction.
 */
export class SqlCaseStore implements CaseStore {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly database: SqlDatabase,
    private readonly options: { timeZone?: string } = {},
  ) {
    this.db = database.db;
  }

  private get timeZone(): string {
    return this.options.timeZone ?? 'Asia/Shanghai';
  }

  /** Rows → cases with their children (four queries for any number of cases). */
  private async hydrate(rows: Selectable<CasesTable>[]): Promise<Case[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const byCase = new Map<string, CaseChildren>(
      ids.map((id) => [id, { events: [], transcript: [], evidence: [] }]),
    );
    for (const part of chunks(ids)) {
      const [events, transcript, evidence] = await Promise.all([
        this.db.selectFrom('case_events').selectAll().where('case_id', 'in', part).orderBy('seq').execute(),
        this.db
          .selectFrom('case_transcript')
          .selectAll()
          .where('case_id', 'in', part)
          .orderBy('seq')
          .execute(),
        this.db.selectFrom('case_evidence').selectAll().where('case_id', 'in', part).orderBy('seq').execute(),
      ]);
      for (const e of events) byCase.get(e.case_id)?.events.push(e);
      for (const t of transcript) byCase.get(t.case_id)?.transcript.push(t);
      for (const e of evidence) byCase.get(e.case_id)?.evidence.push(e);
    }
    return rows.map((row) =>
      fromRows(row, byCase.get(row.id) ?? { events: [], transcript: [], evidence: [] }, this.timeZone),
    );
  }

  private async read(id: string): Promise<{ case: Case; version: number } | undefined> {
    await this.database.ready;
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [c] = await this.hydrate([row]);
    return c ? { case: c, version: row.version } : undefined;
  }

  async create(c: Case): Promise<{ created: boolean; case: Case }> {
    const valid = CaseSchema.parse(c);
    await this.database.ready;
    const created = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('cases')
        .values(toCaseRow(valid))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await this.writeChildren(trx, valid, { events: 0, transcript: 0, evidence: 0 });
      return true;
    });
    const stored = await this.read(valid.id);
    if (!stored) throw new Error(`case ${valid.id} vanished right after it was written`);
    return { created, case: stored.case };
  }

  /** Inserts child rows from the given positions on and attaches cited uploads to the case. */
  private async writeChildren(
    trx: Kysely<Database>,
    c: Case,
    from: { events: number; transcript: number; evidence: number },
  ): Promise<void> {
    const rows = childRows(c, from);
    if (rows.events.length) await trx.insertInto('case_events').values(rows.events).execute();
    if (rows.transcript.length) await trx.insertInto('case_transcript').values(rows.transcript).execute();
    if (rows.evidence.length) await trx.insertInto('case_evidence').values(rows.evidence).execute();
    const uploadIds = rows.evidence.flatMap((e) => uploadIdOf(e.ref) ?? []);
    if (uploadIds.length)
      await trx
        .updateTable('uploads')
        .set({ case_id: c.id })
        .where('id', 'in', uploadIds)
        .where('case_id', 'is', null)
        .execute();
  }

  async get(id: string): Promise<Case | undefined> {
    return (await this.read(id))?.case;
  }

  async listByUser(channel: string, userId: string): Promise<Case[]> {
    await this.database.ready;
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('channel', '=', channel)
      .where('user_id', '=', userId)
      .where('anonymized_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return this.hydrate(rows);
  }

  async findOpen(channel: string, userId: string): Promise<OpenCases> {
    await this.database.ready;
    return findOpenCases(this.db, channel, userId, this.timeZone);
  }

  async listByStatus(status: CaseStatus): Promise<Case[]> {
    await this.database.ready;
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('status', '=', status)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return this.hydrate(rows);
  }

  async update(
    id: string,
    expect: (current: Case) => boolean,
    change: (current: Case) => Case,
  ): Promise<CaseUpdateResult> {
    for (let attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt++) {
      const current = await this.read(id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (!expect(structuredClone(current.case)))
        return { ok: false, reason: 'conflict', case: current.case };
      const next = CaseSchema.parse(change(structuredClone(current.case)));
      const swapped = await this.db.transaction().execute(async (trx) => {
        const { id: _id, ...row } = toCaseRow(next);
        const result = await trx
          .updateTable('cases')
          .set({ ...row, version: sql<number>`version + 1` })
          .where('id', '=', id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false; // someone wrote in between: re-read
        const from = { events: 0, transcript: 0, evidence: 0 };
        for (const key of ['events', 'transcript', 'evidence'] as const) {
          if (samePrefix<unknown>(current.case[key], next[key])) from[key] = current.case[key].length;
          else await trx.deleteFrom(TABLE_OF[key]).where('case_id', '=', id).execute();
        }
        await this.writeChildren(trx, next, from);
        return true;
      });
      if (swapped) return { ok: true, case: (await this.read(id))?.case ?? next };
    }
    return { ok: false, reason: 'conflict', case: await this.get(id) };
  }

  async claim(id: string, agent: string, at: string, via?: ActionSource): Promise<CaseUpdateResult> {
    await this.database.ready;
    const won = await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('cases')
        .set({
          status: 'assigned',
          assignee: agent,
          claimed_at: instant(at),
          updated_at: instant(at),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const { n } = await trx
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('case_events')
        .values({
          case_id: id,
          seq: Number(n),
          type: 'claimed',
          at: instant(at),
          actor: agent,
          detail: null,
          via: via ?? null,
        })
        .execute();
      return true;
    });
    const c = await this.get(id);
    if (!c) return { ok: false, reason: 'not_found' };
    return won ? { ok: true, case: c } : { ok: false, reason: 'conflict', case: c };
  }

  async search(query: CaseQuery): Promise<CasePage> {
    await this.database.ready;
    const { rows, nextCursor } = await searchCases(this.db, query);
    return { cases: await this.hydrate(rows), nextCursor };
  }

  async markEnqueued(id: string, at: string): Promise<void> {
    await this.database.ready;
    await this.db
      .updateTable('cases')
      .set({ enqueued_at: instant(at) })
      .where('id', '=', id)
      .execute();
  }

  async listNotEnqueued(createdBefore: Date, limit: number): Promise<string[]> {
    await this.database.ready;
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'queued')
      .where('enqueued_at', 'is', null)
      .where('created_at', '<', createdBefore.toISOString())
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async anonymize(target: AnonymizeTarget, at: string): Promise<AnonymizeResult> {
    await this.database.ready;
    let select = this.db.selectFrom('cases').select('id');
    select =
      'resolvedBefore' in target
        ? select
            .where('resolved_at', '<', target.resolvedBefore.toISOString())
            .where('anonymized_at', 'is', null)
        : select.where('channel', '=', target.channel).where('user_id', '=', target.userId);
    const ids = (await select.execute()).map((r) => r.id);
    const evidence: string[] = [];
    for (const part of chunks(ids)) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cases')
          .set({
            user_id: '',
            order_id: '',
            description: '',
            contact: null,
            resolution_note: null,
            anonymized_at: instant(at),
            updated_at: instant(at),
            version: sql<number>`version + 1`,
          })
          .where('id', 'in', part)
          .execute();
        // Read after the first write: in SQLite the transaction then already holds the write lock.
        const refs = await trx
          .selectFrom('case_evidence')
          .select('ref')
          .where('case_id', 'in', part)
          .execute();
        evidence.push(...refs.map((r) => r.ref));
        // An erased person's open complaint cannot be worked any more: it is closed.
        await trx
          .updateTable('cases')
          .set({ status: 'closed', resolved_at: instant(at) })
          .where('id', 'in', part)
          .where('status', 'in', ['queued', 'assigned'])
          .execute();
        await trx.updateTable('case_events').set({ detail: null }).where('case_id', 'in', part).execute();
        await trx.deleteFrom('case_transcript').where('case_id', 'in', part).execute();
        await trx.deleteFrom('case_evidence').where('case_id', 'in', part).execute();
      });
    }
    return { caseIds: ids, evidence };
  }
}

const TABLE_OF = {
  events: 'case_events',
  transcript: 'case_transcript',
  evidence: 'case_evidence',
} as const;
