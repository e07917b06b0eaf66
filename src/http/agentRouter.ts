import type { Clock } from '../domain/clock.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, json, type Request } from 'express';
import { z } from 'zod';
import { ValidationError, describeZodIssues } from '../errors.js';
import { AgentAccess } from './agentAccess.js';
import { openSse } from './sse.js';
import type { KeyValueStore, PubSub } from '../store/types.js';
import { AGENT_EVENTS_TOPIC, parseAgentEvent } from '../handoff/agentEvents.js';
import type { AgentDesk } from '../handoff/agentDesk.js';
import { CaseListQuerySchema, toCaseQuery } from './caseListQuery.js';

export const MessageSchema = z
  .object({ text: z.string().trim().min(1, 'text must not be empty').max(2000) })
  .strict();
export const ResolveSchema = z
  .object({ note: z.string().trim().min(1, 'note must not be empty').max(2000) })
  .strict();
export const IdSchema = z.string().regex(/^[\w-]{1,64}$/, 'bad case id');

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError(describeZodIssues(result.error.issues));
  return result.data;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Resolves an agent's name from a token, comparing in constant time against every configured token. */
export function agentAuthenticator(
  agents: ReadonlyMap<string, string>,
): (token: string | undefined) => string | undefined {
  const known = [...agents].map(([token, name]) => ({ hash: digest(token), name }));
  return (token) => {
    if (!token) return undefined;
    const given = digest(token);
    let found: string | undefined;
    for (const k of known) if (timingSafeEqual(k.hash, given)) found = k.name;
    return found;
  };
}

/**
 * The agent API of DESIGN §2, mounted at `/api/agent`. Every route needs the agent token in the
 * Authorization header; the event stream also opens with a single-use ticket from
 * `POST /events/ticket` (for EventSource, which cannot send headers). Failed authentications
 * are throttled per address.
 */
export function createAgentRouter(deps: {
  agentDesk: AgentDesk;
  agents: ReadonlyMap<string, string>;
  pubsub: PubSub;
  kv: KeyValueStore;
  onSse?: (delta: 1 | -1) => void;
  /** Failed agent authentications per address and minute before 429 (default 10). */
  failedLoginsPerMinute?: number;
  clock?: Clock;
}): Router {
  const access = new AgentAccess({
    kv: deps.kv,
    clock: deps.clock,
    authenticate: agentAuthenticator(deps.agents),
    failuresPerMinute: deps.failedLoginsPerMinute,
  });
  const router = Router();
  router.use(json({ limit: '16kb' }));

  router.use(async (req, _res, next) => {
    const allowTicket = req.method === 'GET' && req.path === '/events';
    authenticatedAgents.set(req, await access.agentOf(req, { allowTicket }));
    next();
  });
  const agent = (req: Request) => authenticatedAgents.get(req) ?? '';

  router.post('/events/ticket', async (req, res) => {
    res.status(201).json(await access.issueTicket(agent(req)));
  });

  router.get('/cases', async (req, res) => {
    const query = toCaseQuery(parse(CaseListQuerySchema, req.query), deps.agentDesk.timeZone);
    const { cases, nextCursor } = await deps.agentDesk.search(query);
    res.json(nextCursor ? { cases, nextCursor } : { cases });
  });
  router.get('/cases/:id', async (req, res) => {
    res.json({ case: await deps.agentDesk.get(parse(IdSchema, req.params.id)) });
  });
  router.post('/cases/:id/claim', async (req, res) => {
    res.json({ case: await deps.agentDesk.claim(parse(IdSchema, req.params.id), agent(req)) });
  });
  router.post('/cases/:id/reclaim', async (req, res) => {
    res.json({ case: await deps.agentDesk.reclaim(parse(IdSchema, req.params.id), agent(req)) });
  });
  router.post('/cases/:id/messages', async (req, res) => {
    const { text } = parse(MessageSchema, req.body);
    res.json(await deps.agentDesk.message(parse(IdSchema, req.params.id), agent(req), text));
  });
  router.post('/cases/:id/resolve', async (req, res) => {
    const { note } = parse(ResolveSchema, req.body);
    res.json(await deps.agentDesk.resolve(parse(IdSchema, req.params.id), agent(req), note));
  });
  router.get('/events', async (req, res) => {
    const stream = openSse(req, res, { onClose: () => deps.onSse?.(-1) });
    deps.onSse?.(1);
    const unsubscribe = await deps.pubsub.subscribe(AGENT_EVENTS_TOPIC, (message) => {
      const event = parseAgentEvent(message);
      if (event) stream.send(event.type, event);
    });
    await stream.closed;
    await unsubscribe();
  });
  return router;
}

/** The authenticated agent of a request. */
const authenticatedAgents = new WeakMap<Request, string>();
