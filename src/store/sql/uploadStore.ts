import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { KefuError } from '../../errors.js';
import type { SqlDatabase } from './database.js';
import type { Database } from './schema.js';
import type { BlobStorage } from '../blobStorage.js';
import { uploadIdOf, uploadUrl } from '../../domain/uploadRef.js';

/** An upload as the uploads table records it. */
export interface UploadRecord {
  id: string;
  owner: string;
  contentType: string;
  bytes: number;
  caseId?: string;
}

/** Byte quotas that keep one visitor (or all of them) from filling the disk. */
export interface UploadQuotas {
  perOwnerBytes: number;
  totalBytes: number;
}

/** A quota would be exceeded (HTTP 413). */
export class QuotaExceededError extends KefuError {
  constructor(message: string) {
    super('quota_exceeded', message);
  }
}

const DEFAULT_QUOTAS: UploadQuotas = { perOwnerBytes: 20 * 1024 * 1024, totalBytes: 2 * 1024 ** 3 };

/**
 * Evidence uploads: metadata in SQL (`uploads`, attached to a case when a case cites its URL),
 * bytes in a BlobStorage. Quotas are checked after the row is reserved, so concurrent uploads
 * see each other and cannot together overshoot.
 */
export class UploadStore {
  private readonly db: Kysely<Database>;
  readonly quotas: UploadQuotas;

  constructor(
    private readonly database: SqlDatabase,
    readonly blobs: BlobStorage,
    quotas: Partial<UploadQuotas> = {},
  ) {
    this.db = database.db;
    this.quotas = { ...DEFAULT_QUOTAS, ...quotas };
  }

  private async used(owner?: string): Promise<number> {
    let q = this.db.selectFrom('uploads').select((eb) => eb.fn.sum<number | string | null>('bytes').as('n'));
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const { n } = await q.executeTakeFirstOrThrow();
    return Number(n ?? 0);
  }

  /** Stores a file for `owner`; returns its id and URL. Throws QuotaExceededError when full. */
  async save(
    owner: string,
    contentType: string,
    data: Buffer,
    now = new Date(),
  ): Promise<{ id: string; url: string }> {
    await this.database.ready;
    const id = randomBytes(12).toString('base64url');
    await this.db
      .insertInto('uploads')
      .values({
        id,
        owner,
        content_type: contentType,
        bytes: data.length,
        created_at: now.toISOString(),
        case_id: null,
      })
      .execute();
    try {
      if ((await this.used(owner)) > this.quotas.perOwnerBytes)
        throw new QuotaExceededError(
          'this chat has uploaded as much as it may; attach fewer or smaller images',
        );
      if ((await this.used()) > this.quotas.totalBytes)
        throw new QuotaExceededError('uploads are full right now; please try again later');
      await this.blobs.put(id, data);
    } catch (err) {
      await this.db.deleteFrom('uploads').where('id', '=', id).execute();
      throw err;
    }
    return { id, url: uploadUrl(id) };
  }

  async get(id: string): Promise<{ record: UploadRecord; data: Buffer } | undefined> {
    await this.database.ready;
    const row = await this.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const data = await this.blobs.get(id);
    if (!data) return undefined;
    const record = { id: row.id, owner: row.owner, contentType: row.content_type, bytes: row.bytes };
    return { record: row.case_id ? { ...record, caseId: row.case_id } : record, data };
  }

  /** Deletes uploads (row and bytes); returns how many existed. */
  async remove(ids: readonly string[]): Promise<number> {
    await this.database.ready;
    let removed = 0;
    for (const id of ids) {
      const result = await this.db.deleteFrom('uploads').where('id', '=', id).executeTakeFirst();
      removed += Number(result.numDeletedRows);
      await this.blobs.delete(id);
    }
    return removed;
  }

  /** Deletes every upload of `owner` and every upload cited by `evidence`; returns the count. */
  async removeFor(owner: string | undefined, evidence: readonly string[] = []): Promise<number> {
    await this.database.ready;
    const owned = owner
      ? (await this.db.selectFrom('uploads').select('id').where('owner', '=', owner).execute()).map(
          (r) => r.id,
        )
      : [];
    const cited = evidence.flatMap((ref) => uploadIdOf(ref) ?? []);
    return this.remove([...new Set([...owned, ...cited])]);
  }

  /** Deletes uploads no case cited within `maxAgeMs` (default 24 h); returns the count. */
  async sweepUnattached(now = new Date(), maxAgeMs = 24 * 3600_000): Promise<number> {
    await this.database.ready;
    const rows = await this.db
      .selectFrom('uploads')
      .select('id')
      .where('case_id', 'is', null)
      .where('created_at', '<', new Date(now.getTime() - maxAgeMs).toISOString())
      .limit(1000)
      .execute();
    return this.remove(rows.map((r) => r.id));
  }
}
