import { systemClock } from '../../domain/clock.js';
import type { Config } from '../../config.js';
import { outboundText } from '../outboundText.js';
import type { ChannelAdapter, ChannelDeps, ChannelSender } from '../registry.js';
import { webhookTurn } from '../webhook/webhookTurn.js';
import { createWeiboReplyApi } from './weiboReplyApi.js';
import { splitWeiboText } from './weiboReplyFormat.js';
import { weiboWebhook } from './weiboWebhook.js';

/** Weibo answers within 5 s or retries; kefu answers by 4 s and replies through the API after. */
export const DEFAULT_WEIBO_REPLY_DEADLINE_MS = 4000;

/**
 * The Weibo private-message channel (粉丝服务平台 开发模式): a router for `GET|POST /weibo`
 * (URL verification, signed JSON pushes, passive replies) and a sender that delivers agent and
 * system messages through `POST {apiBase}/2/messages/reply.json`. Replies longer than one Weibo
 * message (< 300 characters) are split; the first part is the passive answer, the rest go through
 * the reply API. Without `WEIBO_ACCESS_TOKEN` pushes still get passive replies, but nothing can
 * be sent outside a push's answer (`deliver` reports `WEIBO_ACCESS_TOKEN not configured`).
 */
export function createWeiboAdapter(config: NonNullable<Config['weibo']>, deps: ChannelDeps): ChannelAdapter {
  const replyApi = createWeiboReplyApi({
    apiBase: config.apiBase,
    accessToken: config.accessToken,
    fetch: deps.fetch,
    log: deps.log,
  });
  const router = webhookTurn(weiboWebhook({ appSecret: config.appSecret, replyApi }), {
    runTurn: deps.runTurn,
    kv: deps.kv,
    log: deps.log,
    metrics: deps.metrics,
    clock: deps.clock ?? systemClock,
    timestampWindowSeconds: deps.timestampWindowSeconds,
    replyDeadlineMs: deps.replyDeadlineMs ?? DEFAULT_WEIBO_REPLY_DEADLINE_MS,
  });
  const sender: ChannelSender = {
    async deliver(userId, message) {
      if (!config.accessToken) return { ok: false, error: 'WEIBO_ACCESS_TOKEN not configured' };
      const parts = splitWeiboText(outboundText(message));
      if (!parts.length) return { ok: false, error: 'weibo error: empty message' };
      return replyApi.sendTexts(userId, parts);
    },
  };
  return { name: 'weibo', mountPath: '/weibo', router, sender };
}
