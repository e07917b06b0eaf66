/**
 * Attacks on the platform webhooks (issue 10 items 5 and 6), reproduced against the real
 * adapters over HTTP: a Weibo push replayed with its signature's case changed, and a padding
 * oracle on WeChat safe mode. Ciphertexts are built here with node's AES, independent of src/.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnResult } from '../../../src/engine/context.js';
import type { InboundMessage } from '../../../src/domain/message.js';
import { newConversationState } from '../../../src/engine/state.js';
import { postWeiboPush, signedWeiboQuery } from '../../fakes/fakeWeiboApi.js';
import { WX, encryptedRequest, serveWechatAdapter, signedQuery, textXml } from '../wechat/wechatKit.js';
import { APP_SECRET, outcomes, push, scriptedTurn, startWeiboHarness } from '../weibo/weiboTestKit.js';

describe('Weibo replay with a case-changed signature (issue 10 item 5)', () => {
  it('refuses every replay of a captured push whose signature differs only in letter case', async () => {
    const turn = scriptedTurn(() => [{ text: '好的' }]);
    const h = await startWeiboHarness({ runTurn: turn.runTurn });
    try {
      const captured = signedWeiboQuery(APP_SECRET);
      const first = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '原始消息' }), {
        query: captured,
      });
      expect(first.status).toBe(200);
      const signature = captured.get('signature') ?? '';
      const letters = [...signature].flatMap((c, i) => (/[a-f]/.test(c) ? [i] : []));
      expect(letters.length).toBeGreaterThan(0);
      const variants = [
        ...letters.map((i) => signature.slice(0, i) + signature[i]!.toUpperCase() + signature.slice(i + 1)),
        signature.toUpperCase(),
      ];
      for (const forged of variants) {
        const query = new URLSearchParams(captured);
        query.set('signature', forged);
        const replay = await postWeiboPush(
          h.webhookUrl,
          APP_SECRET,
          push('text', { text: '伪造的消息', sender_id: 1234567 }),
          { query },
        );
        expect(replay).toMatchObject({ status: 200, text: '' });
      }
      expect(turn.calls.map((c) => c.text)).toEqual(['原始消息']);
      expect((await outcomes(h.metrics)).replayed_nonce).toBe(variants.length);
    } finally {
      await h.close();
    }
  });
});

const KEY = Buffer.from(`${WX.aesKey}=`, 'base64');
/** AES-256-CBC as WeChat does it, without any padding of its own: the caller controls every byte. */
function rawEncrypt(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', KEY, KEY.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
/** PKCS#7 to 32-byte blocks. */
const pad32 = (b: Buffer): Buffer => {
  const n = 32 - (b.length % 32);
  return Buffer.concat([b, Buffer.alloc(n, n)]);
};
/** 16 random bytes + 4-byte length (+ `lengthDelta`) + message + appId. */
function frame(message: string, appId = WX.appId, lengthDelta = 0): Buffer {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length + lengthDelta);
  return Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
}

