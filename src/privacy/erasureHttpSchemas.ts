/**
 * The answer of `DELETE /api/agent/users/:channel/:userId/data` (erasureRouter.ts), for the
 * OpenAPI document: `{removed: ErasureReport}` (erasure.ts).
 */
import { z } from 'zod';
import type { ErasureReport } from './erasure.js';

export const ErasureResponseSchema = z.object({
  removed: z.object({
    caseIds: z.array(z.string()).describe('Cases whose personal fields were removed (anonymous rows stay)'),
    uploads: z.number().int().describe('Uploaded files deleted'),
    conversations: z.number().int().describe('Conversation state deleted (1) or none held (0)'),
    cachedTurns: z.number().int().describe('Remembered turn results deleted'),
    other: z.number().int().describe('Items removed by registered erasers'),
  }) satisfies z.ZodType<ErasureReport>,
});
