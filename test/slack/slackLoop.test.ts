import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, AGENT2, startKefu, testConfig } from '../helpers/kefu.js';
import { openSseClient } from '../helpers/sse.js';
import { startFakeWechatApi } from '../fakes/fakeWechatApi.js';
import { startFakeSlackApi, type SlackCall } from '../fakes/fakeSlackApi.js';
import { WX, field, signedQuery, textXml } from '../channels/wechat/wechatKit.js';
import { SLACK, blockActionsBody, postSigned, slackEnv, threadMessageEvent } from './slackKit.js';

const COMPLAINT = ['我买的吹风机坏了，订单号 4402317789012345678，想换货', '有照片', '跳过', '确认提交'];
const CASE_ID = /KF\d{8}-\w{4}/;
const ADMIN = { name: 'boss', token: 'test-admin-token-boss-000003' };

let server: Awaited<ReturnType<typeof startKefu>>;
let wechatApi: Awaited<ReturnType<typeof startFakeWechatApi>>;
let slackApi: Awaited<ReturnType<typeof startFakeSlackApi>>;

beforeAll(async () => {
  wechatApi = await startFakeWechatApi();
  slackApi = await startFakeSlackApi({ token: SLACK.token });
  const env = {
    WECHAT_TOKEN: WX.token,
    WECHAT_APPID: WX.appId,
    WECHAT_APPSECRET: WX.appSecret,
    WECHAT_API_BASE: wechatApi.baseUrl,
    ...slackEnv(slackApi.baseUrl),
    AGENT_TOKENS: `${AGENT.name}:${AGENT.token},${AGENT2.name}:${AGENT2.token},${ADMIN.name}:${ADMIN.token}:admin`,
  };
  server = await startKefu({ config: testConfig(env) });
});
afterAll(async () => {
  await server?.stop();
  await wechatApi?.close();
  await slackApi?.close();
});

const idle = () => server.kefu.slackDesk!.idle();

