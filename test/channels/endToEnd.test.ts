import { decrypt } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startKefu, testConfig } from '../helpers/kefu.js';
import { startFakeWechatApi } from '../fakes/fakeWechatApi.js';
import { decodePassiveReply, postWeiboPush, startFakeWeiboApi } from '../fakes/fakeWeiboApi.js';
import { WX, encryptedRequest, field, signedQuery, textXml } from './wechat/wechatKit.js';

const WEIBO_SECRET = 'weibo-app-secret-for-tests';
const WEIBO_TOKEN = 'weibo-access-token';
const COMPLAINT = ['我买的吹风机坏了，订单号 4402317789012345678，想换货', '有照片', '跳过', '确认提交'];

let server: Awaited<ReturnType<typeof startKefu>>;
let safeServer: Awaited<ReturnType<typeof startKefu>>;
let wechatApi: Awaited<ReturnType<typeof startFakeWechatApi>>;
let weiboApi: Awaited<ReturnType<typeof startFakeWeiboApi>>;

beforeAll(async () => {
  wechatApi = await startFakeWechatApi();
  weiboApi = await startFakeWeiboApi({ accessToken: WEIBO_TOKEN });
  const env = {
    WECHAT_TOKEN: WX.token,
    WECHAT_APPID: WX.appId,
    WECHAT_APPSECRET: WX.appSecret,
    WECHAT_API_BASE: wechatApi.baseUrl,
    WEIBO_APP_SECRET: WEIBO_SECRET,
    WEIBO_ACCESS_TOKEN: WEIBO_TOKEN,
    WEIBO_API_BASE: weiboApi.baseUrl,
  };
  server = await startKefu({ config: testConfig(env) });
  safeServer = await startKefu({ config: testConfig({ ...env, WECHAT_AES_KEY: WX.aesKey }) });
});
afterAll(async () => {
  await server.stop();
  await safeServer.stop();
  await wechatApi.close();
  await weiboApi.close();
});

async function agentTakesAndAnswers(url: string, caseId: string, text: string): Promise<void> {
  const auth = { authorization: `Bearer ${AGENT.token}`, 'content-type': 'application/json' };
  expect(
    (await fetch(`${url}/api/agent/cases/${caseId}/claim`, { method: 'POST', headers: auth })).status,
  ).toBe(200);
  const sent = (await (
    await fetch(`${url}/api/agent/cases/${caseId}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text }),
    })
  ).json()) as { delivered: boolean };
  expect(sent.delivered).toBe(true);
}

describe('a complaint end to end on each channel, answered by an agent', () => {
  for (const mode of ['plain', 'safe'] as const) {
    it(`WeChat (${mode} mode)`, async () => {
      const s = mode === 'safe' ? safeServer : server;
      const openId = `o-e2e-${mode}`;
      let last = '';
      for (const text of ['投诉电话收费吗', ...COMPLAINT]) {
        const inner = textXml(openId, text);
        const req = mode === 'safe' ? encryptedRequest(inner) : { query: signedQuery(), body: inner };
        const res = await fetch(`${s.url}/wechat?${req.query.toString()}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: req.body,
        });
        const xml = await res.text();
        last =
          field(mode === 'safe' ? decrypt(WX.aesKey, field(xml, 'Encrypt') ?? '').message : xml, 'Content') ??
          '';
        if (text === '投诉电话收费吗') expect(last).toContain('免费');
      }
      const caseId = /KF\d{8}-\w{4}/.exec(last)?.[0];
      expect(caseId, last).toBeDefined();
      const c = await s.kefu.agentDesk.get(caseId!);
      expect(c).toMatchObject({
        channel: 'wechat',
        userId: openId,
        orderId: '4402317789012345678',
        resolution: 'exchange',
        category: 'quality',
      });
      await agentTakesAndAnswers(s.url, caseId!, `微信用户您好（${mode}），已为您安排换货。`);
      await expect
        .poll(() => wechatApi.state.sent.find((m) => m.touser === openId)?.content)
        .toContain('已为您安排换货');
    });
  }

  it('Weibo', async () => {
    const uid = 3000000001;
    let last = '';
    let second = 0;
    for (const text of ['投诉电话收费吗', ...COMPLAINT]) {
      second += 1;
      const push = {
        type: 'text',
        receiver_id: 1902538057,
        sender_id: uid,
        created_at: `Mon Jul 16 18:09:${String(second).padStart(2, '0')} +0800 2012`,
        text,
        data: {},
      };
      const answer = await postWeiboPush(`${server.url}/weibo`, WEIBO_SECRET, push);
      expect(answer.status).toBe(200);
      last = decodePassiveReply(answer.text)?.text ?? '';
      if (text === '投诉电话收费吗') expect(last).toContain('免费');
    }
    const caseId = /KF\d{8}-\w{4}/.exec(last)?.[0];
    expect(caseId, last).toBeDefined();
    expect(await server.kefu.agentDesk.get(caseId!)).toMatchObject({
      channel: 'weibo',
      userId: String(uid),
      resolution: 'exchange',
    });
    await agentTakesAndAnswers(server.url, caseId!, '微博用户您好，已为您安排换货。');
    const replies = await weiboApi.waitForReplies(1);
    expect(replies.find((r) => r.receiverId === String(uid))?.text).toContain('已为您安排换货');
  });

  it('records a platform delivery error on the case and shows it to the agent', async () => {
    const openId = 'o-e2e-window';
    let last = '';
    for (const text of ['转人工']) {
      const res = await fetch(`${server.url}/wechat?${signedQuery().toString()}`, {
        method: 'POST',
        body: textXml(openId, text),
      });
      last = field(await res.text(), 'Content') ?? '';
    }
    const caseId = /KF\d{8}-\w{4}/.exec(last)?.[0] ?? '';
    const auth = { authorization: `Bearer ${AGENT.token}`, 'content-type': 'application/json' };
    await fetch(`${server.url}/api/agent/cases/${caseId}/claim`, { method: 'POST', headers: auth });
    wechatApi.state.failSendsWith = 45015;
    const result = (await (
      await fetch(`${server.url}/api/agent/cases/${caseId}/messages`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ text: '还在吗？' }),
      })
    ).json()) as { delivered: boolean; error?: string };
    wechatApi.state.failSendsWith = undefined;
    expect(result).toMatchObject({ delivered: false });
    expect(result.error).toMatch(/45015/);
    const c = await server.kefu.agentDesk.get(caseId);
    expect(c.events.find((e) => e.type === 'delivery_failed')?.detail).toMatch(/45015/);
  });
});
