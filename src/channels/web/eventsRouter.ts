import { Router } from 'express';
import { ReplySchema } from '../../domain/message.js';
import { AuthError } from '../../errors.js';
import { queryToken } from '../../http/requestToken.js';
import { openSse } from '../../http/sse.js';
import type { PubSub } from '../../store/types.js';
import { webUserTopic } from './webOutbound.js';
import type { WebSessions } from './webSessions.js';

/** Open event streams per web session (per process) before the oldest is closed. */
export const DEFAULT_STREAMS_PER_SESSION = 3;
/** How long a stream closed for a newer one tells its EventSource to wait before reconnecting. */
const SUPERSEDED_RETRY_MS = 60_000;

/**
 * `GET /api/web/events?token=…`: the user's live messages (agent replies, case updates) as SSE
 * `message` events. A session keeps at most `streamsPerSession` streams open in this process: a
 * new one closes the oldest (with a `superseded` event and a long retry hint), so one token
 * cannot pile up connections and subscriptions.
 */
export function createWebEventsRouter(deps: {
  pubsub: PubSub;
  sessions: WebSessions;
  onSse?: (delta: 1 | -1) => void;
  streamsPerSession?: number;
}): Router {
  const limit = deps.streamsPerSession ?? DEFAULT_STREAMS_PER_SESSION;
  /** userId → close functions of its open streams, oldest first. */
  const open = new Map<string, Array<() => void>>();
  const router = Router();
  router.get('/events', async (req, res) => {
    const userId = deps.sessions.verify(queryToken(req));
    if (!userId) throw new AuthError('missing or invalid session token');
    const stream = openSse(req, res, { onClose: () => deps.onSse?.(-1) });
    deps.onSse?.(1);
    const close = () => {
      stream.send('superseded', { reason: 'too many open streams for this session' });
      res.end(`retry: ${SUPERSEDED_RETRY_MS}\n\n`);
    };
    const streams = [...(open.get(userId) ?? []), close];
    open.set(userId, streams);
    while (streams.length > limit) streams.shift()?.();
    const unsubscribe = await deps.pubsub.subscribe(webUserTopic(userId), (message) => {
      try {
        const reply = ReplySchema.safeParse(JSON.parse(message));
        if (reply.success) stream.send('message', reply.data);
      } catch {
        // not a reply: ignore
      }
    });
    await stream.closed;
    const left = (open.get(userId) ?? []).filter((c) => c !== close);
    if (left.length) open.set(userId, left);
    else open.delete(userId);
    await unsubscribe();
  });
  return router;
}
