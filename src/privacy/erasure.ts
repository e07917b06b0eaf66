import { conversationId, type ConversationRef } from '../domain/conversation.js';
import type { Store } from '../store/types.js';
import { conversationKeys } from '../store/turnStore.js';

/**
 * Another place that keeps a person's data (a reply cache, a desk integration) registers one
 * of these; it removes what it holds for the person (and for `caseIds`, their cases, already
 * anonymized) and returns how many items it removed.
 */
export type PersonalDataEraser = (ref: ConversationRef, caseIds: readonly string[]) => Promise<number>;

/** What an erasure removed (counts and case ids: nothing personal, safe to log and return). */
export interface ErasureReport {
  /** Cases whose personal fields were removed (the anonymous rows stay for reports). */
  caseIds: string[];
  /** Uploaded files deleted (the person's own and those their cases cited). */
  uploads: number;
  /** Conversation state deleted (1) or none held (0). */
  conversations: number;
  /** Remembered turn results (idempotent replays, which quote the conversation) deleted. */
  cachedTurns: number;
  /** Items removed by registered erasers. */
  other: number;
}

/**
 * Erases one person's data everywhere kefu keeps it (PIPL deletion request): conversation
 * state (memory/Redis), the personal fields of their cases (SQL), their uploads
 * (SQL + files), and whatever registered erasers hold. Safe to repeat.
 */
export async function eraseUserData(
  deps: { store: Store; erasers?: readonly PersonalDataEraser[] },
  ref: ConversationRef,
  now: Date,
): Promise<ErasureReport> {
  const id = conversationId(ref);
  const held =
    (await deps.store.conversations.load(id)) !== undefined ||
    (await deps.store.conversations.transcript(id)).length > 0;
  await deps.store.conversations.delete(id);
  // Owner records written before ownership was derived from the case (handoff/ownership.ts).
  await deps.store.kv.delete(`owner:${id}`);
  // Remembered turn results (`turn:{id}:<message id>`, see engine/turnRunner.ts).
  const cachedTurns = await deps.store.kv.deleteByPrefix(conversationKeys(id).result(''));
  const { caseIds, evidence } = await deps.store.cases.anonymize(ref, now.toISOString());
  // Web uploads are owned by the web user id; WeChat/Weibo evidence is platform media (nothing stored here).
  const uploads = await deps.store.uploads.removeFor(
    ref.channel === 'web' ? ref.userId : undefined,
    evidence,
  );
  let other = 0;
  for (const erase of deps.erasers ?? []) other += await erase(ref, caseIds);
  return { caseIds, uploads, conversations: held ? 1 : 0, cachedTurns, other };
}
