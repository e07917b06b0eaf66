/** Routes of the pages and the platform webhooks, for the OpenAPI document (see routes.ts). */
import { WechatQuerySchema } from '../channels/wechat/wechatHttpSchemas.js';
import { WeiboQuerySchema } from '../channels/weibo/weiboHttpSchemas.js';
import { errors, json, text, type ApiRoute } from './routeTypes.js';

/** Pages, then webhooks (mounted only when their channel is configured). */
export const CHANNEL_ROUTES: readonly ApiRoute[] = [
  ...(
    [
      ['/', 'text/html', 'Demo shop page with the chat widget'],
      ['/agent', 'text/html', 'Agent console (asks for the agent token)'],
      ['/widget.js', 'text/javascript', 'The widget: one <script src=".../widget.js"> embeds it on any site'],
      ['/assets/console.js', 'text/javascript', 'The agent console’s script'],
    ] as const
  ).map(([path, contentType, summary]): ApiRoute => ({
    method: 'get',
    path,
    tag: 'pages',
    summary,
    responses: { 200: text('The file', `${contentType}; charset=utf-8`) },
  })),
  {
    method: 'get',
    path: '/wechat',
    tag: 'webhooks',
    summary: 'WeChat URL verification: echoes `echostr` when the signature is valid',
    description: 'Mounted only when WECHAT_TOKEN is set.',
    query: WechatQuerySchema,
    responses: { 200: text('The echostr'), ...errors('invalid_request', 'unauthorized') },
  },
  {
    method: 'post',
    path: '/wechat',
    tag: 'webhooks',
    summary: 'WeChat message push (plain or safe mode); answered within WeChat’s 5 seconds',
    description:
      'Plain mode: the body is the message XML (WechatMessage). Safe mode (`encrypt_type=aes`): an XML envelope with `Encrypt` (WechatEnvelope). Duplicates and replays are answered `success` and not run again.',
    query: WechatQuerySchema,
    body: { contentType: 'text/xml', schema: 'WechatMessage', maxBytes: 64 * 1024 },
    responses: {
      200: text(
        'A passive reply (XML, encrypted in safe mode) or `success` (reply follows later)',
        'application/xml',
      ),
      ...errors('invalid_request', 'unauthorized', 'payload_too_large', 'store_unavailable'),
    },
  },
  {
    method: 'get',
    path: '/weibo',
    tag: 'webhooks',
    summary: 'Weibo URL verification: echoes `echostr` when the signature is valid and fresh',
    description: 'Mounted only when WEIBO_APP_SECRET is set.',
    query: WeiboQuerySchema,
    responses: { 200: text('The echostr'), ...errors('invalid_request', 'unauthorized') },
  },
  {
    method: 'post',
    path: '/weibo',
    tag: 'webhooks',
    summary: 'Weibo private-message push; answered with a passive reply or an empty 200',
    description: 'Unknown push types, duplicates and replays get an empty 200.',
    query: WeiboQuerySchema,
    body: { contentType: 'application/json', schema: 'WeiboPush', maxBytes: 64 * 1024 },
    responses: {
      200: json('The passive reply (or an empty body)', 'WeiboPassiveReply'),
      ...errors('invalid_request', 'unauthorized', 'payload_too_large', 'store_unavailable'),
    },
  },
  {
    method: 'post',
    path: '/slack/events',
    tag: 'webhooks',
    summary: 'Slack agent desk: Events API (thread replies) and interactivity (case buttons)',
    description:
      'Mounted only when the SLACK_* variables are set. Headers `X-Slack-Signature` (v0 HMAC-SHA256 of timestamp and body) and `X-Slack-Request-Timestamp` are checked before the body is read; replays are refused. Answered within Slack’s 3 seconds.',
    body: {
      contentType: 'application/json',
      schema: 'SlackEvents',
      maxBytes: 256 * 1024,
      alternatives: [{ contentType: 'application/x-www-form-urlencoded', schema: 'SlackInteractivityForm' }],
    },
    responses: {
      200: json('Empty, or `{challenge}` for `url_verification`', 'SlackChallenge'),
      ...errors(
        'invalid_request',
        'unauthorized',
        'payload_too_large',
        'internal_error',
        'store_unavailable',
      ),
    },
  },
];