async function wechatSays(openId: string, text: string): Promise<string> {
  const res = await fetch(`${server.url}/wechat?${signedQuery().toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: textXml(openId, text),
  });
  return field(await res.text(), 'Content') ?? '';
}

/** The root message kefu posted for a case (its thread). */
function rootOf(caseId: string): SlackCall {
  const root = slackApi
    .calls('chat.postMessage')
    .find((c) => !c.args.thread_ts && JSON.stringify(c.blocks ?? []).includes(caseId));
  expect(root, `no Slack message for ${caseId}`).toBeDefined();
  return root!;
}

const threadTexts = (ts: string) => slackApi.calls('chat.postMessage', ts).map((c) => c.args.text ?? '');
const lastUpdate = (ts: string) =>
  slackApi
    .calls('chat.update')
    .filter((c) => c.args.ts === ts)
    .at(-1);

async function slackEvent(body: string): Promise<void> {
  const res = await postSigned(server.url, body);
  expect(res.status).toBe(200);
  await idle();
}

async function webComplaint(): Promise<{ token: string; caseId: string }> {
  const session = (await (
    await fetch(`${server.url}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { token: string };
  let last = '';
  for (const text of COMPLAINT) last = (await webSays(session.token, text)).join('\n');
  const caseId = CASE_ID.exec(last)?.[0];
  expect(caseId, last).toBeDefined();
  await idle();
  return { token: session.token, caseId: caseId! };
}

async function webSays(token: string, text: string): Promise<string[]> {
  const res = await fetch(`${server.url}/api/web/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text);
}

describe('Slack agent desk: a case worked from its thread', () => {
  it('does not call Slack at start-up (no auth.test in the adapter constructor)', () => {
    expect(slackApi.calls('auth.test')).toHaveLength(0);
  });

  it('WeChat user: announced, claimed, answered, relayed back and resolved from Slack', async () => {
    const openId = 'o-slack-e2e';
    let last = '';
    for (const text of COMPLAINT) last = await wechatSays(openId, text);
    const caseId = CASE_ID.exec(last)?.[0] ?? '';
    expect(caseId, last).not.toBe('');
    await idle();

    // Announced in the agents channel with summary, due dates and a Claim button.
    const root = rootOf(caseId);
    const created = await server.kefu.agentDesk.get(caseId);
    expect(root.args.channel).toBe(SLACK.channel);
    expect(root.token).toBe(SLACK.token);
    const blocks = JSON.stringify(root.blocks);
    expect(blocks).toContain('4402317789012345678');
    expect(blocks).toContain(created.firstResponseDue.slice(0, 10));
    expect(blocks).toContain(created.resolutionDue.slice(0, 10));
    expect(blocks).toMatch(/"action_id":"kefu_claim".*"value":"KF/);
    const ts = root.ts!;

    // Claim → assigned to wang, recorded as from Slack; the root message now offers Resolve.
    await slackEvent(blockActionsBody(SLACK.wang, 'kefu_claim', caseId, ts));
    const claimed = await server.kefu.agentDesk.get(caseId);
    expect(claimed).toMatchObject({ status: 'assigned', assignee: 'wang' });
    expect(claimed.events.find((e) => e.type === 'claimed')).toMatchObject({ by: 'wang', via: 'slack' });
    expect(JSON.stringify(lastUpdate(ts)?.blocks)).toMatch(/Claimed by \*wang\*.*kefu_resolve/);
    expect(threadTexts(ts).join('\n')).toContain('*wang* claimed the case');

    // A reply in the thread reaches the user through WeChat's customer-service API.
    await slackEvent(threadMessageEvent(SLACK.wang, ts, '您好，已为您安排换货 &amp; 上门取件。'));
    await expect
      .poll(() => wechatApi.state.sent.find((m) => m.touser === openId)?.content)
      .toBe('您好，已为您安排换货 & 上门取件。');
    const answered = await server.kefu.agentDesk.get(caseId);
    expect(answered.transcript.at(-1)).toMatchObject({
      from: 'agent',
      text: '您好，已为您安排换货 & 上门取件。',
    });
    expect(answered.events.find((e) => e.type === 'agent_message')).toMatchObject({
      by: 'wang',
      via: 'slack',
    });

    // The user's next message goes into the thread; the bot stays silent.
    expect(await wechatSays(openId, '好的，明天上午在家')).toBe('');
    await idle();
    expect(threadTexts(ts).at(-1)).toContain('好的，明天上午在家');

    // `resolve: <note>` resolves, hands back to the bot and updates the thread.
    await slackEvent(threadMessageEvent(SLACK.wang, ts, 'resolve: 已安排换货'));
    const resolved = await server.kefu.agentDesk.get(caseId);
    expect(resolved).toMatchObject({ status: 'resolved', resolutionNote: '已安排换货' });
    expect(resolved.events.find((e) => e.type === 'resolved')).toMatchObject({
      via: 'slack',
      detail: '已安排换货',
    });
    expect(JSON.stringify(lastUpdate(ts)?.blocks)).toContain('Resolved by *wang*: 已安排换货');
    expect(JSON.stringify(lastUpdate(ts)?.blocks)).not.toContain('kefu_resolve');
    await expect
      .poll(() => wechatApi.state.sent.filter((m) => m.touser === openId).at(-1)?.content)
      .toContain('已处理完毕');
    expect(await wechatSays(openId, '投诉电话收费吗')).toContain('免费');

    // The agent API sees all of it.
    const viaApi = (await (
      await fetch(`${server.url}/api/agent/cases/${caseId}`, {
        headers: { authorization: 'Bearer test-agent-token-wang-0001' },
      })
    ).json()) as { case: { events: { type: string; via?: string }[] } };
    expect(viaApi.case.events.filter((e) => e.via === 'slack').map((e) => e.type)).toEqual([
      'claimed',
      'agent_message',
      'resolved',
      'handoff_ended',
    ]);
  });

  it('web user (SSE): the agent reply and the resolution arrive live; Resolve button works', async () => {
    const { token, caseId } = await webComplaint();
    const sse = await openSseClient(`${server.url}/api/web/events?token=${encodeURIComponent(token)}`);
    try {
      const ts = rootOf(caseId).ts!;
      await slackEvent(blockActionsBody(SLACK.li, 'kefu_claim', caseId, ts));
      await slackEvent(threadMessageEvent(SLACK.li, ts, 'Hello, a replacement is on its way.'));
      await sse.next((e) => (e.data as { text?: string }).text === 'Hello, a replacement is on its way.');

      expect(await webSays(token, 'thanks, when will it arrive?')).toEqual([]);
      await idle();
      expect(threadTexts(ts).at(-1)).toContain('thanks, when will it arrive?');

      await slackEvent(blockActionsBody(SLACK.li, 'kefu_resolve', caseId, ts));
      expect(await server.kefu.agentDesk.get(caseId)).toMatchObject({ status: 'resolved', assignee: 'li' });
      await sse.next((e) => /已处理完毕|resolved/.test((e.data as { text?: string }).text ?? ''));
      expect(threadTexts(ts).at(-1)).toContain('Resolved by *li*');
    } finally {
      sse.close();
    }
  });

  it('two agents press Claim at once: one wins, the other is told who has it', async () => {
    const { caseId } = await webComplaint();
    const ts = rootOf(caseId).ts!;
    const [a, b] = await Promise.all([
      postSigned(server.url, blockActionsBody(SLACK.wang, 'kefu_claim', caseId, ts)),
      postSigned(server.url, blockActionsBody(SLACK.li, 'kefu_claim', caseId, ts)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await idle();
    const c = await server.kefu.agentDesk.get(caseId);
    expect(c.status).toBe('assigned');
    const loser = c.assignee === 'wang' ? SLACK.li : SLACK.wang;
    expect(c.events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    expect(threadTexts(ts)).toContain(`<@${loser}> this case is already claimed by *${c.assignee}*.`);
  });

  it('refuses unknown Slack users and agents who do not own the case; nothing reaches the user', async () => {
    const { token, caseId } = await webComplaint();
    const sse = await openSseClient(`${server.url}/api/web/events?token=${encodeURIComponent(token)}`);
    try {
      const ts = rootOf(caseId).ts!;
      await slackEvent(blockActionsBody(SLACK.stranger, 'kefu_claim', caseId, ts));
      expect((await server.kefu.agentDesk.get(caseId)).status).toBe('queued');
      expect(threadTexts(ts).at(-1)).toContain(`<@${SLACK.stranger}> you are not on kefu's agent list`);

      await slackEvent(threadMessageEvent(SLACK.wang, ts, 'answering before claiming'));
      expect(threadTexts(ts).at(-1)).toContain('press *Claim* first');

      await slackEvent(blockActionsBody(SLACK.wang, 'kefu_claim', caseId, ts));
      await slackEvent(threadMessageEvent(SLACK.li, ts, 'li butting in'));
      expect(threadTexts(ts).at(-1)).toContain(`<@${SLACK.li}> only *wang*`);
      await slackEvent(threadMessageEvent(SLACK.wang, ts, '// internal: check the warehouse'));
      await slackEvent(threadMessageEvent(SLACK.stranger, ts, 'stranger text'));
      expect(threadTexts(ts).at(-1)).toContain(`<@${SLACK.stranger}> you are not on kefu's agent list`);

      const c = await server.kefu.agentDesk.get(caseId);
      expect(c.transcript.filter((t) => t.from === 'agent')).toEqual([]);
      expect(sse.events.filter((e) => e.event === 'message')).toEqual([]);
    } finally {
      sse.close();
    }
  });

  it('ignores messages outside case threads and processes a retried event once', async () => {
    const before = slackApi.state.calls.length;
    await slackEvent(threadMessageEvent(SLACK.wang, '1700000000.000001', 'not a case thread'));
    expect(slackApi.state.calls.length).toBe(before);

    const { token, caseId } = await webComplaint();
    const ts = rootOf(caseId).ts!;
    await slackEvent(blockActionsBody(SLACK.wang, 'kefu_claim', caseId, ts));
    const sse = await openSseClient(`${server.url}/api/web/events?token=${encodeURIComponent(token)}`);
    try {
      const event = threadMessageEvent(SLACK.wang, ts, 'only once please');
      await slackEvent(event);
      // Slack's retry: same event_id, signed again a second later.
      const retry = await postSigned(server.url, event, { timestamp: Math.floor(Date.now() / 1000) + 1 });
      expect(retry.status).toBe(200);
      await idle();
      await sse.next((e) => (e.data as { text?: string }).text === 'only once please');
      const c = await server.kefu.agentDesk.get(caseId);
      expect(c.transcript.filter((t) => t.text === 'only once please')).toHaveLength(1);
    } finally {
      sse.close();
    }
  });

  it('erasing a user scrubs their case threads: root re-rendered without the complaint, thread told, link forgotten', async () => {
    const { token, caseId } = await webComplaint();
    const ts = rootOf(caseId).ts!;
    expect(JSON.stringify(rootOf(caseId).blocks)).toContain('4402317789012345678');
    const userId = token.split('.')[0] ?? '';
    const res = await fetch(`${server.url}/api/agent/users/web/${userId}/data`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN.token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { removed: { other: number } }).removed.other).toBe(1);
    const scrubbed = JSON.stringify(lastUpdate(ts)?.blocks);
    expect(scrubbed).toContain(caseId);
    expect(scrubbed).not.toContain('4402317789012345678');
    expect(scrubbed).not.toContain('吹风机');
    expect(threadTexts(ts).join('\n')).toContain('personal data to be erased');
    // The thread no longer leads to the case: a reply there reaches no one.
    const before = slackApi.calls('chat.postMessage').length;
    await slackEvent(threadMessageEvent(SLACK.wang, ts, '还在吗？'));
    expect(slackApi.calls('chat.postMessage')).toHaveLength(before);
  });
});
