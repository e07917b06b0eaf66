import type { Clock } from '../domain/clock.js';
import { Router, raw, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { checkReplay } from '../channels/webhookSecurity.js';
import { withDeadline } from '../channels/deadline.js';
import { AuthError, ValidationError } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { KeyValueStore } from '../store/types.js';
import {
  BlockActionsSchema,
  EventsBodySchema,
  InteractivityTypeSchema,
  MessageEventSchema,
} from './slackPayloads.js';
import { checkSlackHeaders, signatureMatches } from './slackSignature.js';

/**
 * Hands a verified request to Botkit. `req.body` is what the adapter expects (the event object,
 * or `{payload}` for interactivity) and `req.rawBody` the exact bytes Slack signed.
 */
export type SlackDispatch = (req: Request & { rawBody: string }, res: Response) => Promise<void>;

export interface SlackRouterDeps {
  signingSecret: string;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Accepted clock skew of X-Slack-Request-Timestamp (5 minutes by default). */
  timestampWindowSeconds: number;
  dispatch: SlackDispatch;
  /** Body limit (default 256kb; interactivity payloads carry the whole message). */
  bodyLimit?: string;
  /** Answer Slack (200) after this long even if Botkit has not (Slack gives up at 3 s). */
  answerWithinMs?: number;
  /** Told of every Botkit dispatch in flight (so shutdown and tests can wait for them). */
  track?: (work: Promise<unknown>) => void;
}

/** Slack retries an event with the same event_id; one hour covers its retry schedule. */
const EVENT_DEDUPE_TTL_SECONDS = 3600;

type Verified = Request & { rawBody: string; body: unknown };

/**
 * POST /slack/events — Events API and interactivity. Our guard runs first and nothing that fails
 * it reaches Botkit: signature header shape and timestamp window (401, before the body is read),
 * body limit (413), HMAC-SHA256 `v0` signature in constant time (401), replay cache shared with the
 * other webhooks (401), payload schema (400). `url_verification` is answered here. Only message
 * events and `block_actions` go on to Botkit; an exception there is logged, never fatal.
 */
export function createSlackRouter(deps: SlackRouterDeps): Router {
  const router = Router();
  const count = (outcome: string) => deps.metrics.webhookRequests.inc({ channel: 'slack', outcome });
  const refuse = (outcome: string, message: string): never => {
    count(outcome);
    throw new AuthError(message);
  };

  const checkHeaders: RequestHandler = (req, _res, next) => {
    const check = checkSlackHeaders(
      req.header('x-slack-signature'),
      req.header('x-slack-request-timestamp'),
      deps.clock.nowMs(),
      deps.timestampWindowSeconds,
    );
    if (!check.ok) refuse(check.reason, 'invalid slack signature or timestamp');
    next();
  };

  const verify: RequestHandler = async (req, _res, next) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new ValidationError('empty body');
    const signature = req.header('x-slack-signature') ?? '';
    const timestamp = req.header('x-slack-request-timestamp') ?? '';
    if (!signatureMatches(deps.signingSecret, timestamp, body, signature))
      refuse('bad_signature', 'invalid slack signature');
    // The signature covers timestamp and body, so (normalized) it identifies a request.
    const replay = await checkReplay(deps.kv, {
      channel: 'slack',
      timestamp,
      nonce: signature.toLowerCase(),
      windowSeconds: deps.timestampWindowSeconds,
      timestampUnit: 's',
      now: deps.clock.nowMs(),
    });
    if (!replay.ok) refuse(replay.reason, 'replayed or stale slack request');
    const verified = req as Verified;
    verified.rawBody = body.toString('utf8');
    next();
  };

  const handle = async (req: Verified, res: Response): Promise<void> => {
    const form = req.is('application/x-www-form-urlencoded');
    const parsed = form ? parseInteractivity(req.rawBody) : parseEvents(req.rawBody);
    if (parsed.kind === 'challenge') {
      count('url_verification');
      res.status(200).json({ challenge: parsed.challenge });
      return;
    }
    if (parsed.kind === 'ignored') {
      count('ignored');
      res.status(200).end();
      return;
    }
    if (parsed.eventId) {
      const fresh = await deps.kv.set(`slack:event:${parsed.eventId}`, '1', {
        onlyIfAbsent: true,
        ttlSeconds: EVENT_DEDUPE_TTL_SECONDS,
      });
      if (!fresh) {
        count('duplicate');
        res.status(200).end();
        return;
      }
    }
    req.body = parsed.body;
    await runBotkit(req, res);
  };

  const runBotkit = async (req: Verified, res: Response): Promise<void> => {
    const work = deps.dispatch(req, res).then(
      () => 'done' as const,
      (err: unknown) => {
        deps.log.error({ err, component: 'botkit' }, 'slack request failed inside botkit');
        return 'failed' as const;
      },
    );
    deps.track?.(work);
    const raced = await withDeadline(work, deps.answerWithinMs ?? 2500);
    const outcome = raced.done ? raced.value : 'deferred';
    count(outcome === 'done' ? 'handled' : outcome);
    if (res.headersSent) return;
    if (outcome === 'failed')
      res.status(500).json({ error: { code: 'internal_error', message: 'slack request failed' } });
    else res.status(200).end();
  };

  router.post(
    '/',
    checkHeaders,
    raw({ type: () => true, limit: deps.bodyLimit ?? '256kb' }),
    verify,
    (req, res) => handle(req as Verified, res),
  );
  return router;
}

type Parsed =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'ignored' }
  | { kind: 'botkit'; body: unknown; eventId?: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('slack body is not valid JSON');
  }
}

/** Events API body: url_verification, or an event_callback carrying a message for Botkit. */
function parseEvents(rawBody: string): Parsed {
  const body = EventsBodySchema.safeParse(parseJson(rawBody));
  if (!body.success) throw new ValidationError('not a slack event payload');
  if (body.data.type === 'url_verification') return { kind: 'challenge', challenge: body.data.challenge };
  const message = MessageEventSchema.safeParse(body.data.event);
  // Only people's replies in threads can matter; edits, joins and bot posts (our own) stop here.
  if (
    !message.success ||
    message.data.subtype ||
    message.data.bot_id ||
    !message.data.user ||
    !message.data.thread_ts
  )
    return { kind: 'ignored' };
  return { kind: 'botkit', body: body.data, eventId: body.data.event_id };
}

/** Interactivity body: the form field `payload` (JSON); only block_actions go on. */
function parseInteractivity(rawBody: string): Parsed {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (!payload) throw new ValidationError('missing payload');
  const json = parseJson(payload);
  const kind = InteractivityTypeSchema.safeParse(json);
  if (!kind.success) throw new ValidationError('not a slack interactivity payload');
  if (kind.data.type !== 'block_actions') return { kind: 'ignored' };
  if (!BlockActionsSchema.safeParse(json).success) throw new ValidationError('invalid block_actions payload');
  return { kind: 'botkit', body: { payload } };
}
