/**
 * Response bodies of the agent API (`/api/agent/*`). Request bodies and parameters are validated
 * in agentRouter.ts; these describe what comes back, for the OpenAPI document and contract tests.
 */
import { z } from 'zod';
import { CaseSchema } from '../domain/case.js';

/** `GET /api/agent/cases`: cases of one status (default: queued and assigned), oldest first. */
export const AgentCaseListSchema = z.object({
  cases: z.array(CaseSchema),
  nextCursor: z.string().optional().describe('Present when there is another page: pass it as `cursor`'),
});

/** `GET /api/agent/cases/:id`, `claim`, `reclaim`: the case after the call. */
export const AgentCaseSchema = z.object({ case: CaseSchema });

/** `messages` and `resolve`: the case, and whether the user's channel took the message. */
export const AgentDeliverySchema = z.object({
  case: CaseSchema,
  delivered: z.boolean(),
  error: z.string().optional().describe("The channel's error when `delivered` is false"),
});

/** `201` of `POST /api/agent/events/ticket`: a single-use ticket to open the event stream with. */
export const AgentTicketSchema = z.object({
  ticket: z.string().describe('Open `GET /api/agent/events?ticket=…` with it, once'),
  expiresInSeconds: z.number().int().positive(),
});
