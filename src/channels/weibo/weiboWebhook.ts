import { json } from 'express';
import { ValidationError } from '../../errors.js';
import type { WebhookAdapter } from '../webhook/webhookTurn.js';
import { toInbound, weiboMessageId } from './weiboInbound.js';
import type { WeiboReplyApi } from './weiboReplyApi.js';
import { passiveReply, splitWeiboText } from './weiboReplyFormat.js';
import { int64Reviver, parseWeiboPush, type WeiboPush } from './weiboSchema.js';
import { verifyWeiboSignature } from './weiboSignature.js';

/** A validated push and the JSON it came in (kept untouched as the inbound's `raw`). */
export interface WeiboIncoming {
  push: WeiboPush;
  raw: unknown;
}

/**
 * The Weibo platform's part of the webhook pipeline: signed query (millisecond timestamps), JSON
 * pushes (int64 ids kept exact, any content type, 64kb → 413), passive JSON replies, and the
 * reply API for what comes later. Unknown push types are acknowledged with an empty 200.
 */
export function weiboWebhook(deps: {
  appSecret: string;
  replyApi: WeiboReplyApi;
  /** JSON body limit (default 64kb → 413 above). */
  bodyLimit?: string;
}): WebhookAdapter<WeiboIncoming> {
  return {
    channel: 'weibo',
    timestampUnit: 'ms',
    ack: '',
    verify: (query) => verifyWeiboSignature(query, deps.appSecret),
    readBody: json({
      limit: deps.bodyLimit ?? '64kb',
      type: () => true,
      strict: true,
      reviver: int64Reviver,
    }),
    parse(req) {
      const raw: unknown = req.body;
      if (raw === undefined) throw new ValidationError('empty body');
      const parsed = parseWeiboPush(raw);
      return parsed.kind === 'push' ? { push: parsed.push, raw } : undefined;
    },
    toInbound: ({ push, raw }) => toInbound(push, raw) ?? undefined,
    messageId: ({ push }) => weiboMessageId(push),
    split: (text) => splitWeiboText(text),
    passiveReply: ({ push }, text) => ({
      contentType: 'application/json',
      body: JSON.stringify(passiveReply(push.sender_id, push.receiver_id, text)),
    }),
    sendLater: ({ push }, parts) => deps.replyApi.sendTexts(push.sender_id, parts),
  };
}
