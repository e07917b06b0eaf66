/**
 * Hostile-input fuzz of POST /weibo: every body is signed (so it reaches the parser), and every
 * answer must be a 4xx or an empty 200 — never a 5xx, never a crash, never prototype pollution.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePassiveReply, postWeiboPush, signedWeiboQuery } from '../../fakes/fakeWeiboApi.js';
import {
  APP_SECRET,
  fixture,
  outcomes,
  scriptedTurn,
  startWeiboHarness,
  type WeiboHarness,
} from './weiboTestKit.js';

interface Case {
  name: string;
  body: string | Uint8Array;
  contentType?: string;
  contentEncoding?: string;
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = ['text', 'image', 'voice', 'position', 'event-follow', 'event-unfollow', 'mention'];
const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  'abc',
  '１２３',
  [],
  [1, 2],
  {},
  { a: 1 },
  'x'.repeat(5000),
];

function hostileCases(): Case[] {
  const rand = prng(20261107);
  const cases: Case[] = [];
  const add = (name: string, body: string | Uint8Array, extra: Partial<Case> = {}) =>
    cases.push({ name, body, ...extra });

  // Truncated JSON of every fixture at several points.
  for (const name of FIXTURES) {
    const text = JSON.stringify(fixture(name));
    for (const cut of [1, 2, 5, 10, 20, 40, 60, 80, 100, text.length - 2, text.length - 1])
      add(`truncated ${name}@${cut}`, text.slice(0, cut));
  }
  // Every field of every fixture with wrong types.
  for (const name of FIXTURES) {
    const base = fixture(name);
    for (const field of ['type', 'receiver_id', 'sender_id', 'created_at', 'text', 'data']) {
      for (const value of WRONG_VALUES.slice(0, 8))
        add(
          `${name}.${field}=${JSON.stringify(value).slice(0, 20)}`,
          JSON.stringify({ ...base, [field]: value }),
        );
    }
  }
  // Wrong types inside data.
  for (const value of WRONG_VALUES) {
    add(
      `image.data.tovfid=${typeof value}`,
      JSON.stringify({ ...fixture('image'), data: { tovfid: value } }),
    );
    add(
      `event.data.subtype=${typeof value}`,
      JSON.stringify({ ...fixture('event-follow'), data: { subtype: value } }),
    );
  }
  // Huge fields.
  add('huge text over the limit', JSON.stringify({ ...fixture('text'), text: '投'.repeat(40_000) }));
  add('huge created_at', JSON.stringify({ ...fixture('text'), created_at: 'M'.repeat(20_000) }));
  add('huge id', JSON.stringify({ ...fixture('text'), sender_id: '9'.repeat(500) }));
  add(
    'int64 overflow id',
    '{"type":"text","receiver_id":1,"sender_id":123456789012345678901234567890,"created_at":"x","text":"a"}',
  );
  add(
    'many keys in data',
    JSON.stringify({
      ...fixture('position'),
      data: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])),
    }),
  );
  add('long type', JSON.stringify({ ...fixture('text'), type: 't'.repeat(10_000) }));
  // Nested depth bombs.
  add('deep array', `${'['.repeat(30_000)}${']'.repeat(30_000)}`);
  add('unclosed deep array', '['.repeat(60_000));
  add('deep object', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
  add(
    'deep data',
    JSON.stringify({ ...fixture('position'), data: null }).replace(
      'null',
      `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`,
    ),
  );
  add(
    'deep text',
    JSON.stringify({ ...fixture('text'), text: null }).replace(
      'null',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    ),
  );
  // Prototype pollution attempts.
  const polluted = [
    '{"__proto__":{"polluted":"yes"}}',
    `{"__proto__":{"polluted":"yes"},${JSON.stringify(fixture('text')).slice(1)}`,
    `{"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(fixture('text')).slice(1)}`,
    JSON.stringify({ ...fixture('image'), data: { vfid: 1, tovfid: 2 } }).replace(
      '"data":{',
      '"data":{"__proto__":{"polluted":"yes"},',
    ),
    JSON.stringify(fixture('event-follow')).replace(
      '"data":{',
      '"data":{"constructor":{"prototype":{"polluted":"yes"}},',
    ),
    '{"type":"text","__proto__":{"type":"event","polluted":"yes"}}',
    '[{"__proto__":{"polluted":"yes"}}]',
    '{"__proto__":[],"type":"text"}',
    '{"prototype":{"polluted":"yes"},"type":"event","data":{"subtype":"__proto__"}}',
  ];
  for (const [i, body] of polluted.entries()) add(`pollution #${i}`, body);
  // Binary garbage.
  for (let i = 0; i < 25; i++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(rand() * 2000) }, () => Math.floor(rand() * 256));
    add(`garbage #${i}`, bytes, { contentType: i % 2 ? 'application/octet-stream' : 'application/json' });
  }
  // XML instead of JSON (Weibo's WeChat-compatible format, and an XXE attempt).
  add(
    'xml message',
    '<xml><ToUserName><![CDATA[1902538057]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content>hi</Content></xml>',
    {
      contentType: 'text/xml',
    },
  );
  add(
    'xml xxe',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
    {
      contentType: 'application/xml',
    },
  );
  // Wrong content types and charsets, empty and scalar bodies.
  add('form body', 'type=text&sender_id=1&text=hi', { contentType: 'application/x-www-form-urlencoded' });
  add('json as unknown charset', JSON.stringify(fixture('text')), {
    contentType: 'application/json; charset=koi8-r',
  });
  add('multipart', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--', {
    contentType: 'multipart/form-data; boundary=b',
  });
  for (const body of [
    '',
    ' ',
    '\n',
    'null',
    'true',
    '123',
    '"text"',
    '[]',
    '{}',
    '{"type":""}',
    'NaN',
    '{"type":"text"}{"type":"text"}',
    '\u0000',
  ]) {
    add(`scalar ${JSON.stringify(body)}`, body);
  }
  // Compressed bodies: garbage, and a gzip bomb that inflates past the limit.
  add('gzip garbage', Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), { contentEncoding: 'gzip' });
  add('gzip bomb', Uint8Array.from(gzipSync(Buffer.alloc(5_000_000, 0x20))), { contentEncoding: 'gzip' });
  add('unknown encoding', JSON.stringify(fixture('text')), { contentEncoding: 'br2' });
  return cases;
}

let h: WeiboHarness;
const turn = scriptedTurn(() => []);

beforeAll(async () => {
  h = await startWeiboHarness({ runTurn: turn.runTurn });
});
afterAll(async () => {
  await h.close();
});

describe('weibo webhook fuzz', () => {
  it('answers at least 200 hostile bodies with 4xx or an empty 200, never 5xx, and keeps serving', async () => {
    const cases = hostileCases();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const failures: string[] = [];
    for (let i = 0; i < cases.length; i += 16) {
      await Promise.all(
        cases.slice(i, i + 16).map(async (c) => {
          const headers: Record<string, string> = { 'Content-Type': c.contentType ?? 'application/json' };
          if (c.contentEncoding) headers['Content-Encoding'] = c.contentEncoding;
          const res = await fetch(`${h.webhookUrl}?${signedWeiboQuery(APP_SECRET).toString()}`, {
            method: 'POST',
            headers,
            body: typeof c.body === 'string' ? c.body : Uint8Array.from(c.body),
          });
          const text = await res.text();
          const fine = (res.status >= 400 && res.status < 500) || (res.status === 200 && text === '');
          if (!fine) failures.push(`${c.name}: ${res.status} ${text.slice(0, 80)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await outcomes(h.metrics)).error).toBeUndefined();
    // Messages the turn saw are well-formed (strings for ids and text).
    for (const msg of turn.calls) {
      expect(msg.userId).toMatch(/^\d{1,20}$/);
      if (msg.text !== undefined) expect(typeof msg.text).toBe('string');
    }

    // Still serving: verification and a real push.
    const verify = await fetch(
      `${h.webhookUrl}?${signedWeiboQuery(APP_SECRET, { echostr: 'still-alive' }).toString()}`,
    );
    expect(await verify.text()).toBe('still-alive');
    const before = turn.calls.length;
    const ok = await postWeiboPush(h.webhookUrl, APP_SECRET, {
      ...fixture('text'),
      created_at: 'Tue Jul 17 09:00:00 +0800 2012',
    });
    expect(ok).toMatchObject({ status: 200, text: '' });
    expect(decodePassiveReply(ok.text)).toBeNull();
    expect(turn.calls.length).toBe(before + 1);
  });

  it('hostile bodies without a valid signature are refused with 401 before being read', async () => {
    const cases = hostileCases().slice(0, 40);
    const statuses = await Promise.all(
      cases.map(async (c) => {
        const res = await fetch(`${h.webhookUrl}?${signedWeiboQuery('wrong').toString()}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: typeof c.body === 'string' ? c.body : Uint8Array.from(c.body),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
  });
});
