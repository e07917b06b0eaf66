import type { Store } from '../store/types.js';

/**
 * Retention (`RETENTION_DAYS`): cases resolved longer ago than that lose their personal fields
 * (contact, order id, description, transcript, evidence) and their evidence files; the
 * anonymous row stays for reports. Returns the number of cases anonymized.
 */
export async function applyRetention(store: Store, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  const { caseIds, evidence } = await store.cases.anonymize({ resolvedBefore: cutoff }, now.toISOString());
  await store.uploads.removeFor(undefined, evidence);
  return caseIds.length;
}
