import { z } from 'zod';
import { CategorySchema, ResolutionSchema, TranscriptEntrySchema, type TranscriptEntry } from '../domain/case.js';
import { LocaleSchema, type Locale } from '../domain/locale.js';
import { SlotNameSchema } from '../domain/intake.js';
import { EvidenceItemSchema, evidenceFromV1 } from '../domain/evidence.js';

/** A value a slot held at some point; a correction appends, a failed validation never does. */
export const SlotHistoryEntrySchema = z.object({
  value: z.unknown(),
  at: z.string(),
  /** `given` = first answer, `correction` = the user changed it. */
  how: z.enum(['given', 'correction']),
});

export const IntakeSlotsSchema = z.object({
  category: CategorySchema.optional(),
  orderId: z.string().optional(),
  description: z.string().optional(),
  /** Evidence: files sent and kinds mentioned; `evidenceDone` marks "none yet"/"that's all". */
  evidence: z.array(EvidenceItemSchema).default([]),
  evidenceDone: z.boolean().default(false),
  resolution: ResolutionSchema.optional(),
  contact: z.string().optional(),
  /** The user declined to leave a contact. */
  contactDone: z.boolean().default(false),
});
export type IntakeSlots = z.infer<typeof IntakeSlotsSchema>;

export const IntakeStateSchema = z.object({
  slots: IntakeSlotsSchema,
  history: z.record(z.string(), z.array(SlotHistoryEntrySchema)).default({}),
  /** What the bot asked last: a slot, or the summary confirmation. */
  pending: z.union([SlotNameSchema, z.literal('confirm')]),
  /**
   * Replies that did not answer, per question: two on an optional slot skip it, two on a
   * required one re-ask with examples, a third hands the complaint to a person as it stands.
   */
  failures: z.record(z.string(), z.number().int()).default({}),
  /** A question asked on top of `pending` ("cancel this complaint?"); `pending` resumes after it. */
  interruption: z.enum(['confirm_cancel']).optional(),
  startedAt: z.string(),
  /** Case id reserved when the summary was first shown; every confirm files under it (confirmOnce.ts). */
  caseId: z.string().max(64).optional(),
});
export type IntakeState = z.infer<typeof IntakeStateSchema>;

/**
 * 2: evidence items are a tagged union (files and mentions), no longer strings (`migrateV1`).
 * 3: the recent messages live in the store's transcript list, no longer in the state (`migrateV2`).
 */
export const STATE_VERSION = 3;

/** Per-conversation state (one per channel+user), versioned; migrate, never reinterpret. */
export const ConversationStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  locale: LocaleSchema,
  intake: IntakeStateSchema.nullable(),
  /** Outside intake: the bot offered a person and waits for yes or no. */
  awaiting: z.enum(['offer_human']).optional(),
  /** Consecutive turns the bot could not answer (two → offer a person more firmly). */
  misses: z.number().int().default(0),
  turns: z.number().int().default(0),
  /** The case the last confirm filed, so a repeated confirm answers with it (confirmOnce.ts). */
  submitted: z.object({ caseId: z.string(), at: z.string() }).optional(),
  /**
   * Until this instant the user had no queued or assigned case as of the last check, so the bot
   * answers without asking the case store (ownershipCheck.ts). Absent: ask.
   */
  noOpenCaseUntil: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

/** Messages kept in a conversation's transcript (copied into a case at hand-over). */
export const RECENT_LIMIT = 30;

/** A fresh state for a conversation that has none (or whose stored state expired). */
export function newConversationState(now: string, locale: Locale = 'zh-CN'): ConversationState {
  return {
    version: STATE_VERSION,
    locale,
    intake: null,
    misses: 0,
    turns: 0,
    createdAt: now,
    updatedAt: now,
  };
}

type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** 1 → 2: evidence strings (and the evidence slot's history values) become evidence items. */
const migrateV1: Migration = (state) => {
  const intake = state.intake;
  if (!isRecord(intake)) return { ...state, version: 2 };
  const slots = isRecord(intake.slots) ? intake.slots : {};
  const history = isRecord(intake.history) ? intake.history : {};
  const evidenceHistory = Array.isArray(history.evidence)
    ? history.evidence.map((h: unknown) =>
        isRecord(h) && strings(h.value) ? { ...h, value: h.value.map(evidenceFromV1) } : h,
      )
    : history.evidence;
  return {
    ...state,
    version: 2,
    intake: {
      ...intake,
      slots: {
        ...slots,
        evidence: strings(slots.evidence) ? slots.evidence.map(evidenceFromV1) : slots.evidence,
      },
      history: evidenceHistory === undefined ? history : { ...history, evidence: evidenceHistory },
    },
  };
};

/** 2 → 3: `recent` leaves the state; `legacyTranscript` hands its messages to the transcript list. */
const migrateV2: Migration = ({ recent: _recent, ...state }) => ({ ...state, version: 3 });

/** Migration from each older version to the next. */
const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: migrateV1, 2: migrateV2 };

/**
 * The recent messages a state saved before version 3 still carries (they move to the store's
 * transcript on the first turn after an upgrade); empty for a current state.
 */
export function legacyTranscript(raw: unknown): TranscriptEntry[] {
  if (!isRecord(raw) || typeof raw.version !== 'number' || raw.version >= 3) return [];
  const parsed = z.array(TranscriptEntrySchema).safeParse(raw.recent);
  return parsed.success ? parsed.data.slice(-RECENT_LIMIT) : [];
}

/**
 * Parses a stored state, migrating older versions step by step (never reading an old shape with
 * the new schema). Unknown or broken data yields undefined (the caller starts a new conversation
 * and logs it) rather than a crash.
 */
export function parseConversationState(raw: unknown): ConversationState | undefined {
  if (raw === undefined || raw === null || !isRecord(raw)) return undefined;
  let state = raw;
  for (let v = state.version; typeof v === 'number' && v < STATE_VERSION; v = state.version) {
    const migrate = MIGRATIONS[v];
    if (!migrate) return undefined;
    state = migrate(state);
  }
  const parsed = ConversationStateSchema.safeParse(state);
  return parsed.success ? parsed.data : undefined;
}