describe('WeChat safe mode is not a padding oracle (issue 10 item 6)', () => {
  const seen: InboundMessage[] = [];
  let server: Awaited<ReturnType<typeof serveWechatAdapter>>;
  beforeAll(async () => {
    server = await serveWechatAdapter({
      safe: true,
      apiBase: 'http://127.0.0.1:9',
      runTurn: (m): Promise<TurnResult> => {
        seen.push(m);
        return Promise.resolve({
          replies: [{ text: 'ok' }],
          intent: 'faq',
          state: newConversationState(new Date().toISOString()),
        });
      },
    });
  });
  afterAll(async () => server.close());

  const post = async (encrypted: string, msgSignature?: string) => {
    const query = signedQuery();
    query.set('encrypt_type', 'aes');
    query.set(
      'msg_signature',
      msgSignature ?? getSignature(WX.token, query.get('timestamp')!, query.get('nonce')!, encrypted),
    );
    const res = await fetch(`${server.url}?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[${WX.account}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      length: res.headers.get('content-length'),
      body: await res.text(),
    };
  };

  it('answers every kind of decryption failure with a byte-identical response', async () => {
    const message = textXml('o-oracle', '你好');
    const zeroPadded = frame(message);
    const failures: Record<string, Promise<Awaited<ReturnType<typeof post>>>> = {
      'wrong msg_signature': post(rawEncrypt(pad32(frame(message))), 'f'.repeat(40)),
      'appid mismatch': post(rawEncrypt(pad32(frame(message, 'wx-someone-else')))),
      'bad padding (zero)': post(
        rawEncrypt(Buffer.concat([zeroPadded, Buffer.alloc(32 - (zeroPadded.length % 32) || 32, 0)])),
      ),
      'bad padding (inconsistent)': post(
        rawEncrypt(
          Buffer.concat([zeroPadded, Buffer.alloc(31 - (zeroPadded.length % 32) + 32, 1), Buffer.from([5])]),
        ),
      ),
      'bad message length': post(rawEncrypt(pad32(frame(message, WX.appId, 5000)))),
      'plaintext too short': post(rawEncrypt(pad32(Buffer.alloc(10, 65)))),
      'decrypted text is not XML': post(rawEncrypt(pad32(frame('not xml at all')))),
      'decrypted XML is not a message': post(rawEncrypt(pad32(frame('<xml><Foo>1</Foo></xml>')))),
    };
    const answers = Object.fromEntries(
      await Promise.all(Object.entries(failures).map(async ([k, p]) => [k, await p] as const)),
    );
    const reference = answers['appid mismatch']!;
    expect(reference.status).toBe(401);
    expect(reference.body).not.toMatch(/padding|length|appid|short|xml/i);
    for (const [kind, answer] of Object.entries(answers))
      expect(answer, `${kind} must look like every other failure`).toEqual(reference);
    expect(seen).toHaveLength(0);

    // The same server still opens a genuine message.
    const genuine = encryptedRequest(textXml('o-oracle', '真的'));
    const ok = await fetch(`${server.url}?${genuine.query.toString()}`, {
      method: 'POST',
      body: genuine.body,
    });
    expect(ok.status).toBe(200);
    expect(seen.map((m) => m.text)).toEqual(['真的']);
  });

  it('the GET verification refuses a signature outside the timestamp window', async () => {
    const stale = signedQuery(Math.floor(Date.now() / 1000) - 3600);
    stale.set('echostr', 'echo-stale');
    expect((await fetch(`${server.url}?${stale.toString()}`)).status).toBe(401);
    const fresh = signedQuery();
    fresh.set('echostr', 'echo-fresh');
    expect(await (await fetch(`${server.url}?${fresh.toString()}`)).text()).toBe('echo-fresh');
  });
});

describe('one pipeline for both platforms (issue 12 item 3)', () => {
  it('every webhook turn carries the platform message id, stable across the platform’s retries', async () => {
    const turn = scriptedTurn(() => [{ text: '好的' }]);
    const h = await startWeiboHarness({ runTurn: turn.runTurn });
    const wechatSeen: InboundMessage[] = [];
    const wx = await serveWechatAdapter({
      apiBase: 'http://127.0.0.1:9',
      runTurn: (m) => {
        wechatSeen.push(m);
        return Promise.resolve({
          replies: [],
          intent: 'faq',
          state: newConversationState(new Date().toISOString()),
        });
      },
    });
    try {
      const body = push('text', { text: '我要投诉' });
      await postWeiboPush(h.webhookUrl, APP_SECRET, body);
      expect(turn.calls[0]?.messageId).toMatch(/^\d+:[0-9a-f]{40}$/);
      await fetch(`${wx.url}?${signedQuery().toString()}`, {
        method: 'POST',
        body: textXml('o-id', 'hi', '5555555555555555'),
      });
      const event = `<xml><ToUserName>${WX.account}</ToUserName><FromUserName>o-id</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
      await fetch(`${wx.url}?${signedQuery().toString()}`, { method: 'POST', body: event });
      await fetch(`${wx.url}?${signedQuery().toString()}`, { method: 'POST', body: event }); // WeChat's retry
      expect(wechatSeen.map((m) => m.messageId)).toEqual([
        '5555555555555555',
        expect.stringMatching(/^evt:/),
      ]);
    } finally {
      await h.close();
      await wx.close();
    }
  });
});
