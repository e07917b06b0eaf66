import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRegistry } from '../../../src/channels/registry.js';
import {
  WEIBO_ERRORS,
  postWeiboPush,
  startFakeWeiboApi,
  type FakeWeiboApi,
} from '../../fakes/fakeWeiboApi.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  USER_ID,
  push,
  scriptedTurn,
  startWeiboHarness,
  type WeiboHarness,
} from './weiboTestKit.js';

let api: FakeWeiboApi;
const harnesses: WeiboHarness[] = [];

async function harness(opts: { accessToken?: string | null; apiBase?: string } = {}): Promise<WeiboHarness> {
  const h = await startWeiboHarness({
    runTurn: scriptedTurn().runTurn,
    apiBase: opts.apiBase ?? api.baseUrl,
    accessToken: opts.accessToken,
  });
  harnesses.push(h);
  return h;
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

describe('weibo sender (agent and system messages through messages/reply.json)', () => {
  it('delivers an agent message as form fields the docs list', async () => {
    const h = await harness();
    const result = await h.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '您好，我是客服小李，您的投诉已受理。',
      agent: 'li',
      caseId: 'c-1',
    });
    expect(result).toEqual({ ok: true });
    expect(api.replies).toEqual([
      expect.objectContaining({
        accessToken: ACCESS_TOKEN,
        receiverId: USER_ID,
        type: 'text',
        saveSenderBox: '0',
        data: JSON.stringify({ text: '您好，我是客服小李，您的投诉已受理。' }),
        text: '您好，我是客服小李，您的投诉已受理。',
      }),
    ]);
  });

  it('splits a long system message into ordered messages under 300 characters', async () => {
    const h = await harness();
    const text = Array.from({ length: 10 }, (_, i) => `${i + 1}. ${'处理进度更新说明'.repeat(6)}。`).join(
      '\n',
    );
    const result = await h.adapter.sender.deliver(USER_ID, {
      type: 'system',
      reply: { text, quickReplies: ['好的'] },
    });
    expect(result).toEqual({ ok: true });
    expect(api.replies.length).toBeGreaterThan(1);
    expect(api.replies.every((r) => Array.from(r.text ?? '').length < 300)).toBe(true);
    expect(api.replies.map((r) => r.text).join('\n')).toBe(`${text}\n【好的】`);
  });

  it('reports Weibo errors (HTTP error, or error_code in a 200 answer) so the desk records them', async () => {
    const h = await harness();
    api.failWith(WEIBO_ERRORS.expiredToken);
    const expired = await h.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '您好',
      agent: 'li',
      caseId: 'c-1',
    });
    expect(expired).toEqual({ ok: false, error: 'weibo error 21327 expired_token (HTTP 401)' });

    api.failWith({ status: 200, errorCode: 20003, error: 'user does not exists' });
    const soft = await h.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '您好',
      agent: 'li',
      caseId: 'c-1',
    });
    expect(soft).toEqual({ ok: false, error: 'weibo error 20003 user does not exists (HTTP 200)' });

    const registry = new ChannelRegistry().register(h.adapter);
    const viaDesk = await registry.deliver(
      { channel: 'weibo', userId: USER_ID },
      { type: 'agent', text: '您好', agent: 'li', caseId: 'c-1' },
    );
    expect(viaDesk.ok).toBe(false);
  });

  it('stops at the first failed part, and never leaks the access token in the error', async () => {
    const wrongToken = await harness({ accessToken: 'someone-elses-token' });
    const result = await wrongToken.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '字'.repeat(700),
      agent: 'li',
      caseId: 'c-1',
    });
    expect(result).toEqual({ ok: false, error: 'weibo error 21332 invalid_access_token (HTTP 401)' });
    expect(api.replies).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('someone-elses-token');
  });

  it('without WEIBO_ACCESS_TOKEN nothing is sent', async () => {
    const h = await harness({ accessToken: null });
    const result = await h.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '您好',
      agent: 'li',
      caseId: 'c-1',
    });
    expect(result).toEqual({ ok: false, error: 'WEIBO_ACCESS_TOKEN not configured' });
    expect(api.replies).toHaveLength(0);
  });

  it('an unreachable API and a non-uid user id are failed deliveries, not throws', async () => {
    const down = await harness({ apiBase: 'http://127.0.0.1:9' });
    const result = await down.adapter.sender.deliver(USER_ID, {
      type: 'agent',
      text: '您好',
      agent: 'li',
      caseId: 'c-1',
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/^weibo error: request failed/);
    const h = await harness();
    expect(
      await h.adapter.sender.deliver('web-session-1', {
        type: 'agent',
        text: '您好',
        agent: 'li',
        caseId: 'c-1',
      }),
    ).toEqual({
      ok: false,
      error: 'weibo error: invalid user id',
    });
  });

  it('a reply API failure after a slow turn is logged, not thrown (the webhook already answered)', async () => {
    api.failWith(WEIBO_ERRORS.expiredToken);
    const turn = scriptedTurn(() => [{ text: '好的' }], 400);
    const h = await startWeiboHarness({ runTurn: turn.runTurn, apiBase: api.baseUrl, replyDeadlineMs: 50 });
    harnesses.push(h);
    const res = await postWeiboPush(h.webhookUrl, APP_SECRET, push('text'));
    expect(res).toMatchObject({ status: 200, text: '' });
    await api.waitForReplies(1, 3000);
    expect(turn.calls).toHaveLength(1);
  });
});
