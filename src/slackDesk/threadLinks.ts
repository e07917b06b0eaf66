import { z } from 'zod';
import type { KeyValueStore } from '../store/types.js';
import type { SlackMessageRef } from './slackApi.js';

const RefSchema = z.object({ channel: z.string(), ts: z.string() });
/** Links outlive any sensible case life (the store is shared by every kefu process). */
const TTL_SECONDS = 180 * 24 * 3600;

/** Case ↔ Slack thread (the root message kefu posted for the case), kept in the store's kv. */
export class ThreadLinks {
  constructor(private readonly kv: KeyValueStore) {}

  async save(caseId: string, ref: SlackMessageRef): Promise<void> {
    await this.kv.set(`slack:case:${caseId}`, JSON.stringify(ref), { ttlSeconds: TTL_SECONDS });
    await this.kv.set(`slack:thread:${ref.channel}:${ref.ts}`, caseId, { ttlSeconds: TTL_SECONDS });
  }

  /** The thread of a case, if it was announced in Slack. */
  async threadOf(caseId: string): Promise<SlackMessageRef | undefined> {
    const raw = await this.kv.get(`slack:case:${caseId}`);
    if (!raw) return undefined;
    const parsed = RefSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /** Forgets a case's thread both ways (erasure): its later messages are ignored. */
  async remove(caseId: string, ref: SlackMessageRef): Promise<void> {
    await this.kv.delete(`slack:case:${caseId}`);
    await this.kv.delete(`slack:thread:${ref.channel}:${ref.ts}`);
  }

  /** The case a thread belongs to, if any. */
  caseOf(channel: string, threadTs: string): Promise<string | undefined> {
    return this.kv.get(`slack:thread:${channel}:${threadTs}`);
  }
}
