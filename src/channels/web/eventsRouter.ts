import { Router } from 'express';
import { ReplySchema } from '../../domain/message.js';
import { AuthError } from '../../errors.js';
import { queryToken } from '../../http/requestToken.js';
import { openSse } from '../../http/sse.js';
import type { PubSub } from '../../store/types.js';
import { webUserTopic } from './webOutbound.js';
import type { WebSessions } from './webSessions.js';

/** `GET /api/web/events?token=…`: the user's live messages (agent replies, case updates) as SSE `message` events. */
export function createWebEventsRouter(deps: {
  pubsub: PubSub;
  sessions: WebSessions;
  onSse?: (delta: 1 | -1) => void;
}): Router {
  const router = Router();
  router.get('/events', async (req, res) => {
    const userId = deps.sessions.verify(queryToken(req));
    if (!userId) throw new AuthError('missing or invalid session token');
    const stream = openSse(req, res, { onClose: () => deps.onSse?.(-1) });
    deps.onSse?.(1);
    const unsubscribe = await deps.pubsub.subscribe(webUserTopic(userId), (message) => {
      try {
        const reply = ReplySchema.safeParse(JSON.parse(message));
        if (reply.success) stream.send('message', reply.data);
      } catch {
        // not a reply: ignore
      }
    });
    await stream.closed;
    await unsubscribe();
  });
  return router;
}
