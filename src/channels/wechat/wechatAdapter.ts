import { systemClock } from '../../domain/clock.js';
import type { Config } from '../../config.js';
import { outboundText } from '../outboundText.js';
import type { ChannelAdapter, ChannelDeps } from '../registry.js';
import { webhookTurn } from '../webhook/webhookTurn.js';
import { AccessTokenProvider } from './accessToken.js';
import { CustomerServiceSender } from './customerService.js';
import { WechatCrypto } from './wechatCrypto.js';
import { wechatWebhook } from './wechatWebhook.js';

/** WeChat retries after 5 s; kefu answers by 4 s and sends the rest through the API. */
export const DEFAULT_WECHAT_REPLY_DEADLINE_MS = 4000;

/**
 * The WeChat official-account channel: `GET|POST /wechat` (plain or safe mode) and a sender for
 * agents' messages through the customer-service API. Errors WeChat returns (e.g. 45015 outside
 * the 48-hour window) come back as the delivery result, which the desk records on the case.
 */
export function createWechatAdapter(
  config: NonNullable<Config['wechat']>,
  deps: ChannelDeps,
): ChannelAdapter {
  const fetchFn = deps.fetch ?? fetch;
  const clock = deps.clock ?? systemClock;
  const tokens = new AccessTokenProvider({
    kv: deps.kv,
    apiBase: config.apiBase,
    appId: config.appId ?? '',
    appSecret: config.appSecret ?? '',
    fetch: fetchFn,
    clock,
  });
  const customerService = new CustomerServiceSender({ apiBase: config.apiBase, tokens, fetch: fetchFn });
  const crypto = config.aesKey
    ? new WechatCrypto(config.token, config.aesKey, config.appId ?? '')
    : undefined;
  const router = webhookTurn(
    wechatWebhook({ token: config.token, crypto, customerService, log: deps.log, clock }),
    {
      runTurn: deps.runTurn,
      kv: deps.kv,
      log: deps.log,
      metrics: deps.metrics,
      clock,
      timestampWindowSeconds: deps.timestampWindowSeconds,
      replyDeadlineMs: deps.replyDeadlineMs ?? DEFAULT_WECHAT_REPLY_DEADLINE_MS,
    },
  );
  return {
    name: 'wechat',
    mountPath: '/wechat',
    router,
    sender: {
      async deliver(openId, message) {
        if (!config.appId || !config.appSecret)
          return { ok: false, error: 'WECHAT_APPID and WECHAT_APPSECRET are needed to send messages' };
        return customerService.sendText(openId, outboundText(message));
      },
    },
  };
}
