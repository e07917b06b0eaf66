import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodePassiveReply,
  postWeiboPush,
  signedWeiboQuery,
  startFakeWeiboApi,
  type FakeWeiboApi,
} from '../../fakes/fakeWeiboApi.js';
import type { InboundMessage, Reply } from '../../../src/domain/message.js';
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  APP_SECRET,
  USER_ID,
  outcomes,
  push,
  scriptedTurn,
  startWeiboHarness,
  type WeiboHarness,
} from './weiboTestKit.js';

let api: FakeWeiboApi;
const harnesses: WeiboHarness[] = [];

async function harness(
  answer: (msg: InboundMessage) => Reply[] = () => [],
  opts: { delayMs?: number; replyDeadlineMs?: number } = {},
) {
  const turn = scriptedTurn(answer, opts.delayMs);
  const h = await startWeiboHarness({
    runTurn: turn.runTurn,
    apiBase: api.baseUrl,
    replyDeadlineMs: opts.replyDeadlineMs,
  });
  harnesses.push(h);
  return { ...h, calls: turn.calls };
}

beforeAll(async () => {
  api = await startFakeWeiboApi({ accessToken: ACCESS_TOKEN });
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  api.reset();
});
afterAll(async () => {
  await api.close();
});

describe('GET /weibo (URL verification)', () => {
  it('answers echostr unchanged, as text/plain, for a valid ms-timestamp signature', async () => {
    const h = await harness();
    const res = await fetch(
      `${h.webhookUrl}?${signedWeiboQuery(APP_SECRET, { echostr: 'dnPdpTZz85' }).toString()}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('dnPdpTZz85');
    expect((await outcomes(h.metrics)).verified).toBe(1);
  });

  it('401 for a wrong secret, a missing signature, or a stale timestamp', async () => {
    const h = await harness();
    const wrong = signedWeiboQuery('not-the-secret', { echostr: 'abc' });
    expect((await fetch(`${h.webhookUrl}?${wrong.toString()}`)).status).toBe(401);
    const missing = signedWeiboQuery(APP_SECRET, { echostr: 'abc' });
    missing.delete('signature');
    const res = await fetch(`${h.webhookUrl}?${missing.toString()}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'invalid weibo signature' } });
    const stale = signedWeiboQuery(APP_SECRET, { echostr: 'abc', timestamp: Date.now() - 10 * 60_000 });
    expect((await fetch(`${h.webhookUrl}?${stale.toString()}`)).status).toBe(401);
    const seconds = signedWeiboQuery(APP_SECRET, {
      echostr: 'abc',
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect((await fetch(`${h.webhookUrl}?${seconds.toString()}`)).status).toBe(401);
    const noEcho = signedWeiboQuery(APP_SECRET);
    expect((await fetch(`${h.webhookUrl}?${noEcho.toString()}`)).status).toBe(400);
  });
});

