import { randomBytes } from 'node:crypto';
import { Router, text, type Request, type Response } from 'express';
import { toPlainText } from '../../domain/message.js';
import type { TurnResult } from '../../engine/context.js';
import type { RunTurn } from '../../engine/turnRunner.js';
import { AuthError, ValidationError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { KeyValueStore } from '../../store/types.js';
import { withDeadline, type Raced } from '../deadline.js';
import { checkReplay, safeEqual, sortedSha1 } from '../webhookSecurity.js';
import type { CustomerServiceSender } from './customerService.js';
import { splitByBytes } from './customerService.js';
import { WechatCryptoError, type WechatCrypto } from './wechatCrypto.js';
import { WechatEnvelopeSchema, WechatMessageSchema, dedupeKey, toInbound } from './wechatSchema.js';
import { WechatXmlError, encryptedReplyXml, parseWechatXml, textReplyXml } from './wechatXml.js';

export interface WechatRouterDeps {
  token: string;
  /** Set in safe mode (WECHAT_AES_KEY). */
  crypto?: WechatCrypto;
  runTurn: RunTurn;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  customerService: CustomerServiceSender;
  now: () => Date;
  timestampWindowSeconds: number;
  replyDeadlineMs: number;
}

const DEDUPE_TTL_SECONDS = 600;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The WeChat official-account webhook (mounted at /wechat). GET answers URL verification;
 * POST takes messages in plain or safe mode, answers within the 5-second rule (a passive reply,
 * or `success` and a customer-service message later), and runs each message once.
 */
export function createWechatRouter(deps: WechatRouterDeps): Router {
  const router = Router();
  const count = (outcome: string) => deps.metrics.webhookRequests.inc({ channel: 'wechat', outcome });
  const success = (res: Response) => res.status(200).type('text/plain').send('success');

  const verify = (req: Request): { timestamp: string; nonce: string; signature: string } => {
    const timestamp = str(req.query.timestamp);
    const nonce = str(req.query.nonce);
    const signature = str(req.query.signature);
    if (
      !timestamp ||
      !nonce ||
      !signature ||
      !safeEqual(sortedSha1([deps.token, timestamp, nonce]), signature)
    ) {
      count('bad_signature');
      throw new AuthError('invalid wechat signature');
    }
    return { timestamp, nonce, signature };
  };

  router.get('/', (req, res) => {
    verify(req);
    const echostr = str(req.query.echostr);
    if (!echostr || echostr.length > 256) throw new ValidationError('missing echostr');
    count('verified');
    res.status(200).type('text/plain').send(echostr);
  });

  router.post('/', text({ type: () => true, limit: '64kb' }), async (req, res) => {
    const signed = verify(req);
    const replay = await checkReplay(deps.kv, {
      channel: 'wechat',
      ...signed,
      windowSeconds: deps.timestampWindowSeconds,
      timestampUnit: 's',
      now: deps.now().getTime(),
    });
    if (!replay.ok) {
      count(replay.reason);
      if (replay.reason === 'replayed_nonce') return void success(res);
      throw new AuthError('stale or invalid timestamp');
    }
    const body = typeof req.body === 'string' ? req.body : '';
    const xml = readXml(body, req, deps);
    const message = WechatMessageSchema.safeParse(xml);
    if (!message.success) throw new ValidationError('not a WeChat message');
    const m = message.data;
    const inbound = toInbound(m, body);
    if (!inbound) return void (count('ignored'), success(res));
    const key = `dedupe:${dedupeKey(m)}`;
    if (!(await deps.kv.set(key, '1', { onlyIfAbsent: true, ttlSeconds: DEDUPE_TTL_SECONDS }))) {
      count('duplicate');
      return void success(res);
    }
    const turn = deps.runTurn(inbound);
    let raced: Raced<TurnResult>;
    try {
      raced = await withDeadline(turn, deps.replyDeadlineMs);
    } catch (err) {
      await deps.kv.delete(key).catch(() => undefined); // let WeChat's retry run it again
      throw err;
    }
    if (!raced.done) {
      count('deferred');
      success(res);
      void turn
        .then((result) => sendLater(deps, m.FromUserName, result))
        .catch((err: unknown) =>
          deps.log.error({ err, channel: 'wechat' }, 'wechat turn failed after the deadline'),
        );
      return;
    }
    const [first, ...rest] = splitByBytes(raced.value.replies.map(toPlainText).join('\n\n'));
    if (first === undefined) return void (count('no_reply'), success(res));
    if (rest.length) {
      res.once('close', () => {
        void deps.customerService
          .sendText(m.FromUserName, rest.join('\n'))
          .catch((err: unknown) => deps.log.error({ err }, 'wechat send failed'));
      });
    }
    count('replied');
    const reply = textReplyXml(m.FromUserName, m.ToUserName, first, deps.now());
    res
      .status(200)
      .type('application/xml')
      .send(deps.crypto ? encryptReply(deps.crypto, reply, deps.now()) : reply);
  });
  return router;
}

/** The message XML: plain, or decrypted from the safe-mode envelope after checking msg_signature. */
function readXml(body: string, req: Request, deps: WechatRouterDeps): Record<string, string> {
  let outer: Record<string, string>;
  try {
    outer = parseWechatXml(body);
  } catch (err) {
    throw new ValidationError(err instanceof WechatXmlError ? err.message : 'bad XML');
  }
  if (!deps.crypto) return outer;
  const envelope = WechatEnvelopeSchema.safeParse(outer);
  if (!envelope.success) throw new ValidationError('safe mode: missing Encrypt');
  const expected = deps.crypto.signature(
    str(req.query.timestamp),
    str(req.query.nonce),
    envelope.data.Encrypt,
  );
  if (!safeEqual(expected, str(req.query.msg_signature))) throw new AuthError('invalid msg_signature');
  try {
    return parseWechatXml(deps.crypto.decrypt(envelope.data.Encrypt));
  } catch (err) {
    if (err instanceof WechatCryptoError && err.message === 'appid mismatch')
      throw new AuthError('appid mismatch');
    throw new ValidationError(
      err instanceof Error ? `safe mode: ${err.message}` : 'safe mode: cannot decrypt',
    );
  }
}

function encryptReply(crypto: WechatCrypto, xml: string, now: Date): string {
  const encrypted = crypto.encrypt(xml);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return encryptedReplyXml(encrypted, crypto.signature(timestamp, nonce, encrypted), timestamp, nonce);
}

async function sendLater(deps: WechatRouterDeps, openId: string, result: TurnResult): Promise<void> {
  const text = result.replies.map(toPlainText).join('\n\n');
  if (!text) return;
  const sent = await deps.customerService.sendText(openId, text);
  if (!sent.ok) deps.log.error({ channel: 'wechat', error: sent.error }, 'wechat late reply failed');
}
