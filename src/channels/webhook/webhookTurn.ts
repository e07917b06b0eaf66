import type { Clock } from '../../domain/clock.js';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { TurnResult } from '../../engine/context.js';
import type { ChannelName } from '../../domain/conversation.js';
import type { DeliveryResult, InboundMessage } from '../../domain/message.js';
import type { RunTurn } from '../../engine/turnRunner.js';
import { AuthError, KefuError, ValidationError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { KeyValueStore } from '../../store/types.js';
import { withDeadline, type Raced } from '../deadline.js';
import { repliesText } from '../outboundText.js';
import {
  checkReplay,
  isFresh,
  validEchostr,
  type SignatureCheck,
  type SignedParams,
} from '../webhookSecurity.js';

/** The passive HTTP answer to a push. */
export interface PassiveAnswer {
  contentType: string;
  body: string;
}

/**
 * Extension point: what one platform webhook (WeChat, Weibo…) plugs into `webhookTurn`. The
 * adapter knows its platform's formats; the pipeline owns every step they share (signature,
 * timestamp window, replay, dedupe, reply deadline, reply-later), so none is written twice.
 * `M` is the platform's validated message.
 */
export interface WebhookAdapter<M> {
  readonly channel: ChannelName;
  /** Unit of the signed `timestamp` query parameter. */
  readonly timestampUnit: 's' | 'ms';
  /** Body of "received, nothing (more) to say, don't retry" (WeChat `success`, Weibo empty). */
  readonly ack: string;
  /** Checks the signature over a request's query in constant time (GET verification and POST). */
  verify(query: Request['query']): SignatureCheck;
  /** Reads the body with its size limit; runs only after the signature and replay checks. */
  readonly readBody: RequestHandler;
  /**
   * The platform message of a verified request (decrypted when the platform encrypts), or
   * `undefined` for a push kefu ignores. Throws ValidationError (400) or AuthError (401).
   */
  parse(req: Request): M | undefined;
  /** The engine's message, or `undefined` when there is nothing to do (e.g. unsubscribe). */
  toInbound(message: M): InboundMessage | undefined;
  /**
   * The platform's message id, or one derived from the payload where it gives none; identical
   * for the platform's retries of one message (≤ 128 characters). Kept in `messageId`.
   */
  messageId(message: M): string;
  /** Splits a reply text into messages the platform accepts (in order; none when empty). */
  split(text: string): string[];
  /** The passive answer carrying the first part. */
  passiveReply(message: M, text: string): PassiveAnswer;
  /** Sends parts through the platform's API after the HTTP answer; never throws for API errors. */
  sendLater(message: M, parts: readonly string[]): Promise<DeliveryResult>;
}

/** What the pipeline needs from the server (the channel adapter factory passes it on). */
export interface WebhookTurnDeps {
  runTurn: RunTurn;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  /** Time of the timestamp window and the reply deadline (injected for tests). */
  clock: Clock;
  /** Accepted clock skew of the signed timestamp, in seconds. */
  timestampWindowSeconds: number;
  /** Answer the platform after this long and reply through its API later (both give up at 5 s). */
  replyDeadlineMs: number;
}

/** Dedupe keys live 10 minutes: platforms retry within seconds. */
const DEDUPE_TTL_SECONDS = 600;

/** The store key that makes a platform's retries of one message collide. */
export function webhookDedupeKey(channel: ChannelName, messageId: string): string {
  return `dedupe:${channel}:${messageId}`;
}

/** Marks an error already counted in the webhook metric, so the error counter skips it. */
const counted = new WeakSet<object>();

/**
 * One webhook pipeline, like grammY's `webhookCallback`: `GET /` answers the platform's URL
 * verification (signature, timestamp window, `echostr`); `POST /` checks the signature (401),
 * the timestamp window (401) and replays (ack, nothing processed) before the body is read, then
 * parses, dedupes by message id (ack for a retry), runs the turn, and answers within the deadline:
 * a passive reply with the first part (the rest through the API once the answer is out), or the
 * ack and the whole reply through the API when the turn is slower. A failed turn is a 500 and
 * releases the dedupe key, so the platform's retry runs it again.
 */
export function webhookTurn<M>(adapter: WebhookAdapter<M>, deps: WebhookTurnDeps): Router {
  const router = Router();
  const { channel } = adapter;
  const count = (outcome: string): void => deps.metrics.webhookRequests.inc({ channel, outcome });
  const ack = (res: Response): void => void res.status(200).type('text/plain').send(adapter.ack);
  const refuse = (outcome: string, message: string): never => {
    count(outcome);
    const err = new AuthError(message);
    counted.add(err);
    throw err;
  };
  const authenticate = (req: Request): SignedParams => {
    const check = adapter.verify(req.query);
    return check.ok ? check.params : refuse(check.reason, `invalid ${channel} signature`);
  };

  router.get('/', (req, res) => {
    const { timestamp } = authenticate(req);
    if (!isFresh(timestamp, adapter.timestampUnit, deps.timestampWindowSeconds, deps.clock.nowMs()))
      refuse('stale_timestamp', 'stale or invalid timestamp');
    const echostr = validEchostr(req.query.echostr);
    if (!echostr) throw new ValidationError('missing or invalid echostr');
    count('verified');
    res.status(200).type('text/plain').send(echostr);
  });

  const authenticatePush: RequestHandler = async (req, res, next) => {
    const signed = authenticate(req);
    const replay = await checkReplay(deps.kv, {
      channel,
      timestamp: signed.timestamp,
      nonce: signed.nonce,
      windowSeconds: deps.timestampWindowSeconds,
      timestampUnit: adapter.timestampUnit,
      now: deps.clock.nowMs(),
    });
    if (replay.ok) return void next();
    if (replay.reason !== 'replayed_nonce') refuse(replay.reason, 'stale or invalid timestamp');
    count(replay.reason);
    ack(res);
  };

  router.post('/', authenticatePush, adapter.readBody, async (req, res) => {
    const message = adapter.parse(req);
    const inbound = message === undefined ? undefined : adapter.toInbound(message);
    if (message === undefined || !inbound) return void (count('ignored'), ack(res));
    const messageId = adapter.messageId(message);
    const key = webhookDedupeKey(channel, messageId);
    if (!(await deps.kv.set(key, '1', { onlyIfAbsent: true, ttlSeconds: DEDUPE_TTL_SECONDS })))
      return void (count('duplicate'), ack(res));

    const turn = deps.runTurn({ ...inbound, messageId: inbound.messageId ?? messageId });
    let raced: Raced<TurnResult>;
    try {
      raced = await withDeadline(turn, deps.replyDeadlineMs, deps.clock);
    } catch (err) {
      await deps.kv.delete(key).catch(() => undefined); // let the platform's retry run it again
      throw err;
    }
    const later = (parts: readonly string[], what: string): Promise<void> =>
      adapter.sendLater(message, parts).then((sent) => {
        if (!sent.ok) deps.log.error({ channel, error: sent.error }, `${channel} ${what} failed`);
      });

    if (!raced.done) {
      count('deferred');
      ack(res);
      void turn
        .then((result) => {
          const parts = adapter.split(repliesText(result.replies));
          return parts.length ? later(parts, 'late reply') : undefined;
        })
        .catch((err: unknown) =>
          deps.log.error({ err, channel }, `${channel} turn failed after the deadline`),
        );
      return;
    }
    const [first, ...rest] = adapter.split(repliesText(raced.value.replies));
    if (first === undefined) return void (count('no_reply'), ack(res));
    count('replied');
    if (rest.length) {
      // Only once the platform has our passive answer (or hung up), so the parts arrive in order.
      res.once('close', () => {
        void later(rest, 'follow-up reply').catch((err: unknown) =>
          deps.log.error({ err, channel }, `${channel} follow-up reply failed`),
        );
      });
    }
    const answer = adapter.passiveReply(message, first);
    res.status(200).type(answer.contentType).send(answer.body);
  });

  /** Counts failed requests not counted where they were refused, then passes them on. */
  const countErrors: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
    if (!(typeof err === 'object' && err !== null && counted.has(err))) {
      const status = (err as { status?: unknown } | null)?.status;
      const clientError =
        err instanceof KefuError || (typeof status === 'number' && status >= 400 && status < 500);
      count(err instanceof AuthError ? 'refused' : clientError ? 'invalid' : 'error');
    }
    next(err);
  };
  router.use(countErrors);
  return router;
}
