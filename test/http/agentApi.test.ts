import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKefu, AGENT, AGENT2 } from '../helpers/kefu.js';
import { openSseClient } from '../helpers/sse.js';
import type { Kefu } from '../../src/kefu.js';

let url: string;
let kefu: Kefu;
let stop: () => Promise<void>;
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const agentPost = (path: string, token: string, body: unknown = {}) =>
  fetch(`${url}/api/agent${path}`, {
    method: 'POST',
    headers: { ...as(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function userWithCase(): Promise<{ token: string; caseId: string }> {
  const s = (await (
    await fetch(`${url}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { token: string };
  const say = (text: string) =>
    fetch(`${url}/api/web/messages`, {
      method: 'POST',
      headers: { ...as(s.token), 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
  for (const text of ['吹风机坏了，订单号 4402317789012345678，想换货', '有照片', '跳过']) await say(text);
  const done = (await (await say('确认提交')).json()) as { replies: { text: string }[] };
  const caseId = /KF\d{8}-\w{4}/.exec(done.replies[0]?.text ?? '')?.[0];
  if (!caseId) throw new Error(`no case id in ${JSON.stringify(done)}`);
  return { token: s.token, caseId };
}

beforeAll(async () => {
  ({ url, kefu, stop } = await startKefu());
});
afterAll(async () => {
  await stop();
});

describe('agent API', () => {
  it('refuses requests without a valid agent token (401)', async () => {
    expect((await fetch(`${url}/api/agent/cases`)).status).toBe(401);
    expect((await fetch(`${url}/api/agent/cases`, { headers: as('wrong-token-wrong-token') })).status).toBe(
      401,
    );
    expect((await fetch(`${url}/api/agent/events?token=nope`)).status).toBe(401);
  });

  it('lists queued cases with transcript, and exactly one of two simultaneous claims wins (the other 409)', async () => {
    const { caseId } = await userWithCase();
    const list = (await (
      await fetch(`${url}/api/agent/cases?status=queued`, { headers: as(AGENT.token) })
    ).json()) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).toContain(caseId);
    const one = (await (
      await fetch(`${url}/api/agent/cases/${caseId}`, { headers: as(AGENT.token) })
    ).json()) as { case: { transcript: { from: string; text: string }[]; firstResponseDue: string } };
    expect(one.case.transcript.some((t) => t.from === 'user' && t.text.includes('吹风机'))).toBe(true);
    expect(one.case.firstResponseDue).toMatch(/\+08:00$/);
    const [a, b] = await Promise.all([
      agentPost(`/cases/${caseId}/claim`, AGENT.token),
      agentPost(`/cases/${caseId}/claim`, AGENT2.token),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await fetch(`${url}/api/agent/cases/KF00000000-NOPE`, { headers: as(AGENT.token) })).status).toBe(
      404,
    );
    expect((await fetch(`${url}/api/agent/cases?status=bogus`, { headers: as(AGENT.token) })).status).toBe(
      400,
    );
  });

  it('relays: the agent’s message reaches the user live, the bot stays silent, resolve brings it back', async () => {
    const { token, caseId } = await userWithCase();
    const userEvents = await openSseClient(`${url}/api/web/events?token=${token}`);
    const agentEvents = await openSseClient(`${url}/api/agent/events`, as(AGENT.token));
    expect(userEvents.status).toBe(200);
    expect((await agentPost(`/cases/${caseId}/claim`, AGENT.token)).status).toBe(200);
    // Only the assignee may answer.
    expect((await agentPost(`/cases/${caseId}/messages`, AGENT2.token, { text: 'hi' })).status).toBe(403);
    const sent = (await (
      await agentPost(`/cases/${caseId}/messages`, AGENT.token, { text: '您好，我是客服小王' })
    ).json()) as { delivered: boolean };
    expect(sent.delivered).toBe(true);
    await userEvents.next((e) => e.event === 'message' && JSON.stringify(e.data).includes('客服小王'));
    const silent = (await (
      await fetch(`${url}/api/web/messages`, {
        method: 'POST',
        headers: { ...as(token), 'content-type': 'application/json' },
        body: JSON.stringify({ text: '好的，什么时候发货' }),
      })
    ).json()) as { replies: unknown[] };
    expect(silent.replies).toEqual([]);
    await agentEvents.next(
      (e) => e.event === 'user_message' && JSON.stringify(e.data).includes('什么时候发货'),
    );
    expect((await agentPost(`/cases/${caseId}/messages`, AGENT.token, { text: '' })).status).toBe(400);
    const resolved = await agentPost(`/cases/${caseId}/resolve`, AGENT.token, { note: '已安排换货' });
    expect(resolved.status).toBe(200);
    await userEvents.next((e) => e.event === 'message' && JSON.stringify(e.data).includes('已安排换货'));
    const back = (await (
      await fetch(`${url}/api/web/messages`, {
        method: 'POST',
        headers: { ...as(token), 'content-type': 'application/json' },
        body: JSON.stringify({ text: '投诉电话多少' }),
      })
    ).json()) as { replies: { text: string }[] };
    expect(back.replies[0]?.text).toContain('400-860-8608');
    const c = await kefu.agentDesk.get(caseId);
    expect(c.status).toBe('resolved');
    expect(c.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['handoff_started', 'claimed', 'agent_message', 'resolved', 'handoff_ended']),
    );
    userEvents.close();
    agentEvents.close();
  });

  it('announces new cases on the agent event stream', async () => {
    const agentEvents = await openSseClient(`${url}/api/agent/events`, as(AGENT.token));
    const { caseId } = await userWithCase();
    await agentEvents.next(
      (e) => e.event === 'case_created' && (e.data as { caseId: string }).caseId === caseId,
    );
    agentEvents.close();
  });
});
