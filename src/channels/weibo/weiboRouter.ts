import { Router, json, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { TurnResult } from '../../engine/context.js';
import type { RunTurn } from '../../engine/turnRunner.js';
import { AuthError, KefuError, ValidationError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { KeyValueStore } from '../../store/types.js';
import { withDeadline, type Raced } from '../deadline.js';
import { checkReplay } from '../webhookSecurity.js';
import { dedupeKey, toInbound } from './weiboInbound.js';
import type { WeiboReplyApi } from './weiboReplyApi.js';
import { joinReplies, passiveReply, splitWeiboText } from './weiboReplyFormat.js';
import { int64Reviver, parseWeiboPush } from './weiboSchema.js';
import { isFreshMs, validEchostr, verifyWeiboSignature, type WeiboSignedParams } from './weiboSignature.js';

/** What the Weibo webhook router needs (the adapter builds it from ChannelDeps). */
export interface WeiboRouterDeps {
  appSecret: string;
  runTurn: RunTurn;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  replyApi: WeiboReplyApi;
  /** Current time in ms (injected for tests). */
  nowMs: () => number;
  /** Accepted clock skew of the (millisecond) `timestamp` parameter, in seconds. */
  timestampWindowSeconds: number;
  /** Answer Weibo (empty 200) after this long and reply through the API later (Weibo gives up at 5 s). */
  replyDeadlineMs: number;
  /** JSON body limit (default 64kb → 413 above). */
  bodyLimit?: string;
}

/** Dedupe keys live 10 minutes: Weibo's 3 retries come within seconds. */
const DEDUPE_TTL_SECONDS = 600;

type Outcome =
  | 'verified'
  | 'missing_params'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'bad_timestamp'
  | 'replayed_nonce'
  | 'invalid'
  | 'ignored'
  | 'duplicate'
  | 'replied'
  | 'no_reply'
  | 'deferred'
  | 'error';

/** Weibo's "do nothing, don't retry" answer: an empty body. */
function answerEmpty(res: Response): void {
  res.status(200).type('text/plain').send('');
}

/**
 * The Weibo webhook (mounted at /weibo): `GET /` answers the URL verification with `echostr`,
 * `POST /` handles pushes. Both verify the signature (401), POSTs also the timestamp window
 * (401 when stale) and replays (empty 200, nothing processed). The signature is checked before
 * the body is read. Malformed bodies get 4xx, unknown push types and duplicates an empty 200.
 */
export function createWeiboRouter(deps: WeiboRouterDeps): Router {
  const router = Router();
  const count = (outcome: Outcome): void => {
    deps.metrics.webhookRequests.inc({ channel: 'weibo', outcome });
  };

  const authenticate = (query: Record<string, unknown>): WeiboSignedParams => {
    const check = verifyWeiboSignature(query, deps.appSecret);
    if (!check.ok) {
      count(check.reason);
      throw new AuthError('invalid weibo signature');
    }
    return check.params;
  };

  router.get('/', (req, res) => {
    const { timestamp } = authenticate(req.query);
    if (!isFreshMs(timestamp, deps.timestampWindowSeconds, deps.nowMs())) {
      count('stale_timestamp');
      throw new AuthError('stale or invalid timestamp');
    }
    const echostr = validEchostr(req.query.echostr);
    if (!echostr) throw new ValidationError('missing or invalid echostr');
    count('verified');
    res.status(200).type('text/plain').send(echostr);
  });

  /** Signature, timestamp window and replay check, before the body is read. */
  const authenticatePush: RequestHandler = async (req, res, next) => {
    const params = authenticate(req.query);
    const replay = await checkReplay(deps.kv, {
      channel: 'weibo',
      ...params,
      windowSeconds: deps.timestampWindowSeconds,
      timestampUnit: 'ms',
      now: deps.nowMs(),
    });
    if (replay.ok) {
      next();
      return;
    }
    count(replay.reason);
    if (replay.reason === 'replayed_nonce') {
      answerEmpty(res);
      return;
    }
    throw new AuthError('stale or invalid timestamp');
  };

  const parseBody = json({
    limit: deps.bodyLimit ?? '64kb',
    type: () => true,
    strict: true,
    reviver: int64Reviver,
  });

  router.post('/', authenticatePush, parseBody, async (req, res) => {
    const raw: unknown = req.body;
    if (raw === undefined) throw new ValidationError('empty body');
    const parsed = parseWeiboPush(raw);
    if (parsed.kind === 'ignored') {
      count('ignored');
      answerEmpty(res);
      return;
    }
    const push = parsed.push;
    const msg = toInbound(push, raw);
    if (!msg) {
      count('ignored');
      answerEmpty(res);
      return;
    }
    const key = dedupeKey(push);
    if (!(await deps.kv.set(key, '1', { onlyIfAbsent: true, ttlSeconds: DEDUPE_TTL_SECONDS }))) {
      count('duplicate');
      answerEmpty(res);
      return;
    }

    const turn = deps.runTurn(msg);
    let raced: Raced<TurnResult>;
    try {
      raced = await withDeadline(turn, deps.replyDeadlineMs);
    } catch (err) {
      // Let Weibo's retry run the turn again (the error handler answers 500).
      await deps.kv.delete(key).catch(() => undefined);
      throw err;
    }

    if (!raced.done) {
      count('deferred');
      answerEmpty(res);
      void turn
        .then(async (result) => {
          const parts = splitWeiboText(joinReplies(result.replies));
          if (parts.length) await deps.replyApi.sendTexts(push.sender_id, parts);
        })
        .catch((err: unknown) => {
          deps.log.error({ err, channel: 'weibo' }, 'weibo turn failed after the reply deadline');
        });
      return;
    }

    const parts = splitWeiboText(joinReplies(raced.value.replies));
    const [first, ...rest] = parts;
    if (first === undefined) {
      count('no_reply');
      answerEmpty(res);
      return;
    }
    count('replied');
    if (rest.length) {
      // Only once Weibo has our passive answer (or hung up), so the parts arrive in order.
      res.once('close', () => {
        void deps.replyApi.sendTexts(push.sender_id, rest).catch((err: unknown) => {
          deps.log.error({ err, channel: 'weibo' }, 'weibo reply API failed');
        });
      });
    }
    res.status(200).json(passiveReply(push.sender_id, push.receiver_id, first));
  });

  /** Counts failed requests (auth failures were counted where they were refused), then passes them on. */
  const countErrors: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
    if (!(err instanceof AuthError)) {
      const status = (err as { status?: unknown } | null)?.status;
      const clientError =
        err instanceof KefuError || (typeof status === 'number' && status >= 400 && status < 500);
      count(clientError ? 'invalid' : 'error');
    }
    next(err);
  };
  router.use(countErrors);
  return router;
}
