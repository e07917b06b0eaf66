import { z } from 'zod';
import type { PubSub } from '../store/types.js';

/** Pub/sub topic of events for agents (every process's agent SSE streams subscribe to it). */
export const AGENT_EVENTS_TOPIC = 'agent-events';

export const AgentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case_created'), caseId: z.string() }),
  z.object({
    type: z.literal('user_message'),
    caseId: z.string(),
    text: z.string(),
    assignee: z.string().optional(),
  }),
  z.object({ type: z.literal('case_claimed'), caseId: z.string(), agent: z.string() }),
  z.object({ type: z.literal('agent_message'), caseId: z.string(), agent: z.string() }),
  z.object({ type: z.literal('case_resolved'), caseId: z.string(), agent: z.string() }),
  z.object({ type: z.literal('delivery_failed'), caseId: z.string(), error: z.string() }),
]);
/** What agents' consoles hear about, live. */
export type AgentEvent = z.infer<typeof AgentEventSchema>;

export async function publishAgentEvent(pubsub: PubSub, event: AgentEvent): Promise<void> {
  await pubsub.publish(AGENT_EVENTS_TOPIC, JSON.stringify(event));
}

/** Parses a pub/sub message; undefined for anything that is not a valid event. */
export function parseAgentEvent(message: string): AgentEvent | undefined {
  try {
    const parsed = AgentEventSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