describe('POST /weibo (pushes)', () => {
  it('text → passive JSON reply whose decoded text is the engine reply', async () => {
    const h = await harness(() => [{ text: '天猫投诉电话是 4008-800-800。' }]);
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '投诉电话是多少' }));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    const reply = decodePassiveReply(res.text);
    expect(reply).toEqual({
      result: true,
      receiverId: USER_ID,
      senderId: ACCOUNT_ID,
      type: 'text',
      text: '天猫投诉电话是 4008-800-800。',
    });
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({
      channel: 'weibo',
      userId: USER_ID,
      kind: 'text',
      text: '投诉电话是多少',
    });
    expect(h.calls[0]?.raw).toMatchObject({ type: 'text', sender_id: 2489518277 });
    expect(api.replies).toHaveLength(0);
  });

  it('joins several replies and splits a long answer: first part passive, the rest via the reply API in order', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${'投诉处理流程说明'.repeat(8)}。`).join(
      '\n',
    ); // 839 chars → 3 messages
    const h = await harness(() => [{ text: long }, { text: '还有其他问题吗？', quickReplies: ['转人工'] }]);
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '怎么投诉' }));
    const first = decodePassiveReply(res.text);
    expect(first).not.toBeNull();
    expect(Array.from(first!.text).length).toBeLessThan(300);
    expect(first!.text.startsWith('第1段')).toBe(true);
    const sent = await api.waitForReplies(2);
    expect(
      sent.every(
        (r) =>
          r.receiverId === USER_ID &&
          r.accessToken === ACCESS_TOKEN &&
          r.type === 'text' &&
          r.saveSenderBox === '0',
      ),
    ).toBe(true);
    expect(sent.every((r) => Array.from(r.text ?? '').length < 300)).toBe(true);
    const all = [first!.text, ...sent.map((r) => r.text)].join('\n');
    expect(all.replace(/\s+/g, '')).toBe(`${long}还有其他问题吗？【转人工】`.replace(/\s+/g, ''));
    expect(sent.at(-1)?.text).toContain('【转人工】');
    await new Promise((r) => setTimeout(r, 100));
    expect(api.replies).toHaveLength(2);
  });

  it('image → the attachment reaches the turn as evidence', async () => {
    const h = await harness(() => [{ text: '收到图片' }]);
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, push('image'));
    expect(decodePassiveReply(res.text)?.text).toBe('收到图片');
    expect(h.calls[0]).toMatchObject({
      kind: 'image',
      attachments: [{ type: 'image', mediaId: '821804469' }],
    });
  });

  it('follow greets; unfollow is silent and runs no turn; unknown types get an empty 200', async () => {
    const h = await harness((msg) =>
      msg.kind === 'event' && msg.event === 'follow' ? [{ text: '您好，我是天猫投诉助手' }] : [],
    );
    const follow = await postWeiboPush(h.webhookUrl, APP_SECRET, push('event-follow'));
    expect(decodePassiveReply(follow.text)?.text).toBe('您好，我是天猫投诉助手');
    expect(h.calls[0]).toMatchObject({ kind: 'event', event: 'follow' });

    const unfollow = await postWeiboPush(h.webhookUrl, APP_SECRET, push('event-unfollow'));
    expect(unfollow).toMatchObject({ status: 200, text: '' });
    const unknown = await postWeiboPush(
      h.webhookUrl,
      APP_SECRET,
      push('text', { type: 'video', data: { vfid: 1 } }),
    );
    expect(unknown).toMatchObject({ status: 200, text: '' });
    expect(h.calls).toHaveLength(1);
    expect(await outcomes(h.metrics)).toMatchObject({ replied: 1, ignored: 2 });
  });

  it('voice, position and mention reach the turn with their kinds', async () => {
    const h = await harness();
    for (const name of ['voice', 'position', 'mention']) {
      expect(await postWeiboPush(h.webhookUrl, APP_SECRET, push(name))).toMatchObject({
        status: 200,
        text: '',
      });
    }
    expect(h.calls.map((c) => [c.kind, c.text])).toEqual([
      ['voice', undefined],
      ['other', undefined],
      ['other', '@天猫客服 我的订单一直没发货，怎么投诉？'],
    ]);
  });

  it('the same push delivered 3 times at once (Weibo retries, fresh nonces) runs the turn once', async () => {
    const h = await harness(() => [{ text: '好的' }], { delayMs: 50 });
    const body = push('text', { text: '我要投诉' });
    const answers = await Promise.all([1, 2, 3].map(() => postWeiboPush(h.webhookUrl, APP_SECRET, body)));
    expect(h.calls).toHaveLength(1);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.text === '')).toHaveLength(2);
    expect(answers.filter((a) => decodePassiveReply(a.text)?.text === '好的')).toHaveLength(1);
    expect((await outcomes(h.metrics)).duplicate).toBe(2);
  });

  it('a slow turn: empty 200 before the deadline, the reply arrives through the reply API afterwards', async () => {
    const h = await harness(() => [{ text: '查询结果：您的投诉正在处理中。' }], {
      delayMs: 1000,
      replyDeadlineMs: 300,
    });
    const started = Date.now();
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '我的投诉进度怎么样' }));
    const elapsed = Date.now() - started;
    expect(res).toMatchObject({ status: 200, text: '' });
    expect(elapsed).toBeLessThan(800);
    expect(api.replies).toHaveLength(0);
    const [sent] = await api.waitForReplies(1, 3000);
    expect(sent).toMatchObject({
      receiverId: USER_ID,
      text: '查询结果：您的投诉正在处理中。',
      accessToken: ACCESS_TOKEN,
    });
    expect(sent!.at - started).toBeGreaterThanOrEqual(900);
    expect((await outcomes(h.metrics)).deferred).toBe(1);
  });

  it('a replayed (timestamp, nonce, signature) gets an empty 200 and is not processed', async () => {
    const h = await harness(() => [{ text: '好的' }]);
    const query = signedWeiboQuery(APP_SECRET);
    const first = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '一' }), { query });
    expect(decodePassiveReply(first.text)?.text).toBe('好的');
    const replay = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '二' }), { query });
    expect(replay).toMatchObject({ status: 200, text: '' });
    expect(h.calls.map((c) => c.text)).toEqual(['一']);
    expect((await outcomes(h.metrics)).replayed_nonce).toBe(1);
  });

  it('401 for a stale timestamp or a bad signature on a push; nothing is processed', async () => {
    const h = await harness(() => [{ text: '好的' }]);
    const stale = signedWeiboQuery(APP_SECRET, { timestamp: Date.now() - 301_000 });
    expect((await postWeiboPush(h.webhookUrl, APP_SECRET, push('text'), { query: stale })).status).toBe(401);
    const future = signedWeiboQuery(APP_SECRET, { timestamp: Date.now() + 301_000 });
    expect((await postWeiboPush(h.webhookUrl, APP_SECRET, push('text'), { query: future })).status).toBe(401);
    const forged = signedWeiboQuery('guessed-secret');
    expect((await postWeiboPush(h.webhookUrl, APP_SECRET, push('text'), { query: forged })).status).toBe(401);
    const none = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(push('text')),
    });
    expect(none.status).toBe(401);
    expect(h.calls).toHaveLength(0);
    expect(await outcomes(h.metrics)).toMatchObject({
      stale_timestamp: 2,
      bad_signature: 1,
      missing_params: 1,
    });
  });

  it('413 over the body limit, 400 for malformed JSON or a malformed push', async () => {
    const h = await harness();
    const big = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { text: '字'.repeat(30_000) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await postWeiboPush(h.webhookUrl, APP_SECRET, '{"type": "text",')).status).toBe(400);
    expect((await postWeiboPush(h.webhookUrl, APP_SECRET, push('text', { sender_id: 'x' }))).status).toBe(
      400,
    );
    expect(h.calls).toHaveLength(0);
  });

  it('a failing turn is a 500 (the one error handler) and a retry of the push runs again', async () => {
    let fail = true;
    const turn = scriptedTurn(() => {
      if (fail) throw new Error('engine exploded');
      return [{ text: '好的' }];
    });
    const h = await startWeiboHarness({ runTurn: turn.runTurn, apiBase: api.baseUrl });
    harnesses.push(h);
    const body = push('text', { text: '我要投诉' });
    const first = await postWeiboPush(h.webhookUrl, APP_SECRET, body);
    expect(first.status).toBe(500);
    expect(JSON.parse(first.text)).toEqual({
      error: { code: 'internal_error', message: 'something went wrong on our side' },
    });
    fail = false;
    const retry = await postWeiboPush(h.webhookUrl, APP_SECRET, body);
    expect(decodePassiveReply(retry.text)?.text).toBe('好的');
    expect(turn.calls).toHaveLength(2);
    expect(await outcomes(h.metrics)).toMatchObject({ error: 1, replied: 1 });
  });

  it('a JSON push sent with another content type is still read', async () => {
    const h = await harness(() => [{ text: '好的' }]);
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, JSON.stringify(push('text')), {
      contentType: 'text/plain',
    });
    expect(decodePassiveReply(res.text)?.text).toBe('好的');
  });
});
