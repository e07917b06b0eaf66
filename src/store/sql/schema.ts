/**
 * The SQL schema as Kysely sees it: one interface per table, written once for SQLite and
 * PostgreSQL. Instants are written as ISO-8601 UTC strings; PostgreSQL stores them as
 * `timestamptz` and reads back a `Date`, SQLite stores the text (which sorts in time order).
 */
import type { ColumnType, Generated } from 'kysely';

/** An instant: written as an ISO string, read back as a Date (PostgreSQL) or the string (SQLite). */
export type Instant = ColumnType<Date | string, string, string>;

export interface CasesTable {
  id: string;
  channel: string;
  user_id: string;
  category: string;
  order_id: string;
  description: string;
  resolution: string;
  contact: string | null;
  status: string;
  assignee: string | null;
  locale: string;
  resolution_note: string | null;
  /** JSON array of complaint fields not given when a person took over before the intake finished. */
  missing: string | null;
  created_at: Instant;
  first_response_due: Instant;
  resolution_due: Instant;
  claimed_at: Instant | null;
  updated_at: Instant | null;
  resolved_at: Instant | null;
  /** Set once the case id is on the agents' queue (the sweeper re-queues rows where it is null). */
  enqueued_at: Instant | null;
  /** Set when the personal fields were removed (erasure request or retention). */
  anonymized_at: Instant | null;
  /** Optimistic-concurrency counter: every write is `… WHERE version = <read version>`. */
  version: Generated<number>;
}

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  type: string;
  at: Instant;
  actor: string | null;
  detail: string | null;
  /** Where the agent acted from when not the API or console (`slack`). */
  via: string | null;
}

export interface CaseTranscriptTable {
  case_id: string;
  seq: number;
  speaker: string;
  text: string;
  at: Instant;
}

export interface CaseEvidenceTable {
  case_id: string;
  seq: number;
  /** An upload URL (`/api/web/uploads/<id>`) or a platform media reference. */
  ref: string;
}

export interface UploadsTable {
  id: string;
  /** The web session user who uploaded it. */
  owner: string;
  content_type: string;
  bytes: number;
  created_at: Instant;
  /** The case that cites it as evidence; null = unattached (deleted after 24 h). */
  case_id: string | null;
}

/** Every table kefu keeps in SQL. */
export interface Database {
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_transcript: CaseTranscriptTable;
  case_evidence: CaseEvidenceTable;
  uploads: UploadsTable;
}
