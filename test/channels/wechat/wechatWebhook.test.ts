import { decrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatCrypto } from '../../../src/channels/wechat/wechatCrypto.js';
import type { TurnResult } from '../../../src/engine/context.js';
import type { InboundMessage } from '../../../src/domain/message.js';
import { newConversationState } from '../../../src/engine/state.js';
import { startFakeWechatApi } from '../../fakes/fakeWechatApi.js';
import { ManualClock } from '../../helpers/manualClock.js';
import type { Clock } from '../../../src/domain/clock.js';
import { WX, encryptedRequest, field, serveWechatAdapter, signedQuery, textXml } from './wechatKit.js';

/** Published vectors from WxJava's WxCryptUtilTest (weixin-java-common, me.chanjar.weixin.common.util.crypto). */
const WXJAVA = {
  token: 'pamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

type Harness = Awaited<ReturnType<typeof start>>;
async function start(
  options: {
    safe?: boolean;
    deadlineMs?: number;
    turn?: (m: InboundMessage) => Promise<TurnResult>;
    clock?: Clock;
  } = {},
) {
  const api = await startFakeWechatApi();
  const seen: InboundMessage[] = [];
  const reply = (text: string): TurnResult => ({
    replies: [{ text, quickReplies: ['转人工'] }],
    intent: 'faq',
    state: newConversationState(new Date().toISOString()),
  });
  const runTurn = async (m: InboundMessage) => {
    seen.push(m);
    if (options.turn) return options.turn(m);
    return reply(
      m.kind === 'event' ? '欢迎关注' : `echo:${m.text ?? m.kind}:${m.attachments?.[0]?.mediaId ?? ''}`,
    );
  };
  const { url, adapter, close } = await serveWechatAdapter({
    runTurn,
    apiBase: api.baseUrl,
    safe: options.safe,
    replyDeadlineMs: options.deadlineMs ?? 2000,
    clock: options.clock,
  });
  const post = (body: string, query = signedQuery()) =>
    fetch(`${url}?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return {
    url,
    api,
    seen,
    adapter,
    post,
    close: async () => {
      await close();
      await api.close();
    },
  };
}

describe('WeChat crypto', () => {
  it('reproduces WxJava’s published ciphertext and decrypts it', () => {
    const c = new WechatCrypto(WXJAVA.token, WXJAVA.aesKey, WXJAVA.appId);
    expect(c.encrypt(WXJAVA.message, Buffer.from(WXJAVA.random))).toBe(WXJAVA.encrypted);
    expect(c.decrypt(WXJAVA.encrypted)).toBe(WXJAVA.message);
  });
  it('round-trips with an independent implementation (@wecom/crypto) both ways', () => {
    const c = new WechatCrypto(WX.token, WX.aesKey, WX.appId);
    const xml =
      '<xml><Content><![CDATA[中文 ]]]]><![CDATA[> and a long message ' +
      'x'.repeat(100) +
      ']]></Content></xml>';
    expect(decrypt(WX.aesKey, c.encrypt(xml))).toMatchObject({ message: xml, id: WX.appId });
    const theirs = encryptedRequest(xml);
    const enc = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(theirs.body)?.[1] ?? '';
    expect(c.decrypt(enc)).toBe(xml);
    expect(c.signature('1', '2', enc)).toBe(getSignature(WX.token, '1', '2', enc));
  });
  it('refuses another account’s appid, bad base64 and bad padding', () => {
    const c = new WechatCrypto(WX.token, WX.aesKey, WX.appId);
    const other = new WechatCrypto(WX.token, WX.aesKey, 'wx-other');
    expect(() => c.decrypt(other.encrypt('<xml/>'))).toThrow(/appid mismatch/);
    expect(() => c.decrypt('not base64!!')).toThrow(/base64/);
    expect(() => c.decrypt(Buffer.alloc(32, 7).toString('base64'))).toThrow();
  });
});

describe('WeChat webhook (plain mode)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(async () => h.close());

  it('answers URL verification with echostr, and 401 on a wrong signature', async () => {
    const q = signedQuery();
    q.set('echostr', 'echo-123');
    expect(await (await fetch(`${h.url}?${q.toString()}`)).text()).toBe('echo-123');
    q.set('signature', 'wrong');
    expect((await fetch(`${h.url}?${q.toString()}`)).status).toBe(401);
    expect((await fetch(h.url)).status).toBe(401);
  });

  it('replies to text with passive XML: CreateTime in seconds, ]]> escaped, quick replies as text', async () => {
    const res = await h.post(textXml('o-alice', '包含 ]]> 的文本'));
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toContain('<ToUserName><![CDATA[o-alice]]></ToUserName>');
    expect(Number(field(xml, 'CreateTime'))).toBeLessThan(1e11);
    expect(xml).toContain(']]]]><![CDATA[>');
    expect(xml).toContain('【转人工】');
  });

  it('keeps images as evidence, uses voice Recognition, greets on subscribe, asks for text otherwise', async () => {
    const base = (type: string, extra: string) =>
      `<xml><ToUserName><![CDATA[${WX.account}]]></ToUserName><FromUserName><![CDATA[o-bob]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>${extra}</xml>`;
    await h.post(
      base(
        'image',
        '<PicUrl><![CDATA[http://mmbiz.qpic.cn/x.jpg]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>9000000000000001</MsgId>',
      ),
    );
    expect(h.seen.at(-1)).toMatchObject({
      kind: 'image',
      attachments: [{ type: 'image', url: 'http://mmbiz.qpic.cn/x.jpg', mediaId: 'media-1' }],
    });
    await h.post(
      base(
        'voice',
        '<MediaId><![CDATA[v1]]></MediaId><Recognition><![CDATA[投诉电话多少]]></Recognition><MsgId>9000000000000002</MsgId>',
      ),
    );
    expect(h.seen.at(-1)).toMatchObject({ kind: 'text', text: '投诉电话多少' });
    await h.post(base('voice', '<MediaId><![CDATA[v2]]></MediaId><MsgId>9000000000000003</MsgId>'));
    expect(h.seen.at(-1)).toMatchObject({ kind: 'voice' });
    const hello = await (await h.post(base('event', '<Event><![CDATA[subscribe]]></Event>'))).text();
    expect(field(hello, 'Content')).toContain('欢迎关注');
    await h.post(base('location', '<Location_X>23.1</Location_X><MsgId>9000000000000004</MsgId>'));
    expect(h.seen.at(-1)).toMatchObject({ kind: 'other' });
    const before = h.seen.length;
    expect(await (await h.post(base('event', '<Event><![CDATA[unsubscribe]]></Event>'))).text()).toBe(
      'success',
    );
    expect(h.seen.length).toBe(before);
  });

  it('runs a message retried concurrently only once', async () => {
    const xml = textXml('o-carol', 'hello', '7777777777777777');
    const before = h.seen.length;
    const answers = await Promise.all(
      [h.post(xml), h.post(xml), h.post(xml)].map(async (p) => (await p).text()),
    );
    expect(h.seen.length - before).toBe(1);
    expect(answers.filter((a) => a === 'success')).toHaveLength(2);
  });

  it('refuses stale timestamps (401) and answers a replayed signature with success, unprocessed', async () => {
    expect(
      (await h.post(textXml('o-dan', 'x'), signedQuery(Math.floor(Date.now() / 1000) - 3600))).status,
    ).toBe(401);
    const q = signedQuery();
    await h.post(textXml('o-dan', 'first'), q);
    const before = h.seen.length;
    expect(await (await h.post(textXml('o-dan', 'forged'), q)).text()).toBe('success');
    expect(h.seen.length).toBe(before);
  });
});

describe('WeChat webhook (safe mode)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await start({ safe: true });
  });
  afterAll(async () => h.close());

  it('decrypts the message and answers with an encrypted envelope @wecom/crypto can open', async () => {
    const { query, body } = encryptedRequest(textXml('o-erin', '你好'));
    const res = await h.post(body, query);
    const xml = await res.text();
    const encrypted = field(xml, 'Encrypt') ?? '';
    expect(getSignature(WX.token, field(xml, 'TimeStamp') ?? '', field(xml, 'Nonce') ?? '', encrypted)).toBe(
      field(xml, 'MsgSignature'),
    );
    const inner = decrypt(WX.aesKey, encrypted);
    expect(inner.id).toBe(WX.appId);
    expect(field(inner.message, 'Content')).toContain('echo:你好');
  });

  it('rejects a wrong msg_signature and another account’s appid (401), and garbage ciphertext (400)', async () => {
    const bad = encryptedRequest(textXml('o-erin', 'x'));
    bad.query.set('msg_signature', 'f'.repeat(40));
    expect((await h.post(bad.body, bad.query)).status).toBe(401);
    const other = encryptedRequest(textXml('o-erin', 'x'), 'wx-someone-else');
    expect((await h.post(other.body, other.query)).status).toBe(401);
    const q = signedQuery();
    const garbage = '!!!!';
    q.set(
      'msg_signature',
      new WechatCrypto(WX.token, WX.aesKey, WX.appId).signature(
        q.get('timestamp')!,
        q.get('nonce')!,
        garbage,
      ),
    );
    expect((await h.post(`<xml><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>`, q)).status).toBe(400);
  });
});

describe('the five-second rule and the customer-service API', () => {
  it('answers success within the deadline and sends the slow turn’s reply through the API', async () => {
    const h = await start({
      deadlineMs: 300,
      turn: async (m) => {
        await new Promise((r) => setTimeout(r, 1000));
        return {
          replies: [{ text: `slow answer to ${m.text ?? ''}` }],
          intent: 'faq',
          state: newConversationState(new Date().toISOString()),
        };
      },
    });
    const started = Date.now();
    expect(await (await h.post(textXml('o-frank', 'ping'))).text()).toBe('success');
    expect(Date.now() - started).toBeLessThan(900);
    await expect
      .poll(() => h.api.state.sent.map((s) => s.content), { timeout: 5000 })
      .toEqual(['slow answer to ping']);
    expect(h.api.state.sent[0]?.touser).toBe('o-frank');
    await h.close();
  });

  it('on a controlled clock: nothing is answered before the deadline, success at it, the reply later', async () => {
    const clock = new ManualClock(new Date());
    const h = await start({
      clock,
      deadlineMs: 4500,
      turn: async (m) => {
        await clock.sleep(30_000);
        return {
          replies: [{ text: `late answer to ${m.text ?? ''}` }],
          intent: 'faq',
          state: newConversationState(clock.now().toISOString()),
        };
      },
    });
    let answer: string | undefined;
    const posted = h
      .post(textXml('o-hana', 'ping'), signedQuery(Math.floor(clock.nowMs() / 1000)))
      .then(async (r) => {
        answer = await r.text();
      });
    await expect.poll(() => h.seen.length).toBe(1);
    await clock.advance(4499);
    expect(answer).toBeUndefined();
    await clock.advance(1);
    await posted;
    expect(answer).toBe('success');
    expect(h.api.state.sent).toEqual([]);
    await clock.advance(30_000);
    await expect.poll(() => h.api.state.sent.map((s) => s.content)).toEqual(['late answer to ping']);
    await h.close();
  });

  it('caches the access_token, fetches it once for concurrent sends, and retries once on 40001', async () => {
    const h = await start();
    const send = (text: string) =>
      h.adapter.sender.deliver('o-gina', { type: 'agent', text, agent: 'wang', caseId: 'KF1' });
    await Promise.all([send('a'), send('b'), send('c'), send('d'), send('e')]);
    expect(h.api.state.tokenFetches).toBe(1);
    await send('f');
    expect(h.api.state.tokenFetches).toBe(1);
    h.api.state.invalidTokenOnce = true;
    expect(await send('g')).toEqual({ ok: true });
    expect(h.api.state.tokenFetches).toBe(2);
    expect(h.api.state.sent.at(-1)).toMatchObject({ content: 'g', accessToken: 'token-2' });
    h.api.state.failSendsWith = 45015;
    const failed = await send('h');
    expect(failed).toMatchObject({ ok: false });
    expect(failed.ok ? '' : failed.error).toMatch(/45015/);
    await h.close();
  });
});
