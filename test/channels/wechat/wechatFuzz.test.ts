import { describe, expect, it } from 'vitest';
import { WechatCrypto } from '../../../src/channels/wechat/wechatCrypto.js';
import { newConversationState } from '../../../src/engine/state.js';
import { WX, serveWechatAdapter, signedQuery, textXml } from './wechatKit.js';

/** Deterministic pseudo-random generator so a failure can be reproduced. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function hostileBodies(): string[] {
  const r = rng(7);
  const valid = textXml('o-fuzz', '投诉电话多少', '1234567890123456');
  const bodies: string[] = [
    '',
    ' ',
    '{"ToUserName":"x"}',
    '<xml>',
    '<xml></xml>',
    '<notxml/>',
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>',
    '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>',
    '<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd">',
    '<xml><__proto__><polluted>1</polluted></__proto__></xml>',
    '<xml><constructor><prototype><polluted>1</polluted></prototype></constructor></xml>',
    `<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>notanumber</CreateTime><MsgType>text</MsgType></xml>`,
    `<xml><ToUserName>a</ToUserName><FromUserName>${'b'.repeat(5000)}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>`,
    `<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>${'长'.repeat(30_000)}</Content></xml>`,
    '<xml><Encrypt><![CDATA[%%%%]]></Encrypt></xml>',
    '\u0000\u0001\u0002\uFFFF',
    '<xml>' + '<a>'.repeat(5000) + '</xml>',
  ];
  for (let i = 1; i < valid.length; i += Math.max(1, Math.floor(valid.length / 60)))
    bodies.push(valid.slice(0, i)); // truncations
  for (let i = 0; i < 90; i++) {
    const chars = valid.split('');
    for (let j = 0; j < 4; j++)
      chars[Math.floor(r() * chars.length)] = String.fromCharCode(Math.floor(r() * 0xffff));
    bodies.push(chars.join('')); // mutations
  }
  for (let i = 0; i < 40; i++)
    bodies.push(
      Buffer.from(Array.from({ length: 64 + Math.floor(r() * 512) }, () => Math.floor(r() * 256))).toString(
        'latin1',
      ),
    );
  for (const type of ['text', 'image', 'voice', 'event', 'video', 'link', '', '<b>']) {
    bodies.push(
      `<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>${type}</MsgType><MsgId>x${type}</MsgId></xml>`,
    );
  }
  return bodies;
}

function serve(safe: boolean) {
  return serveWechatAdapter({
    safe,
    apiBase: 'http://127.0.0.1:9',
    runTurn: () =>
      Promise.resolve({
        replies: [{ text: 'ok' }],
        intent: 'faq' as const,
        state: newConversationState(new Date().toISOString()),
      }),
  });
}

describe('WeChat webhook fuzzing', () => {
  for (const safe of [false, true]) {
    it(`${safe ? 'safe' : 'plain'} mode: every hostile body gets a 4xx or a safe 200, never a 5xx`, async () => {
      const { url, close } = await serve(safe);
      const crypto = new WechatCrypto(WX.token, WX.aesKey, WX.appId);
      const bodies = hostileBodies();
      if (safe) {
        // Well-signed envelopes around hostile plaintexts, bad base64 and bad padding.
        for (const b of bodies.slice(0, 80))
          bodies.push(`<xml><Encrypt><![CDATA[${crypto.encrypt(b)}]]></Encrypt></xml>`);
        for (let i = 0; i < 20; i++)
          bodies.push(
            `<xml><Encrypt><![CDATA[${Buffer.alloc(32 * (i + 1), i).toString('base64')}]]></Encrypt></xml>`,
          );
      }
      expect(bodies.length).toBeGreaterThanOrEqual(200);
      const statuses = new Map<number, number>();
      for (const body of bodies) {
        const q = signedQuery();
        const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(body)?.[1];
        if (safe && encrypted)
          q.set('msg_signature', crypto.signature(q.get('timestamp')!, q.get('nonce')!, encrypted));
        const res = await fetch(`${url}?${q.toString()}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body,
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(
          res.status,
          `body ${JSON.stringify(body.slice(0, 80))} → ${res.status} ${text.slice(0, 80)}`,
        ).toBeLessThan(500);
        if (res.status === 200)
          expect(text === 'success' || text === '' || text.startsWith('<xml>')).toBe(true);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Still serving.
      const ok = await fetch(`${url}?${signedQuery().toString()}`, {
        method: 'POST',
        body: safe ? '<xml/>' : textXml('o-after', 'hi'),
      });
      expect(ok.status).toBeLessThan(500);
      await close();
    }, 60_000);
  }
});
