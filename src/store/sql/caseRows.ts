import type { Insertable, Selectable } from 'kysely';
import { toZonedIso } from '../../domain/zonedTime.js';
import { CaseSchema, type Case } from '../../domain/case.js';
import type {
  CaseEventsTable,
  CaseEvidenceTable,
  CasesTable,
  CaseTranscriptTable,
  Instant,
} from './schema.js';

/** An ISO time (any offset) as the UTC text every instant column is written with. */
export function instant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not a time: ${iso}`);
  return date.toISOString();
}

type InstantValue = Instant['__select__'];

/** A stored instant back as ISO-8601 with the business zone's offset (as the desk writes them). */
export function readInstant(value: InstantValue, timeZone: string): string {
  return toZonedIso(new Date(value), timeZone);
}

const optionalInstant = (iso: string | undefined) => (iso === undefined ? null : instant(iso));

/** When a resolved or closed case was resolved (its last `resolved` event, else its last update). */
function resolvedAt(c: Case): string | null {
  if (c.status !== 'resolved' && c.status !== 'closed') return null;
  const event = c.events.findLast((e) => e.type === 'resolved');
  return instant(event?.at ?? c.updatedAt ?? c.createdAt);
}

/** The `cases` row of a case (children are separate tables). */
export function toCaseRow(c: Case): Omit<Insertable<CasesTable>, 'enqueued_at' | 'anonymized_at'> {
  return {
    id: c.id,
    channel: c.channel,
    user_id: c.userId,
    category: c.category,
    order_id: c.orderId,
    description: c.description,
    resolution: c.resolution,
    contact: c.contact ?? null,
    status: c.status,
    assignee: c.assignee ?? null,
    locale: c.locale,
    resolution_note: c.resolutionNote ?? null,
    missing: c.missing ? JSON.stringify(c.missing) : null,
    created_at: instant(c.createdAt),
    first_response_due: instant(c.firstResponseDue),
    resolution_due: instant(c.resolutionDue),
    claimed_at: optionalInstant(c.claimedAt),
    updated_at: optionalInstant(c.updatedAt),
    resolved_at: resolvedAt(c),
  };
}

/** A case's child rows, in order. */
export interface CaseChildren {
  events: Selectable<CaseEventsTable>[];
  transcript: Selectable<CaseTranscriptTable>[];
  evidence: Selectable<CaseEvidenceTable>[];
}

/** Rows → a Case, validated with the one CaseSchema (a bad row fails loudly, never half-read). */
export function fromRows(row: Selectable<CasesTable>, children: CaseChildren, timeZone: string): Case {
  const at = (v: InstantValue) => readInstant(v, timeZone);
  const optional = (v: InstantValue | null) => (v === null ? undefined : at(v));
  return CaseSchema.parse({
    id: row.id,
    channel: row.channel,
    userId: row.user_id,
    category: row.category,
    orderId: row.order_id,
    description: row.description,
    evidence: children.evidence.map((e) => e.ref),
    resolution: row.resolution,
    contact: row.contact ?? undefined,
    status: row.status,
    assignee: row.assignee ?? undefined,
    createdAt: at(row.created_at),
    firstResponseDue: at(row.first_response_due),
    resolutionDue: at(row.resolution_due),
    transcript: children.transcript.map((t) => ({ from: t.speaker, text: t.text, at: at(t.at) })),
    events: children.events.map((e) => ({
      type: e.type,
      at: at(e.at),
      by: e.actor ?? undefined,
      detail: e.detail ?? undefined,
      via: e.via ?? undefined,
    })),
    locale: row.locale,
    resolutionNote: row.resolution_note ?? undefined,
    missing: row.missing === null ? undefined : (JSON.parse(row.missing) as unknown),
    claimedAt: optional(row.claimed_at),
    updatedAt: optional(row.updated_at),
  });
}

/** Child rows of a case from position `from` on (appends write only the new tail). */
export function childRows(c: Case, from: { events: number; transcript: number; evidence: number }) {
  return {
    events: c.events.slice(from.events).map((e, i) => ({
      case_id: c.id,
      seq: from.events + i,
      type: e.type,
      at: instant(e.at),
      actor: e.by ?? null,
      detail: e.detail ?? null,
      via: e.via ?? null,
    })),
    transcript: c.transcript.slice(from.transcript).map((t, i) => ({
      case_id: c.id,
      seq: from.transcript + i,
      speaker: t.from,
      text: t.text,
      at: instant(t.at),
    })),
    evidence: c.evidence
      .slice(from.evidence)
      .map((ref, i) => ({ case_id: c.id, seq: from.evidence + i, ref })),
  };
}
