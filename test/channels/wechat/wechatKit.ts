import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { encrypt, getSignature } from '@wecom/crypto';
import express from 'express';
import { pino } from 'pino';
import { createWechatAdapter } from '../../../src/channels/wechat/wechatAdapter.js';
import type { ChannelAdapter } from '../../../src/channels/registry.js';
import type { RunTurn } from '../../../src/engine/turnRunner.js';
import type { Clock } from '../../../src/domain/clock.js';
import { createErrorHandler } from '../../../src/http/errorHandler.js';
import { Metrics } from '../../../src/observability/metrics.js';
import { createMemoryStore } from '../../../src/store/createStore.js';

/** Test settings of the official account. */
export const WX = {
  token: 'kefu-wechat-token',
  appId: 'wx-test-app',
  appSecret: 'test-secret',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  account: 'gh_kefu_test',
};

/** WeChat's side of the plain-mode signature, computed independently of src/. */
export function signedQuery(
  nowSeconds = Math.floor(Date.now() / 1000),
  nonce = randomBytes(6).toString('hex'),
): URLSearchParams {
  const timestamp = String(nowSeconds);
  const signature = createHash('sha1').update([WX.token, timestamp, nonce].sort().join('')).digest('hex');
  return new URLSearchParams({ timestamp, nonce, signature, openid: 'o-user' });
}

let msgSeq = 0;
/** A text message as WeChat sends it. */
export function textXml(
  from: string,
  content: string,
  msgId = String(Date.now()) + String(++msgSeq).padStart(4, '0'),
): string {
  return `<xml><ToUserName><![CDATA[${WX.account}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

/** A safe-mode POST: the message encrypted with @wecom/crypto and signed as WeChat does. */
export function encryptedRequest(
  innerXml: string,
  appId = WX.appId,
): { query: URLSearchParams; body: string } {
  const query = signedQuery();
  const encrypted = encrypt(WX.aesKey, innerXml, appId);
  const msgSignature = getSignature(
    WX.token,
    query.get('timestamp') ?? '',
    query.get('nonce') ?? '',
    encrypted,
  );
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', msgSignature);
  return {
    query,
    body: `<xml><ToUserName><![CDATA[${WX.account}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

/** Reads a field of a reply XML. */
export function field(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * A WeChat adapter for the test account on the memory store, mounted at /wechat with kefu's
 * error handler on a free port. `close` stops the server and the store.
 */
export async function serveWechatAdapter(options: {
  runTurn: RunTurn;
  apiBase: string;
  safe?: boolean;
  replyDeadlineMs?: number;
  clock?: Clock;
}): Promise<{ url: string; adapter: ChannelAdapter; close: () => Promise<void> }> {
  const store = createMemoryStore();
  const log = pino({ level: 'silent' });
  const adapter = createWechatAdapter(
    {
      token: WX.token,
      appId: WX.appId,
      appSecret: WX.appSecret,
      aesKey: options.safe ? WX.aesKey : undefined,
      apiBase: options.apiBase,
    },
    {
      runTurn: options.runTurn,
      kv: store.kv,
      log,
      metrics: new Metrics({ defaultMetrics: false }),
      timestampWindowSeconds: 300,
      replyDeadlineMs: options.replyDeadlineMs,
      clock: options.clock,
    },
  );
  const app = express();
  app.use('/wechat', adapter.router!);
  app.use(createErrorHandler(log));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`,
    adapter,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}
