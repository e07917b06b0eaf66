import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ChannelNameSchema } from '../domain/conversation.js';
import { AuthError, ForbiddenError, ValidationError, describeZodIssues } from '../errors.js';
import { bearerToken } from '../http/requestToken.js';
import type { ErasureReport } from './erasure.js';
import type { ConversationRef } from '../domain/conversation.js';

export const ParamsSchema = z.object({
  channel: ChannelNameSchema,
  userId: z.string().regex(/^[\w.:@-]{1,128}$/, 'bad user id'),
});

/**
 * `DELETE /api/agent/users/:channel/:userId/data` (agent token with the `admin` role): erases
 * the person's data and answers `{removed: ErasureReport}`. The log line names the admin, the
 * channel and the counts — never the user id.
 */
export function createErasureRouter(deps: {
  authenticate: (token: string | undefined) => string | undefined;
  admins: ReadonlySet<string>;
  erase: (ref: ConversationRef) => Promise<ErasureReport>;
  log: Logger;
}): Router {
  const router = Router();
  router.delete('/users/:channel/:userId/data', async (req, res) => {
    const agent = deps.authenticate(bearerToken(req.headers.authorization));
    if (!agent) throw new AuthError('missing or invalid agent token');
    if (!deps.admins.has(agent)) throw new ForbiddenError('erasing personal data needs an admin agent token');
    const params = ParamsSchema.safeParse(req.params);
    if (!params.success) throw new ValidationError(describeZodIssues(params.error.issues));
    const removed = await deps.erase(params.data);
    deps.log.info(
      {
        admin: agent,
        channel: params.data.channel,
        cases: removed.caseIds.length,
        uploads: removed.uploads,
        conversations: removed.conversations,
        cachedTurns: removed.cachedTurns,
        other: removed.other,
      },
      'personal data erased on request',
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({ removed });
  });
  return router;
}
