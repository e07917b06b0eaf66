import type { Clock } from '../../domain/clock.js';
import { randomBytes } from 'node:crypto';
import { text, type Request } from 'express';
import { AuthError, ValidationError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { WebhookAdapter } from '../webhook/webhookTurn.js';
import { safeEqual, sortedSha1, type SignatureCheck } from '../webhookSecurity.js';
import { splitByBytes, type CustomerServiceSender } from './customerService.js';
import { isCiphertext, type WechatCrypto } from './wechatCrypto.js';
import {
  WechatEnvelopeSchema,
  WechatMessageSchema,
  toInbound,
  wechatMessageId,
  type WechatMessage,
} from './wechatSchema.js';
import { WechatXmlError, encryptedReplyXml, parseWechatXml, textReplyXml } from './wechatXml.js';

export interface WechatWebhookDeps {
  token: string;
  /** Set in safe mode (WECHAT_AES_KEY). */
  crypto?: WechatCrypto;
  customerService: CustomerServiceSender;
  log: Logger;
  clock: Clock;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The one answer to every safe-mode message that is not authentic: a wrong msg_signature, bad
 * padding, a bad length field, another account's appid, a plaintext that is not a message. One
 * status, one body, whatever went wrong (no padding oracle); the reason is only logged.
 */
export const SAFE_MODE_REFUSAL = 'invalid encrypted message';

/** A validated WeChat message and the body it came in (kept untouched as the inbound's `raw`). */
export interface WechatPush {
  message: WechatMessage;
  raw: string;
}

/** The WeChat platform's part of the webhook pipeline (plain and safe mode). */
export function wechatWebhook(deps: WechatWebhookDeps): WebhookAdapter<WechatPush> {
  const refuse = (reason: string): never => {
    deps.log.warn({ channel: 'wechat', reason }, 'wechat safe-mode message refused');
    throw new AuthError(SAFE_MODE_REFUSAL);
  };

  /** The decrypted message fields of a safe-mode envelope; every failure is the same refusal. */
  const open = (
    outer: Record<string, string>,
    req: Request,
    crypto: WechatCrypto,
  ): Record<string, string> => {
    const envelope = WechatEnvelopeSchema.safeParse(outer);
    if (!envelope.success) throw new ValidationError('safe mode: missing Encrypt');
    const encrypted = envelope.data.Encrypt;
    // Public properties of the ciphertext, checked without the key: they reveal nothing.
    if (!isCiphertext(encrypted)) throw new ValidationError('safe mode: Encrypt is not AES ciphertext');
    const expected = crypto.signature(str(req.query.timestamp), str(req.query.nonce), encrypted);
    if (!safeEqual(expected, str(req.query.msg_signature))) return refuse('msg_signature mismatch');
    let inner: Record<string, string>;
    try {
      inner = parseWechatXml(crypto.decrypt(encrypted));
    } catch (err) {
      return refuse(err instanceof Error ? err.message : 'cannot decrypt');
    }
    return inner;
  };

  const encryptReply = (crypto: WechatCrypto, xml: string): string => {
    const encrypted = crypto.encrypt(xml);
    const timestamp = String(Math.floor(deps.clock.nowMs() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return encryptedReplyXml(encrypted, crypto.signature(timestamp, nonce, encrypted), timestamp, nonce);
  };

  return {
    channel: 'wechat',
    timestampUnit: 's',
    ack: 'success',
    verify(query): SignatureCheck {
      const timestamp = str(query.timestamp);
      const nonce = str(query.nonce);
      const signature = str(query.signature);
      if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_params' };
      if (!safeEqual(sortedSha1([deps.token, timestamp, nonce]), signature))
        return { ok: false, reason: 'bad_signature' };
      return { ok: true, params: { timestamp, nonce, signature } };
    },
    readBody: text({ type: () => true, limit: '64kb' }),
    parse(req) {
      const body = typeof req.body === 'string' ? req.body : '';
      let outer: Record<string, string>;
      try {
        outer = parseWechatXml(body);
      } catch (err) {
        throw new ValidationError(err instanceof WechatXmlError ? err.message : 'bad XML');
      }
      const fields = deps.crypto ? open(outer, req, deps.crypto) : outer;
      const message = WechatMessageSchema.safeParse(fields);
      if (message.success) return { message: message.data, raw: body };
      return deps.crypto ? refuse('decrypted XML is not a message') : invalid();
    },
    toInbound: (push) => toInbound(push.message, push.raw),
    messageId: (push) => wechatMessageId(push.message),
    split: (t) => splitByBytes(t),
    passiveReply({ message: m }, content) {
      const reply = textReplyXml(m.FromUserName, m.ToUserName, content, deps.clock.now());
      return {
        contentType: 'application/xml',
        body: deps.crypto ? encryptReply(deps.crypto, reply) : reply,
      };
    },
    async sendLater({ message: m }, parts) {
      for (const part of parts) {
        const sent = await deps.customerService.sendText(m.FromUserName, part);
        if (!sent.ok) return sent;
      }
      return { ok: true };
    },
  };
}

function invalid(): never {
  throw new ValidationError('not a WeChat message');
}
