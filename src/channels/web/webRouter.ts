import { Router, json } from 'express';
import { z } from 'zod';
import { AuthError, ValidationError, describeZodIssues } from '../../errors.js';
import type { RunTurn } from '../../engine/turnRunner.js';
import { LocaleSchema } from '../../domain/locale.js';
import { type InboundMessage, type Reply } from '../../domain/message.js';
import type { ComplaintDesk } from '../../handoff/ports.js';
import {
  checkRateLimits,
  clientIp,
  rateLimit,
  turnLimits,
  type RateLimitRule,
} from '../../http/rateLimit.js';
import { conversationTag } from '../../store/turnStore.js';
import { conversationId } from '../../domain/conversation.js';
import type { KeyValueStore } from '../../store/types.js';
import { bearerToken } from '../../http/requestToken.js';
import type { WebSessions } from './webSessions.js';

/**
 * Idempotency key of a message (`clientMessageId` in the body or the `Idempotency-Key` header):
 * the client makes one per message and sends it again on every retry of that message.
 */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'must be 8–64 characters of A–Z, a–z, 0–9, _ . : -');

export const SessionBodySchema = z.object({ locale: LocaleSchema.optional() }).strict();
export const MessageBodySchema = z
  .object({
    text: z.string().max(2000, 'text must be at most 2000 characters').optional(),
    attachments: z
      .array(
        z
          .object({
            type: z.enum(['image', 'file']),
            url: z
              .string()
              .regex(
                /^\/api\/web\/uploads\/[\w-]{8,64}$/,
                'attachments must be uploaded to /api/web/uploads first',
              ),
            name: z.string().max(256).optional(),
          })
          .strict(),
      )
      .max(5)
      .optional(),
    clientMessageId: IdempotencyKeySchema.optional(),
  })
  .strict()
  .refine(
    (b) => (b.text?.trim().length ?? 0) > 0 || (b.attachments?.length ?? 0) > 0,
    'text must not be empty',
  );

/** Limits for the web API; generous for people, tight for scripts. */
export interface WebLimits {
  messagesPerMinutePerToken: number;
  messagesPerMinutePerIp: number;
  sessionsPerMinutePerIp: number;
}

export const DEFAULT_WEB_LIMITS: WebLimits = {
  messagesPerMinutePerToken: 30,
  messagesPerMinutePerIp: 300,
  sessionsPerMinutePerIp: 30,
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ValidationError(describeZodIssues(result.error.issues));
  return result.data;
}

/** The message's idempotency key from the body and/or the header; both given must agree. */
function idempotencyKey(
  fromBody: string | undefined,
  header: string | string[] | undefined,
): string | undefined {
  if (Array.isArray(header)) throw new ValidationError('Idempotency-Key: give it once');
  const fromHeader = header === undefined ? undefined : IdempotencyKeySchema.safeParse(header.trim());
  if (fromHeader && !fromHeader.success) {
    throw new ValidationError(`Idempotency-Key: ${describeZodIssues(fromHeader.error.issues)}`);
  }
  const headerKey = fromHeader?.data;
  if (fromBody && headerKey && fromBody !== headerKey) {
    throw new ValidationError('clientMessageId and Idempotency-Key differ');
  }
  return fromBody ?? headerKey;
}

/** The web chat channel: sessions, messages and the user's own cases (DESIGN §2). */
export function createWebRouter(deps: {
  runTurn: RunTurn;
  sessions: WebSessions;
  kv: KeyValueStore;
  desk: ComplaintDesk;
  limits?: WebLimits;
}): Router {
  const limits = deps.limits ?? DEFAULT_WEB_LIMITS;
  const router = Router();
  router.use(json({ limit: '16kb' }));

  const userOf = (authorization: string | undefined): string => {
    const userId = deps.sessions.verify(bearerToken(authorization));
    if (!userId) throw new AuthError('missing or invalid session token');
    return userId;
  };
  const ipRule = (name: string, limit: number): RateLimitRule => ({
    name,
    limit,
    windowSeconds: 60,
    key: clientIp,
  });
  const tokenRule: RateLimitRule = {
    name: 'web-token',
    limit: limits.messagesPerMinutePerToken,
    windowSeconds: 60,
    // Tagged with the conversation's hash tag: counted inside the turn's first store call.
    key: (req) => {
      const userId = deps.sessions.verify(bearerToken(req.headers.authorization));
      return userId && conversationTag(conversationId({ channel: 'web', userId }));
    },
  };
  const messageRules = [tokenRule, ipRule('web-msg-ip', limits.messagesPerMinutePerIp)];

  router.post(
    '/session',
    rateLimit(deps.kv, [ipRule('web-session-ip', limits.sessionsPerMinutePerIp)]),
    async (req, res) => {
      const body = parse(SessionBodySchema, req.body);
      const { userId, token } = deps.sessions.issue();
      const result = await deps.runTurn({
        channel: 'web',
        userId,
        kind: 'event',
        event: 'session_start',
        locale: body.locale ?? 'zh-CN',
        newUser: true,
      });
      res.status(201).json({ token, replies: result.replies satisfies Reply[] });
    },
  );

  router.post('/messages', async (req, res) => {
    let msg: InboundMessage;
    try {
      const userId = userOf(req.headers.authorization);
      const body = parse(MessageBodySchema, req.body);
      const key = idempotencyKey(body.clientMessageId, req.headers['idempotency-key']);
      msg = {
        channel: 'web',
        userId,
        // Namespaced by the session: one user's keys never meet another's.
        ...(key ? { messageId: `${userId}:${key}` } : {}),
        kind: body.text?.trim() ? 'text' : 'image',
        text: body.text,
        attachments: body.attachments,
        raw: req.body as unknown,
      };
    } catch (err) {
      // A refused request still counts against the limits (and is a 429 once over them).
      await checkRateLimits(deps.kv, messageRules, req);
      throw err;
    }
    // The limits are counted by the turn's first store call, with its lock and reads.
    const result = await deps.runTurn(msg, { limits: turnLimits(messageRules, req) });
    res.json({ replies: result.replies });
  });

  router.get('/cases', async (req, res) => {
    const userId = userOf(req.headers.authorization);
    const cases = await deps.desk.listCases({ channel: 'web', userId });
    res.json({ cases });
  });

  return router;
}
